import { DescribeExecutionCommand } from "@aws-sdk/client-sfn";
import type { Deps } from "../runtime/deps";
import { getJourneyRecord, startJourney } from "./journey-execution";

/**
 * Makes sure a participant's journey has a running execution: if the recorded one has ended
 * (after an exit, then a resume) or is gone (lost, or the local engine restarted), the next
 * generation is started. Returns true when it started one.
 */
export async function ensureJourneyRunning(deps: Pick<Deps, "db" | "tableName" | "sfn" | "journeyStateMachineArn">, participantId: string) {
  const record = await getJourneyRecord(deps, participantId);
  if (!record) {
    await startJourney(deps, participantId, 1);
    return true;
  }
  try {
    const execution = await deps.sfn.send(new DescribeExecutionCommand({ executionArn: record.executionArn }));
    if (execution.status === "RUNNING") return false;
  } catch (error) {
    if ((error as Error).name !== "ExecutionDoesNotExist") throw error;
  }
  await startJourney(deps, participantId, record.generation + 1);
  return true;
}
