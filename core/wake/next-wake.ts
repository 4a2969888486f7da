import type { StoredState } from "../participants/profile";
import { addDays, localDateOf, localMidnightInstant } from "../calendar/local-dates";

/**
 * When a parked journey must wake by itself: when an open obligation comes due (to record it),
 * when the first-employer-contact deadline turns into a missed one (to flag it for the team), and
 * when placement turns into follow-up. Other status changes (due → overdue) need no wake: the
 * digest derives statuses from due dates, so waking for them would only add state transitions.
 * Events wake the journey through its callback token.
 */
export function nextWakeAt(journey: Pick<StoredState, "obligations" | "placementEndsAt">, now: Date, timeZone: string): string | null {
  const candidates: number[] = [];
  for (const obligation of journey.obligations) {
    if (obligation.status === "done") continue;
    candidates.push(Date.parse(obligation.dueAt));
    if (obligation.kind === "first-employer-contact") {
      const missedAt = localMidnightInstant(addDays(localDateOf(obligation.dueAt, timeZone), 1), timeZone);
      candidates.push(Date.parse(missedAt));
    }
  }
  if (journey.placementEndsAt) candidates.push(Date.parse(journey.placementEndsAt));
  const future = candidates.filter((at) => at > now.getTime());
  return future.length ? new Date(Math.min(...future)).toISOString() : null;
}
