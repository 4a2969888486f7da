import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { DescribeExecutionCommand, StopExecutionCommand } from "@aws-sdk/client-sfn";
import type { Deps } from "../../adapters/deps";
import { keys } from "../../adapters/dynamodb/keys";
import { queryAll } from "../../adapters/dynamodb/query";
import { eventFromItem, getParticipant, storedFold } from "../../adapters/dynamodb/participants";
import type { ParticipantEvent } from "../../core/domain/schemas";
import { parseIdempotencyEntry } from "../../adapters/dynamodb/idempotency";
import { foldJourney } from "../../core/journey/fold";
import { foldContext } from "../../core/participants/state";
import { erasedCode, type ParticipantProfile } from "../../core/participants/profile";
import { getJourneyRecord } from "../../adapters/stepfunctions/journey-execution";

type EraseDeps = Pick<Deps, "db" | "tableName" | "clock" | "sfn" | "deployment">;

/** What an event keeps after an erasure: what it was and when, which the team's past figures count. */
const keptEventAttributes = ["pk", "sk", "entity", "gsi2pk", "gsi2sk", "participantId", "teamId", "id", "type", "at", "recordedAt"];

/**
 * Erases one participant (GDPR art. 17). The profile keeps only what the team's past figures need
 * (team, specialist, referral, phase and obligations, in work or school) with a neutral code, and
 * a fold of what the events keep in place of the fold of the events as recorded; it
 * leaves the caseload index, so no caseload, day list or digest shows it. Every event keeps only
 * its id, type and instants; an employer's record of a contact about them no longer names them;
 * the missed-deadline alerts lose the code; the idempotency records
 * that hold the code or an event's details keep only a 410 answer naming the erased id (so that a
 * client replaying the referral's request is told, rather than registering the person again); the
 * journey is stopped and marked so that nothing starts it again.
 *
 * Each step is idempotent and the profile is marked first (which also refuses every later event
 * writer, see `profileUpdate`), so an erasure that stopped half-way is finished by asking again;
 * the answer keeps the first `erasedAt`.
 */
export async function eraseParticipant(deps: EraseDeps, profile: ParticipantProfile): Promise<{ id: string; erasedAt: string }> {
  const id = profile.id;
  let erasedAt = profile.erasedAt;
  if (!erasedAt) {
    erasedAt = deps.clock.now().toISOString();
    try {
      await deps.db.send(
        new UpdateCommand({
          TableName: deps.tableName,
          Key: keys.participant(id),
          UpdateExpression: "SET erasedAt = :at, code = :code REMOVE preferences, gsi1pk, gsi1sk, fold",
          ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(erasedAt)",
          ExpressionAttributeValues: { ":at": erasedAt, ":code": erasedCode },
        }),
      );
    } catch (error) {
      if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
      // Another erasure got there first: answer with its instant.
      erasedAt = (await getParticipant(deps, id))?.erasedAt ?? erasedAt;
    }
  }

  await stopJourney(deps, id, erasedAt);
  const remains = await scrubPartition(deps, id);
  await foldRemains(deps, id, profile.referredAt, remains);
  await deleteIdempotencyRecords(deps, id);
  return { id, erasedAt };
}

/** What a replay of a request about an erased participant is answered. */
export const erasedAnswer = (participantId: string) => ({ message: "participant: erased", id: participantId });

/** Marks the journey record (creating it if the journey never checked in), then stops the execution it names. */
async function stopJourney(deps: EraseDeps, participantId: string, erasedAt: string) {
  await deps.db.send(
    new UpdateCommand({
      TableName: deps.tableName,
      Key: keys.journey(participantId),
      UpdateExpression: "SET erasedAt = if_not_exists(erasedAt, :at) REMOVE taskToken, plannedVersion, wakeAt",
      ExpressionAttributeValues: { ":at": erasedAt },
    }),
  );
  const record = await getJourneyRecord(deps, participantId);
  if (!record?.executionArn) return;
  try {
    const execution = await deps.sfn.send(new DescribeExecutionCommand({ executionArn: record.executionArn }));
    if (execution.status !== "RUNNING") return;
    await deps.sfn.send(new StopExecutionCommand({ executionArn: record.executionArn, error: "Erased", cause: "the participant was erased" }));
  } catch (error) {
    if ((error as Error).name !== "ExecutionDoesNotExist") throw error;
  }
}

/**
 * Every item of the participant's partition: events cut to their kept attributes, alerts without
 * the code. Returns the events as they are left.
 */
async function scrubPartition(deps: EraseDeps, participantId: string) {
  const items = await queryAll(deps, {
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.participant(participantId).pk },
    ConsistentRead: true,
  });
  const remains: ParticipantEvent[] = [];
  for (const item of items) {
    const sk = String(item.sk);
    if (sk.startsWith("EVENT#")) {
      const kept = Object.fromEntries(Object.entries(item).filter(([name]) => keptEventAttributes.includes(name)));
      remains.push(eventFromItem(kept));
      if (Object.keys(kept).length === Object.keys(item).length) continue;
      // The employer keeps the contact (its figures count it), no longer who it was about. Done
      // before the event loses its employerId, so that a repeated erasure still finds it.
      if (item.type === "employer-contact" && typeof item.employerId === "string") {
        await deps.db.send(
          new UpdateCommand({
            TableName: deps.tableName,
            Key: keys.employerContact(item.employerId, String(item.at), String(item.id)),
            UpdateExpression: "REMOVE participantId",
            ConditionExpression: "attribute_exists(pk)",
          }),
        ).catch((error: Error) => {
          if (error.name !== "ConditionalCheckFailedException") throw error;
        });
      }
      await deps.db.send(new PutCommand({ TableName: deps.tableName, Item: kept }));
    } else if (sk.startsWith("MISSED#") && "code" in item) {
      await deps.db.send(new UpdateCommand({ TableName: deps.tableName, Key: { pk: item.pk, sk: item.sk }, UpdateExpression: "REMOVE code" }));
    }
  }
  return remains;
}

/**
 * The team's past figures still count an erased participant, from what the events kept (type and
 * instants). The fold of those remains is stored, so that the weekly summary need not read them
 * every week; it holds nothing the remains do not.
 */
async function foldRemains(deps: EraseDeps, participantId: string, referredAt: string, remains: ParticipantEvent[]) {
  const fold = foldJourney(referredAt, remains, foldContext(deps.deployment));
  await deps.db.send(
    new UpdateCommand({
      TableName: deps.tableName,
      Key: keys.participant(participantId),
      UpdateExpression: "SET fold = :fold",
      ConditionExpression: "attribute_exists(erasedAt)",
      ExpressionAttributeValues: { ":fold": storedFold(fold) },
    }),
  );
}

/**
 * The stored answers of the participant's creation and events hold the code and the event bodies:
 * each becomes "gone", and expires when the answer it replaces would have.
 */
async function deleteIdempotencyRecords(deps: EraseDeps, participantId: string) {
  const profile = await getParticipant(deps, participantId);
  const entries = [...(profile?.idempotencyKeys ?? [])];
  for (const entry of entries) {
    const { scope, key } = parseIdempotencyEntry(entry);
    try {
      await deps.db.send(
        new UpdateCommand({
          TableName: deps.tableName,
          Key: keys.idempotency(scope, key),
          UpdateExpression: "SET statusCode = :gone, body = :body",
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeValues: { ":gone": 410, ":body": erasedAnswer(participantId) },
        }),
      );
    } catch (error) {
      // Expired already: nothing is left to replay.
      if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
    }
  }
  if (entries.length > 0) {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: keys.participant(participantId),
        UpdateExpression: "DELETE idempotencyKeys :done",
        ExpressionAttributeValues: { ":done": new Set(entries) },
      }),
    );
  }
}
