import { exitReasons, jobEndReasons } from "../domain/codes";
import type { ParticipantEvent } from "../domain/schemas";
import type { ParticipantProfile } from "./profile";
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
    events: [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)).map(codedReason),
  };
}

/**
 * Reasons are codes; events stored before that carried free text, which may hold health detail.
 * It never leaves the API: such a reason reads as "other".
 */
function codedReason(event: ParticipantEvent): ParticipantEvent {
  if (event.type === "exit" && !(exitReasons as readonly string[]).includes(event.reason)) return { ...event, reason: "other" };
  if (event.type === "job-end" && event.reason !== undefined && !(jobEndReasons as readonly string[]).includes(event.reason)) {
    return { ...event, reason: "other" };
  }
  return event;
}
