import type { StoredState } from "../participants/profile";
import type { ObligationKind } from "../domain/codes";
import { addDays, localDateOf, localMidnightInstant } from "../calendar/local-dates";
import { obligationRules } from "../journey/obligations";

/**
 * Whether the journey leaves a kind's rounds to the events: the recurring kinds (job development,
 * placement's weekly follow-up, follow-up, outreach). They recur week after week for as long as
 * someone is followed, and waking at each round's due minute only to write that it came due was
 * most of a journey's state transitions. The digest lists them from the stored obligations all
 * the same. That a round came due is recorded by whatever ends it (`dueRoundsEnded`): the event
 * that closes it late, or the plan that finds time ended it (placement turning into follow-up);
 * a round still open is recorded at the journey's next timeout.
 */
export function leftToEvents(kind: ObligationKind): boolean {
  return obligationRules[kind].recurs !== undefined;
}

/**
 * When a parked journey must wake by itself: when an open obligation that is not left to the
 * events comes due (to record it), when the first-employer-contact deadline turns into a missed
 * one (to flag it for the team), and when placement turns into follow-up. Other status changes
 * (due → overdue) need no wake: the digest derives statuses from due dates, so waking for them
 * would only add state transitions. Events wake the journey through its callback token.
 */
export function nextWakeAt(journey: Pick<StoredState, "obligations" | "placementEndsAt">, now: Date, timeZone: string): string | null {
  const candidates: number[] = [];
  for (const obligation of journey.obligations) {
    if (obligation.status === "done" || leftToEvents(obligation.kind)) continue;
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

/**
 * The recurring rounds that came due and ended between two states of a participant: open in the
 * state as last stored, due at `now` (their due minute passed) and no longer open in the state
 * that replaces it. Whoever replaces the stored state records them: the event writer in its
 * transaction (the rounds its event closed late, or that time ended since the last write), the
 * journey's plan before it stores what time changed.
 */
export function dueRoundsEnded(
  stored: Pick<StoredState, "obligations">,
  next: Pick<StoredState, "obligations">,
  now: Date,
): Array<{ kind: ObligationKind; dueAt: string }> {
  const stillOpen = new Set(next.obligations.filter((o) => o.status !== "done").map((o) => `${o.kind} ${o.dueAt}`));
  // A profile stored before obligations were kept on it has none to compare.
  return (stored.obligations ?? [])
    .filter((o) => o.status !== "done" && leftToEvents(o.kind) && Date.parse(o.dueAt) <= now.getTime() && !stillOpen.has(`${o.kind} ${o.dueAt}`))
    .map(({ kind, dueAt }) => ({ kind, dueAt }));
}
