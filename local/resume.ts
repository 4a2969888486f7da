import type { Deps } from "../shared/runtime/deps";
import { listTeams } from "../shared/data/teams";
import { listTeamParticipants } from "../shared/data/participants";
import { ensureJourneyRunning } from "../shared/workflow/ensure-running";

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
