import { DescribeExecutionCommand } from "@aws-sdk/client-sfn";
import type { Deps } from "../deps";
import { getJourneyRecord, startJourney } from "./journey-execution";

/**
 * Makes sure a participant's journey has a running execution: if the recorded one has ended or is
 * ending (after an exit, then a resume) or is gone (lost, or the local engine restarted), the next
 * generation is started. Returns true when it started one.
 */
export async function ensureJourneyRunning(deps: Pick<Deps, "db" | "tableName" | "sfn" | "journeyStateMachineArn">, participantId: string) {
  const record = await getJourneyRecord(deps, participantId);
  // An erased participant's journey was stopped for good (use-cases/participants/erase.ts).
  if (record?.erasedAt) return false;
  if (!record) {
    await startJourney(deps, participantId, 1);
    return true;
  }
  // An execution that decided to end may still show RUNNING for a moment: it will not plan again
  // (journey-execution.ts, endJourney), so the next generation must start now.
  if (record.endingVersion === undefined) {
    try {
      const execution = await deps.sfn.send(new DescribeExecutionCommand({ executionArn: record.executionArn }));
      if (execution.status === "RUNNING") return false;
    } catch (error) {
      if ((error as Error).name !== "ExecutionDoesNotExist") throw error;
    }
  }
  try {
    await startJourney(deps, participantId, record.generation + 1);
  } catch (error) {
    // That generation was started (by the ending execution's hand-over) and has ended already: it
    // started after this event was stored, so it planned with it.
    if ((error as Error).name === "ExecutionAlreadyExists") return false;
    throw error;
  }
  return true;
}
