import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Deps } from "../runtime/deps";
import type { ObligationKind } from "../domain/schemas";
import { index, keys } from "../data/keys";
import { queryAll } from "../data/query";

type Db = Pick<Deps, "db" | "tableName">;

/** A missed 30-day deadline as the journey recorded it for the team (shared/workflow/record-due.ts). */
export interface MissedDeadlineAlert {
  participantId: string;
  code: string;
  kind: ObligationKind;
  /** ISO instant: 00:00 local on the due date. */
  dueAt: string;
}

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

/**
 * How many participants a specialist follows now, in every team (exited ones are off the
 * caseload): the caseload limit is about the specialist's whole load, not one team's share. The
 * stored phase is exact for this: only an event exits or brings back a participant, and an event
 * always rewrites the profile. Counted on the caseload index; only the count crosses the wire.
 */
export async function countActiveCaseload(deps: Db, specialistId: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await deps.db.send(
      new QueryCommand({
        TableName: deps.tableName,
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :pk",
        FilterExpression: "#phase <> :exited",
        ExpressionAttributeNames: { "#phase": "phase" },
        ExpressionAttributeValues: { ":pk": index.caseload(specialistId), ":exited": "exited" },
        Select: "COUNT",
        ExclusiveStartKey: start,
      }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}

/** The record of a team's summary for a week, if one was claimed or sent (see shared/notify/send-once.ts). */
export async function findSummaryRecord(
  deps: Db,
  teamId: string,
  week: string,
): Promise<{ status: "claimed" | "sent"; sentAt?: string } | undefined> {
  const out = await deps.db.send(
    new GetCommand({ TableName: deps.tableName, Key: keys.summary(teamId, week), ConsistentRead: true }),
  );
  return out.Item ? { status: out.Item.status as "claimed" | "sent", sentAt: out.Item.sentAt as string | undefined } : undefined;
}
