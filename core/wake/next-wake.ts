import type { StoredState } from "../participants/profile";
import type { ObligationKind } from "../domain/codes";
import { addDays, localDateOf, localMidnightInstant } from "../calendar/local-dates";
import { obligationRules, type ActivePhase } from "../journey/obligations";

/** The one phase that time alone ends (placement turns into follow-up); every other phase changes by an event. */
const phaseEndedByTime: ActivePhase = "placement";

/**
 * Whether the journey leaves a kind's rounds to the events: a recurring kind whose open round only
 * an event can end (the contact that closes it, or an event that changes the phase). Job
 * development, follow-up and outreach recur week after week for as long as someone is followed,
 * and waking at each round's due minute only to write that it came due was most of a journey's
 * state transitions. Their rounds are recorded by the event that ends them late
 * (`dueRoundsEnded`) or, while still open, at the journey's next timeout. Placement's weekly
 * follow-up keeps its wake: the end of placement, not an event, ends its last round.
 */
export function leftToEvents(kind: ObligationKind): boolean {
  const recurs = obligationRules[kind].recurs;
  return recurs !== undefined && (recurs.phases === "every active phase" || !recurs.phases.includes(phaseEndedByTime));
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
 * The rounds an event ends after they came due, among those the journey does not wake for: due
 * or overdue just before the event (at the moment it is recorded) and no longer open after it.
 * The event's transaction records them, so that a round closed late leaves its due record as it
 * did when the journey woke for it.
 */
export function dueRoundsEnded(
  before: Pick<StoredState, "obligations">,
  after: Pick<StoredState, "obligations">,
): Array<{ kind: ObligationKind; dueAt: string }> {
  const stillOpen = new Set(after.obligations.filter((o) => o.status !== "done").map((o) => `${o.kind} ${o.dueAt}`));
  return before.obligations
    .filter((o) => (o.status === "due" || o.status === "overdue") && leftToEvents(o.kind) && !stillOpen.has(`${o.kind} ${o.dueAt}`))
    .map(({ kind, dueAt }) => ({ kind, dueAt }));
}
