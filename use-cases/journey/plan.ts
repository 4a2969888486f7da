import type { Deps } from "../../adapters/deps";
import { getParticipant } from "../../adapters/dynamodb/participants";
import { currentState } from "../participants/current-state";
import { nextWakeAt } from "../../core/wake/next-wake";
import { recordDueObligations } from "./record-due";
import { claimJourney, endJourney } from "../../adapters/stepfunctions/journey-execution";
import {
  MAX_GENERATION_DAYS,
  MAX_PLANS_PER_GENERATION,
  LEAVING_WAIT_SECONDS,
  MAX_WAIT_SECONDS,
  superseded,
  type JourneyPayload,
} from "../../core/wake/journey-payload";

/**
 * One "plan" step of a participant's journey: bring the participant's state up to date (from the
 * events, unless the stored state still holds: see current-state.ts), after a timeout record what
 * came due, and decide what the execution does next: await until the next change (or an event),
 * hand over to the next generation, or end (exited, or superseded by a newer generation).
 */
export async function planJourney(
  deps: Deps,
  input: { state: JourneyPayload; executionArn: string; executionStartedAt: string },
): Promise<JourneyPayload> {
  const { timedOut, wake, wakeAt: _planned, ...state } = input.state;
  const now = deps.clock.now();
  const next = { ...state, iteration: state.iteration + 1, waitSeconds: LEAVING_WAIT_SECONDS };
  if (wake?.woken === superseded) return { ...next, action: "end" };
  if (state.iteration === 0) {
    const claimed = await claimJourney(deps, {
      participantId: state.participantId,
      generation: state.generation,
      executionArn: input.executionArn,
      startedAt: new Date(input.executionStartedAt).toISOString(),
    });
    if (!claimed) return { ...next, action: "end" };
  }
  const stored = await getParticipant(deps, state.participantId);
  // An erased participant has no journey any more (use-cases/participants/erase.ts).
  if (!stored || stored.erasedAt) return { ...next, action: "end" };
  const { profile: saved, state: journey } = await currentState(deps, stored, now);
  // Woken by its timeout: something came due, recorded exactly once before planning on.
  if (timedOut) await recordDueObligations(deps, saved, journey, now);
  if (journey.phase === "exited") {
    // An event that landed since the read above (a return) is for the next generation to plan.
    const ending = await endJourney(deps, state.participantId, state.generation, saved.version);
    return { ...next, action: ending === "ended" ? "end" : "continue", plannedVersion: saved.version };
  }

  const ageDays = (now.getTime() - new Date(input.executionStartedAt).getTime()) / 86_400_000;
  if (next.iteration >= MAX_PLANS_PER_GENERATION || ageDays >= MAX_GENERATION_DAYS) {
    return { ...next, action: "continue", plannedVersion: saved.version };
  }
  const due = nextWakeAt(journey, now, deps.deployment.timeZone);
  const wakeAt = Math.min(due ? Date.parse(due) : Infinity, now.getTime() + MAX_WAIT_SECONDS * 1000);
  // Rounded up: the await never times out before `wakeAt`, which an event writer relies on.
  const waitSeconds = Math.max(1, Math.ceil((wakeAt - now.getTime()) / 1000));
  return { ...next, action: "await", waitSeconds, wakeAt: new Date(wakeAt).toISOString(), plannedVersion: saved.version };
}
