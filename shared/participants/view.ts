import type { ParticipantEvent } from "../domain/schemas";
import type { ParticipantProfile } from "../data/participants";
import type { JourneyState } from "../journey/evaluate";
import { placementsOf } from "./jobs";

/** The participant as the API shows it: obligations with their status now, jobs, and events. */
export function participantView(profile: ParticipantProfile, events: ParticipantEvent[], state: JourneyState) {
  return {
    id: profile.id,
    code: profile.code,
    teamId: profile.teamId,
    specialistId: profile.specialistId,
    phase: state.phase,
    referredAt: profile.referredAt,
    preferences: profile.preferences ?? {},
    jobs: placementsOf(events),
    obligations: state.obligations.map(({ kind, dueAt, status, doneAt }) => ({ kind, dueAt, status, ...(doneAt ? { doneAt } : {}) })),
    nextDueAt: state.nextDueAt,
    events: [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)),
  };
}
