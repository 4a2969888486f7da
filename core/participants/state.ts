import type { Deployment } from "../config/deployment";
import type { ParticipantEvent } from "../domain/schemas";
import type { StoredState, ParticipantProfile } from "./profile";
import { evaluateJourney, type JourneyState } from "../journey/evaluate";
import { resolveRules } from "../journey/rules";
import type { FoldContext } from "../journey/fold";

/** What a fold of this deployment's journeys is made with: its rules and its zone. */
export function foldContext(deployment: Deployment): FoldContext {
  return { rules: resolveRules(deployment.rules), timeZone: deployment.timeZone };
}

/** The journey state of a participant at `now`, computed from the events (the truth). */
export function journeyStateOf(
  profile: Pick<ParticipantProfile, "referredAt">,
  events: ParticipantEvent[],
  now: Date,
  deployment: Deployment,
): JourneyState {
  return evaluateJourney({
    referredAt: profile.referredAt,
    events,
    now,
    rules: resolveRules(deployment.rules),
    timeZone: deployment.timeZone,
  });
}

/** What the profile stores of a journey state (for caseload order, digests and team figures). */
export function toStoredState(state: JourneyState): StoredState {
  return {
    phase: state.phase,
    obligations: state.obligations,
    nextDueAt: state.nextDueAt,
    inWork: state.employment.inWork,
    inSchool: state.employment.inSchool,
    missedFirstEmployerContact: state.missedFirstEmployerContact,
    nextChangeAt: state.nextChangeAt,
    evaluatedAt: state.evaluatedAt,
    rulesVersion: state.rulesVersion,
    placementEndsAt: state.placementEndsAt ?? null,
  };
}
