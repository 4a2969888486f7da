import { DescribeExecutionCommand } from "@aws-sdk/client-sfn";
import type { Deps } from "../deps";
import { getJourneyRecord } from "./journey-execution";

/** The current generation of a participant's journey, its execution status and when it started. */
export async function describeJourney(deps: Pick<Deps, "db" | "tableName" | "sfn">, participantId: string) {
  const record = await getJourneyRecord(deps, participantId);
  if (!record) return { participantId, generation: null, status: "NOT_STARTED" as const };
  let status: string;
  try {
    const execution = await deps.sfn.send(new DescribeExecutionCommand({ executionArn: record.executionArn }));
    status = execution.status ?? "UNKNOWN";
  } catch (error) {
    if ((error as Error).name !== "ExecutionDoesNotExist") throw error;
    // The execution is gone (the local engine restarted); the next event starts a new generation.
    status = "LOST";
  }
  return {
    participantId,
    generation: record.generation,
    executionArn: record.executionArn,
    status,
    startedAt: record.startedAt,
    checkedInAt: record.checkedInAt ?? null,
    // The token stays on the record after a wake until the next park or claim replaces it, so it
    // only means "parked" while the execution runs.
    parked: status === "RUNNING" && Boolean(record.taskToken),
  };
}
