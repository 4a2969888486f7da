import type { Deps } from "../adapters/deps";
import { listTeams } from "../adapters/dynamodb/teams";
import { listTeamParticipants } from "../adapters/dynamodb/participants";
import { ensureJourneyRunning } from "../adapters/stepfunctions/ensure-running";

/**
 * After a restart the local engine has no executions: DynamoDB is the truth, so every journey
 * that has not ended is started again at its current generation (the same thing that recovers a
 * lost execution in AWS).
 */
export async function resumeJourneys(deps: Deps): Promise<number> {
  let resumed = 0;
  for (const team of await listTeams(deps)) {
    for (const participant of await listTeamParticipants(deps, team.id)) {
      if (participant.phase === "exited") continue;
      if (await ensureJourneyRunning(deps, participant.id)) resumed++;
    }
  }
  return resumed;
}
