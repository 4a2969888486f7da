import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Deps } from "../deps";
import type { MissedDeadlineAlert, TeamContact } from "../../core/summary/figures";
import type { Phase, Team } from "../../core/domain/schemas";
import { getItems, keyOf } from "./batch-get";
import { fromItem } from "./items";
import { index, keys } from "./keys";
import { queryAll } from "./query";

type Db = Pick<Deps, "db" | "tableName">;

/** The team's recorded missed deadlines that fell due before `before` (GSI2, ALERT# items). */
export async function listTeamMissedDeadlines(deps: Db, teamId: string, before: string): Promise<MissedDeadlineAlert[]> {
  const items = await queryAll(deps, {
    IndexName: "gsi2",
    KeyConditionExpression: "gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to",
    ExpressionAttributeValues: { ":pk": index.team(teamId), ":from": "ALERT#", ":to": `ALERT#${before}` },
    ProjectionExpression: "#participant, #code, #kind, #due",
    ExpressionAttributeNames: { "#participant": "participantId", "#code": "code", "#kind": "kind", "#due": "dueAt" },
  });
  return items
    .map((item) => item as unknown as MissedDeadlineAlert)
    .filter((alert) => Date.parse(alert.dueAt) < Date.parse(before));
}

/** A participant on a specialist's caseload index entry: which team, and the stored phase. */
export interface CaseloadEntry {
  participantId: string;
  teamId: string;
  phase: Phase;
}

/**
 * A specialist's participants in every team, exited ones included: one Query on the caseload
 * index (GSI1 `CASELOAD#specialistId`), projected to the id, team and phase. It serves two figures:
 * the active caseload (the stored phase is exact for "exited": only an event exits or brings back
 * a participant, and an event always rewrites the profile), and which of the specialist's
 * participants are in other teams, for the employer contacts of the specialist's whole week.
 * A COUNT Query would read the same items and cost the same read units; only three small
 * attributes per participant cross the wire here.
 */
export async function listSpecialistParticipants(deps: Db, specialistId: string): Promise<CaseloadEntry[]> {
  const items = await queryAll(deps, {
    IndexName: "gsi1",
    KeyConditionExpression: "gsi1pk = :pk",
    ExpressionAttributeValues: { ":pk": index.caseload(specialistId) },
    ProjectionExpression: "#id, #team, #phase",
    ExpressionAttributeNames: { "#id": "id", "#team": "teamId", "#phase": "phase" },
  });
  return items.map((item) => ({ participantId: item.id as string, teamId: item.teamId as string, phase: item.phase as Phase }));
}

/**
 * A team's employer contacts in [from, to): one Query on the team's events (GSI2 `TEAM#teamId`,
 * `EVENT#<at>` sort keys) over that span only, filtered to employer contacts and projected to the
 * participant and instant. The filter saves the transfer, not the read units: those are the
 * span's events of the team, a week's worth.
 */
export async function listTeamEmployerContacts(deps: Db, teamId: string, from: string, to: string): Promise<TeamContact[]> {
  const items = await queryAll(deps, {
    IndexName: "gsi2",
    KeyConditionExpression: "gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to",
    FilterExpression: "#type = :contact",
    ProjectionExpression: "#participant, #at",
    ExpressionAttributeNames: { "#type": "type", "#participant": "participantId", "#at": "at" },
    ExpressionAttributeValues: { ":pk": index.team(teamId), ":from": `EVENT#${from}`, ":to": `EVENT#${to}`, ":contact": "employer-contact" },
  });
  return items
    .map((item) => ({ participantId: item.participantId as string, at: item.at as string }))
    .filter((contact) => Date.parse(contact.at) >= Date.parse(from) && Date.parse(contact.at) < Date.parse(to));
}

/** The record of a team's summary for a week, if one was claimed or sent (see adapters/ses/send-once.ts). */
export async function findSummaryRecord(
  deps: Db,
  teamId: string,
  week: string,
): Promise<SummaryRecord | undefined> {
  const out = await deps.db.send(
    new GetCommand({ TableName: deps.tableName, Key: keys.summary(teamId, week), ConsistentRead: true }),
  );
  return out.Item ? summaryRecordOf(out.Item) : undefined;
}

export type SummaryRecord = { status: "claimed" | "sent"; sentAt?: string };
const summaryRecordOf = (item: Record<string, unknown>): SummaryRecord => ({ status: item.status as "claimed" | "sent", sentAt: item.sentAt as string | undefined });

/**
 * The team and the record of its summary for a week, in one request (the summary's first read).
 */
export async function getTeamAndSummaryRecord(
  deps: Db,
  teamId: string,
  week: string,
): Promise<{ team: Team | undefined; record: SummaryRecord | undefined }> {
  const teamKey = keys.team(teamId);
  const recordKey = keys.summary(teamId, week);
  const items = await getItems(deps, [teamKey, recordKey], { consistent: true });
  const teamItem = items.get(keyOf(teamKey));
  const recordItem = items.get(keyOf(recordKey));
  return { team: teamItem && fromItem<Team>(teamItem), record: recordItem && summaryRecordOf(recordItem) };
}
