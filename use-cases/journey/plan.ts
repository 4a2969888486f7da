import type { Deps } from "../../adapters/deps";
import { currentState } from "../participants/current-state";
import { dueRoundsEnded, nextWakeAt } from "../../core/wake/next-wake";
import { recordDueObligations, recordRoundsEnded } from "./record-due";
import { claimJourney, endJourney, getParticipantAndJourney } from "../../adapters/stepfunctions/journey-execution";
import { keepEventVersion, parkParameters } from "../../adapters/stepfunctions/journey-await";
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
 *
 * The profile and the journey record are read in one Query. The record says whether a newer
 * generation owns the journey (the await's write was refused for that); at an execution's first
 * plan the claim takes it, keeping the profile's version as the event version where the record
 * has none, so the await always has one to compare with.
 */
export async function planJourney(
  deps: Deps,
  input: { state: JourneyPayload; executionArn: string; executionStartedAt: string },
): Promise<JourneyPayload> {
  const { timedOut, wake, refused: _refused, park: _park, wakeAt: _planned, ...state } = input.state;
  const now = deps.clock.now();
  const next = { ...state, iteration: state.iteration + 1, waitSeconds: LEAVING_WAIT_SECONDS };
  if (wake?.woken === superseded) return { ...next, action: "end" };
  const { profile: stored, journey: record } = await getParticipantAndJourney(deps, state.participantId);
  if (state.iteration === 0) {
    const claimed = await claimJourney(
      deps,
      {
        participantId: state.participantId,
        generation: state.generation,
        executionArn: input.executionArn,
        startedAt: new Date(input.executionStartedAt).toISOString(),
      },
      stored?.version,
    );
    if (!claimed) return { ...next, action: "end" };
  } else if (record && record.generation > state.generation) {
    return { ...next, action: "end" };
  }
  // An erased participant has no journey any more (use-cases/participants/erase.ts).
  if (!stored || stored.erasedAt) return { ...next, action: "end" };
  // A recurring round that time ended after it came due (the end of placement ends its weekly
  // follow-up) is recorded before the state without it replaces the stored one.
  const { profile: saved, state: journey } = await currentState(deps, stored, now, (state) =>
    recordRoundsEnded(deps, stored.id, dueRoundsEnded(stored, state, now), now),
  );
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
  // A record claimed before the event version was kept gets it once.
  if (state.iteration > 0 && record && record.eventVersion === undefined) await keepEventVersion(deps, state.participantId, saved.version);
  const due = nextWakeAt(journey, now, deps.deployment.timeZone);
  const wakeAt = Math.min(due ? Date.parse(due) : Infinity, now.getTime() + MAX_WAIT_SECONDS * 1000);
  // Rounded up: the await never times out before `wakeAt`, which an event writer relies on.
  const waitSeconds = Math.max(1, Math.ceil((wakeAt - now.getTime()) / 1000));
  const wakeAtIso = new Date(wakeAt).toISOString();
  return {
    ...next,
    action: "await",
    waitSeconds,
    wakeAt: wakeAtIso,
    plannedVersion: saved.version,
    park: parkParameters(state.participantId, state.generation, saved.version, wakeAtIso, now),
  };
}
