import { GetCommand, UpdateCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { SendTaskFailureCommand, SendTaskSuccessCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { Deps } from "../deps";
import { keys } from "../dynamodb/keys";
import { queryAll } from "../dynamodb/query";
import { conditionHeld } from "../dynamodb/conditional";
import { profileFromItem } from "../dynamodb/participants";
import { awaitUpdate } from "./journey-await";
import type { ParticipantProfile } from "../../core/participants/profile";

/**
 * The link between a participant and their journey execution. Journeys run for years, longer than
 * a Standard execution may live (1 year, 25,000 history events), so a journey continues as a fresh
 * execution of itself: generation 1, 2, 3, ... each with a deterministic name, which also makes
 * every start idempotent.
 */
export interface JourneyRecord {
  participantId: string;
  generation: number;
  executionArn: string;
  startedAt: string;
  /** The callback token of the await the execution is parked in, if any. */
  taskToken?: string;
  /** The profile version the parked execution planned against. */
  plannedVersion?: number;
  /** When the parked execution wakes by itself (its await times out no earlier). */
  wakeAt?: string;
  /** Last time the execution checked in (planned its next wake). */
  checkedInAt?: string;
  /**
   * Set when the execution decided to end (the participant exited), to the profile version it
   * decided on: from then on an event writer cannot count on this execution to see its event and
   * starts the next generation itself (see `endJourney`).
   */
  endingVersion?: number;
  /** Set when the participant was erased: nothing starts, claims or wakes this journey again. */
  erasedAt?: string;
  /** The profile version of the latest event (written by each event's transaction), for a park to compare with. */
  eventVersion?: number;
}

/** Payload of the journey workflow's input. Versioned: handlers accept this and the previous version. */
export interface JourneyExecutionInput {
  version: 1;
  participantId: string;
  generation: number;
}

export const executionName = (participantId: string, generation: number) => `${participantId}-g${generation}`;

export function journeyExecutionInput(participantId: string, generation: number): JourneyExecutionInput {
  return { version: 1, participantId, generation };
}

/** Starts (or finds, since the name is deterministic) the given generation of a journey. */
export async function startJourney(deps: Pick<Deps, "sfn" | "journeyStateMachineArn">, participantId: string, generation: number) {
  const out = await deps.sfn.send(
    new StartExecutionCommand({
      stateMachineArn: deps.journeyStateMachineArn,
      name: executionName(participantId, generation),
      input: JSON.stringify(journeyExecutionInput(participantId, generation)),
    }),
  );
  return out.executionArn!;
}

export async function getJourneyRecord(deps: Pick<Deps, "db" | "tableName">, participantId: string) {
  const out = await deps.db.send(
    new GetCommand({ TableName: deps.tableName, Key: keys.journey(participantId), ConsistentRead: true }),
  );
  return journeyRecordOf(out.Item);
}

function journeyRecordOf(item: Record<string, unknown> | undefined): JourneyRecord | undefined {
  // An event recorded before the journey's first claim leaves only its version: no journey yet.
  if (!item || (item.generation === undefined && item.erasedAt === undefined)) return undefined;
  const { pk: _pk, sk: _sk, ...record } = item;
  return record as unknown as JourneyRecord;
}

/**
 * A participant's profile and journey record in one request: a Query of their partition from
 * `JOURNEY` to `PROFILE` (the keys sort so; the few missed-deadline alerts, `MISSED#…`, lie
 * between and are passed over). What an event's writer and the plan need before they write.
 */
export async function getParticipantAndJourney(
  deps: Pick<Deps, "db" | "tableName">,
  participantId: string,
): Promise<{ profile?: ParticipantProfile; journey?: JourneyRecord }> {
  const { pk, sk: journeySk } = keys.journey(participantId);
  const profileSk = keys.participant(participantId).sk;
  const items = await queryAll(deps, {
    KeyConditionExpression: "pk = :pk AND sk BETWEEN :journey AND :profile",
    ExpressionAttributeValues: { ":pk": pk, ":journey": journeySk, ":profile": profileSk },
    ConsistentRead: true,
  });
  const profile = items.find((item) => item.sk === profileSk);
  return { profile: profile ? profileFromItem(profile) : undefined, journey: journeyRecordOf(items.find((item) => item.sk === journeySk)) };
}

/**
 * Records that an execution (re)took a participant's journey. A newer generation always wins over
 * an older one, so a late write of a finished generation cannot hide the running one. Everything
 * the previous execution left (its token, planned version and wake, an ending mark) goes; the
 * version of the latest event stays, for this execution's first park to compare with.
 */
export async function claimJourney(
  deps: Pick<Deps, "db" | "tableName" | "clock">,
  record: Pick<JourneyRecord, "participantId" | "generation" | "executionArn" | "startedAt">,
  /**
   * The profile version read before the claim, kept as the event version where the record has
   * none yet (no event recorded since it was kept), so that a park can always compare with one.
   * An event that lands meanwhile has written its own, which stays.
   */
  profileVersion?: number,
): Promise<boolean> {
  const keepVersion = profileVersion === undefined ? "" : ", eventVersion = if_not_exists(eventVersion, :version)";
  return conditionHeld(
    deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: keys.journey(record.participantId),
        UpdateExpression:
          "SET participantId = :participant, generation = :generation, executionArn = :arn, startedAt = :started, checkedInAt = :now" +
          keepVersion +
          " REMOVE taskToken, plannedVersion, wakeAt, endingVersion",
        // Never after an erasure: the journey of an erased participant stays stopped. (An event
        // recorded before the first claim leaves a record with only its `eventVersion`.)
        ConditionExpression: "attribute_not_exists(erasedAt) AND (attribute_not_exists(generation) OR generation <= :generation)",
        ExpressionAttributeValues: {
          ":participant": record.participantId,
          ":generation": record.generation,
          ":arn": record.executionArn,
          ":started": record.startedAt,
          ":now": deps.clock.now().toISOString(),
          ...(profileVersion === undefined ? {} : { ":version": profileVersion }),
        },
      }),
    ),
  );
}

/**
 * Parks a journey: stores the callback token, but only while no event has landed since the version
 * the execution planned against. If one did, the store is refused and the caller wakes the
 * execution at once: that closes the race between "plan" and "an event arrives". If a newer
 * generation owns the journey, this execution is superseded and should end.
 *
 * Every event's transaction writes the version it brought to the journey record
 * (`eventVersionUpdate`), so the condition of this one write sees an event that landed after the
 * plan: either the event's transaction came first (the condition fails) or this write did (the
 * event's writer then reads the record, finds the token and wakes the journey). A record without
 * that version (no event recorded yet, or the events written before it was kept) falls back to
 * reading the profile's version after storing the token.
 */
export async function parkJourney(
  deps: Pick<Deps, "db" | "tableName" | "clock">,
  participantId: string,
  generation: number,
  taskToken: string,
  plannedVersion: number,
  wakeAt?: string,
): Promise<"parked" | "stale" | "superseded"> {
  let stored: Record<string, unknown> | undefined;
  try {
    const out = await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: keys.journey(participantId),
        // A plan from before `wakeAt` existed leaves none: an older park's would no longer hold.
        UpdateExpression: wakeAt ? awaitUpdate.UpdateExpression : "SET taskToken = :token, plannedVersion = :planned, checkedInAt = :now REMOVE wakeAt",
        ConditionExpression: "generation = :generation AND (attribute_not_exists(eventVersion) OR eventVersion = :planned)",
        ReturnValues: "ALL_NEW",
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        ExpressionAttributeValues: {
          ":token": taskToken,
          ":planned": plannedVersion,
          ":generation": generation,
          ":now": deps.clock.now().toISOString(),
          ...(wakeAt ? { ":wakeAt": wakeAt } : {}),
        },
      }),
    );
    stored = out.Attributes;
  } catch (error) {
    if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
    // The document client leaves the item of a failed condition in DynamoDB's own format.
    const item = (error as { Item?: Record<string, AttributeValue> }).Item;
    const owner = item ? unmarshall(item) : undefined;
    return typeof owner?.generation === "number" && owner.generation > generation ? "superseded" : "stale";
  }
  if (stored?.eventVersion === plannedVersion) return "parked";
  // The event writer bumps the profile version and then reads this record: if the version moved
  // between planning and this write, the writer may have read the record before the token was
  // there, so check the version after storing.
  return (await profileVersion(deps, participantId)) === plannedVersion ? "parked" : "stale";
}

/** The participant's event version now (the second half of the park and end handshakes). */
async function profileVersion(deps: Pick<Deps, "db" | "tableName">, participantId: string): Promise<number> {
  const profile = await deps.db.send(
    new GetCommand({ TableName: deps.tableName, Key: keys.participant(participantId), ConsistentRead: true, ProjectionExpression: "version" }),
  );
  return (profile.Item?.version as number | undefined) ?? 0;
}

/**
 * Ends a journey after an exit, without losing an event that lands meanwhile (a return right after
 * the exit). The same handshake as `parkJourney`: first the record says the execution is ending
 * (and holds no token any more), then the profile version is read again. A writer that commits
 * after that read finds the mark and starts the next generation (ensure-running.ts); if a writer
 * committed before it, the version has moved and the caller hands over to the next generation
 * instead of ending. Both paths start the same deterministically named generation, so at most one
 * runs. Without this, a resume recorded while the exited journey was on its way out woke nothing
 * (the execution was still RUNNING when the writer looked) and the returned participant had no
 * journey at all.
 */
export async function endJourney(
  deps: Pick<Deps, "db" | "tableName" | "clock">,
  participantId: string,
  generation: number,
  plannedVersion: number,
): Promise<"ended" | "stale"> {
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: keys.journey(participantId),
        UpdateExpression: "SET endingVersion = :planned, checkedInAt = :now REMOVE taskToken, plannedVersion, wakeAt",
        ConditionExpression: "generation = :generation",
        ExpressionAttributeValues: { ":planned": plannedVersion, ":generation": generation, ":now": deps.clock.now().toISOString() },
      }),
    );
  } catch (error) {
    // A newer generation owns the journey: this one just ends.
    if ((error as Error).name === "ConditionalCheckFailedException") return "ended";
    throw error;
  }
  return (await profileVersion(deps, participantId)) === plannedVersion ? "ended" : "stale";
}

/**
 * The write of an event's version to the journey record, as part of the event's transaction (see
 * `parkJourney`). It creates the record when the journey has not claimed it yet.
 */
export function eventVersionUpdate(
  deps: Pick<Deps, "tableName">,
  participantId: string,
  version: number,
  /**
   * The callback token the writer read before its transaction (null: none), when it read the
   * journey record then: the write holds only while that token is still the record's, so that the
   * writer may wake the journey with what it read, without reading the record again.
   */
  seenToken?: string | null,
): NonNullable<TransactWriteCommandInput["TransactItems"]>[number] {
  return {
    Update: {
      TableName: deps.tableName,
      Key: keys.journey(participantId),
      UpdateExpression: "SET eventVersion = :version",
      ...(seenToken === null ? { ConditionExpression: "attribute_not_exists(taskToken)" } : {}),
      ...(typeof seenToken === "string" ? { ConditionExpression: "taskToken = :token" } : {}),
      ExpressionAttributeValues: { ":version": version, ...(typeof seenToken === "string" ? { ":token": seenToken } : {}) },
    },
  };
}

/** Errors that mean the token is no longer waiting: the execution moved on already. */
const goneTokenErrors = new Set(["TaskTimedOut", "InvalidToken", "TaskDoesNotExist"]);

/**
 * Wakes a parked journey so that it plans again at once (after an event was recorded), unless
 * `needsWake` says the journey's own wake still comes in time. Returns false when there was no
 * journey to wake (none parked, or its token is gone): the caller then makes sure one runs.
 */
export async function wakeJourney(
  deps: Pick<Deps, "db" | "tableName" | "sfn">,
  participantId: string,
  reason: string,
  needsWake: (record: JourneyRecord) => boolean,
  /** The record as read before, when the caller knows it is still current (null: there is none). */
  known?: JourneyRecord | null,
) {
  const record = known === undefined ? await getJourneyRecord(deps, participantId) : (known ?? undefined);
  if (record?.erasedAt) return true;
  if (!record?.taskToken) return false;
  if (!needsWake(record)) return true;
  return sendWake(deps, record.taskToken, reason);
}

export async function sendWake(deps: Pick<Deps, "sfn">, taskToken: string, reason: string): Promise<boolean> {
  return handBack(deps, taskToken, { woken: reason });
}

/** Completes a callback task with its result (the plan step's, for the workflow's next state). */
export async function handBack(deps: Pick<Deps, "sfn">, taskToken: string, result: unknown): Promise<boolean> {
  return settled(deps.sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(result) })));
}

/**
 * Fails the task that decided to leave the journey's loop (the plan task; in the previous
 * definition, the await) with the error its Catch routes to the hand-over or the end. Not a
 * failure of anything: the definition leaves the loop this way instead of through a Choice state
 * after every plan.
 */
export async function leaveLoop(deps: Pick<Deps, "sfn">, taskToken: string, error: string): Promise<boolean> {
  return settled(deps.sfn.send(new SendTaskFailureCommand({ taskToken, error, cause: "decided by the plan step" })));
}

/** True when the task took the callback; false when its token was no longer waiting. */
async function settled(callback: Promise<unknown>): Promise<boolean> {
  try {
    await callback;
    return true;
  } catch (error) {
    if (goneTokenErrors.has((error as Error).name)) return false;
    throw error;
  }
}
