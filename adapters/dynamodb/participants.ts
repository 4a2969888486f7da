import { deflateRawSync, inflateRawSync } from "node:zlib";
import { GetCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Deps } from "../deps";
import type { ParticipantEvent } from "../../core/domain/schemas";
import type { StoredState, ParticipantProfile } from "../../core/participants/profile";
import type { JourneyFold } from "../../core/journey/fold";
import { index, keys } from "./keys";
import { fromItem } from "./items";
import { queryAll } from "./query";

type Db = Pick<Deps, "db" | "tableName">;

export function profileItem(profile: ParticipantProfile): Record<string, unknown> {
  return {
    ...keys.participant(profile.id),
    entity: "participant",
    gsi1pk: index.caseload(profile.specialistId),
    gsi1sk: index.caseloadOrder(profile.nextDueAt, profile.id),
    gsi2pk: index.team(profile.teamId),
    gsi2sk: index.participantInTeam(profile.id),
    ...profile,
    ...(profile.fold ? { fold: storedFold(profile.fold) } : {}),
  };
}

/**
 * The fold as the profile stores it: deflated JSON (binary), about a third of its size. The
 * profile is written with every event and copied into both indexes, and each write is billed by
 * the kilobyte of the item in the table and in each index.
 */
export function storedFold(fold: JourneyFold): Uint8Array {
  return deflateRawSync(JSON.stringify(fold));
}

/** A profile as read from the table or an index, its fold inflated. */
export function profileFromItem(item: Record<string, unknown>): ParticipantProfile {
  const profile = fromItem<ParticipantProfile & { fold?: unknown }>(item);
  if (profile.fold instanceof Uint8Array) profile.fold = JSON.parse(inflateRawSync(profile.fold).toString("utf8")) as JourneyFold;
  return profile as ParticipantProfile;
}

export async function getParticipant(deps: Db, id: string): Promise<ParticipantProfile | undefined> {
  const out = await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: keys.participant(id), ConsistentRead: true }));
  return out.Item ? profileFromItem(out.Item) : undefined;
}

export async function listEvents(deps: Db, participantId: string): Promise<ParticipantEvent[]> {
  const items = await queryAll(deps, {
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :event)",
    ExpressionAttributeValues: { ":pk": keys.participant(participantId).pk, ":event": "EVENT#" },
    ConsistentRead: true,
  });
  return items.map(eventFromItem);
}

/** A participant's event as stored in their partition, without the table's and the index's attributes. */
export function eventFromItem(item: Record<string, unknown>): ParticipantEvent {
  const { participantId: _p, teamId: _t, ...event } = fromItem<ParticipantEvent & { participantId: string; teamId: string }>(item);
  return event as ParticipantEvent;
}

/** A specialist's caseload, ordered by next due date (GSI1). */
export async function listCaseload(deps: Db, specialistId: string): Promise<ParticipantProfile[]> {
  const items = await queryAll(deps, {
    IndexName: "gsi1",
    KeyConditionExpression: "gsi1pk = :pk",
    ExpressionAttributeValues: { ":pk": index.caseload(specialistId) },
  });
  return items.map(profileFromItem);
}

/** A team's participants (GSI2). */
export async function listTeamParticipants(deps: Db, teamId: string): Promise<ParticipantProfile[]> {
  const items = await queryAll(deps, {
    IndexName: "gsi2",
    KeyConditionExpression: "gsi2pk = :pk AND begins_with(gsi2sk, :p)",
    ExpressionAttributeValues: { ":pk": index.team(teamId), ":p": "PARTICIPANT#" },
  });
  return items.map(profileFromItem);
}

/** A team's events in [from, to), in time order (GSI2). */
export async function listTeamEvents(
  deps: Db,
  teamId: string,
  from: string,
  to: string,
): Promise<Array<ParticipantEvent & { participantId: string }>> {
  const items = await queryAll(deps, {
    IndexName: "gsi2",
    KeyConditionExpression: "gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to",
    ExpressionAttributeValues: { ":pk": index.team(teamId), ":from": `EVENT#${from}`, ":to": `EVENT#${to}` },
  });
  return items
    .map((item) => fromItem<ParticipantEvent & { participantId: string; teamId?: string }>(item))
    .filter((event) => event.at < to)
    .map(({ teamId: _t, ...event }) => event as ParticipantEvent & { participantId: string });
}

/** The put of one event, as part of a transaction; it can never be written twice. */
export function eventPut(
  deps: Db,
  profile: Pick<ParticipantProfile, "id" | "teamId">,
  event: ParticipantEvent,
): NonNullable<TransactWriteCommandInput["TransactItems"]>[number] {
  return {
    Put: {
      TableName: deps.tableName,
      Item: {
        ...keys.event(profile.id, event.at, event.id),
        entity: "event",
        gsi2pk: index.team(profile.teamId),
        gsi2sk: index.eventInTeam(event.at, event.id),
        participantId: profile.id,
        ...event,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

/**
 * Replaces the stored state of a profile, but only if no other writer got there first
 * (`version` unchanged): the caller recomputes from events and tries again.
 */
export function profileUpdate(
  deps: Db,
  profile: ParticipantProfile,
  state: StoredState,
  nextVersion: number,
  /**
   * The records that hold the participant's data, for an erasure to find: the profile's entries
   * with the one written in the same transaction (`rememberEntry`).
   */
  idempotencyKeys?: Set<string>,
  /** The events folded anew (core/journey/fold.ts), when they were. */
  fold?: JourneyFold,
): NonNullable<TransactWriteCommandInput["TransactItems"]>[number] {
  return {
    Update: {
      TableName: deps.tableName,
      Key: keys.participant(profile.id),
      UpdateExpression:
        "SET phase = :phase, obligations = :obligations, nextDueAt = :nextDueAt, inWork = :inWork, inSchool = :inSchool, missedFirstEmployerContact = :missed, nextChangeAt = :nextChangeAt, evaluatedAt = :evaluatedAt, rulesVersion = :rulesVersion, placementEndsAt = :placementEndsAt, gsi1sk = :order, version = :next" +
        (fold ? ", fold = :fold" : "") +
        (idempotencyKeys ? ", idempotencyKeys = :keys" : ""),
      // An erased participant is never written again (an erasure may land between read and write).
      ConditionExpression: "version = :expected AND attribute_not_exists(erasedAt)",
      ExpressionAttributeValues: {
        ...(idempotencyKeys ? { ":keys": idempotencyKeys } : {}),
        ...(fold ? { ":fold": storedFold(fold) } : {}),
        ":phase": state.phase,
        ":obligations": state.obligations,
        ":nextDueAt": state.nextDueAt,
        ":inWork": state.inWork,
        ":inSchool": state.inSchool,
        ":missed": state.missedFirstEmployerContact,
        ":nextChangeAt": state.nextChangeAt,
        ":evaluatedAt": state.evaluatedAt,
        ":rulesVersion": state.rulesVersion,
        ":placementEndsAt": state.placementEndsAt,
        ":order": index.caseloadOrder(state.nextDueAt, profile.id),
        ":next": nextVersion,
        ":expected": profile.version,
      },
    },
  };
}

/**
 * The same replacement on its own, outside a transaction: a single conditional update costs half
 * the write units of a one-item transaction and is just as atomic.
 */
export async function updateProfileState(deps: Db, profile: ParticipantProfile, state: StoredState, nextVersion: number, fold?: JourneyFold) {
  const { Update } = profileUpdate(deps, profile, state, nextVersion, undefined, fold);
  await deps.db.send(new UpdateCommand(Update!));
}

export async function transact(deps: Db, items: NonNullable<TransactWriteCommandInput["TransactItems"]>) {
  await deps.db.send(new TransactWriteCommand({ TransactItems: items }));
}

/**
 * The record that an obligation came due, as part of an event's transaction: keyed by the due
 * minute and kind like the journey's own (use-cases/journey/record-due.ts), and an update that
 * keeps the first `recordedAt`, since a transaction cannot skip an item whose condition fails.
 */
export function dueRecordUpdate(
  deps: Db,
  participantId: string,
  due: { kind: string; dueAt: string },
  now: Date,
): NonNullable<TransactWriteCommandInput["TransactItems"]>[number] {
  return {
    Update: {
      TableName: deps.tableName,
      Key: keys.dueRecord(participantId, due.kind, due.dueAt),
      UpdateExpression: "SET entity = :entity, participantId = :participantId, kind = :kind, dueAt = :dueAt, recordedAt = if_not_exists(recordedAt, :now)",
      ExpressionAttributeValues: { ":entity": "due", ":participantId": participantId, ":kind": due.kind, ":dueAt": due.dueAt, ":now": now.toISOString() },
    },
  };
}
