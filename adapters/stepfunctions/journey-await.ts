import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Deps } from "../deps";
import { keys } from "../dynamodb/keys";
import { conditionHeld } from "../dynamodb/conditional";
import type { JourneyPayload } from "../../core/wake/journey-payload";

/**
 * The journey's await parks with one DynamoDB write that Step Functions makes itself (an AWS SDK
 * integration with a callback token, workflows/journey.asl.json), not through a function: the
 * conditional UpdateItem below stores the token, and holds only while the journey record names
 * this execution's generation and no event has landed since the version the plan read. If either
 * fails, the write is refused and the workflow plans again, which also finds a newer generation
 * and ends. The plan hands the await the values as DynamoDB's API takes them (`parkParameters`).
 */
export const awaitUpdate = {
  UpdateExpression: "SET taskToken = :token, plannedVersion = :planned, checkedInAt = :now, wakeAt = :wakeAt",
  ConditionExpression: "generation = :generation AND eventVersion = :planned",
} as const;

/** What the await's write needs from the plan, as strings where DynamoDB's API wants them (numbers as `N`). */
export type ParkParameters = NonNullable<JourneyPayload["park"]>;

export function parkParameters(participantId: string, generation: number, plannedVersion: number, wakeAt: string, now: Date): ParkParameters {
  const key = keys.journey(participantId);
  return { pk: key.pk, sk: key.sk, generation: String(generation), plannedVersion: String(plannedVersion), wakeAt, checkedInAt: now.toISOString() };
}

/**
 * Gives a journey record that has no event version (one claimed before the version was kept) the
 * profile version the plan read, so that the await's condition has one to compare with. An event
 * that landed meanwhile has written its own, which stays; the await then finds it newer and the
 * plan runs again.
 */
export async function keepEventVersion(deps: Pick<Deps, "db" | "tableName">, participantId: string, version: number): Promise<void> {
  // Refused when there is no record to keep it on: nothing parks there.
  await conditionHeld(
    deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: keys.journey(participantId),
        UpdateExpression: "SET eventVersion = if_not_exists(eventVersion, :version)",
        ConditionExpression: "attribute_exists(generation)",
        ExpressionAttributeValues: { ":version": version },
      }),
    ),
  );
}
