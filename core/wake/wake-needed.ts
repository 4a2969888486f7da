import type { StoredState } from "../participants/profile";
import { nextWakeAt } from "./next-wake";

/**
 * Whether a recorded event must wake the parked journey at once. It need not when waking would
 * change nothing: the phase stays, and nothing comes due (no deadline turns into a missed one, no
 * placement ends) before the journey's own wake. The journey then plans at that wake with every
 * event recorded meanwhile, and the reminders come at the same instants; several events between
 * two wakes cost one wake instead of one each.
 *
 * Where unsure it wakes: when the record holds no planned wake (parked by an earlier plan step),
 * and when that wake is past, since the execution has not checked in since and may be lost (a
 * wake finds that out, and the caller starts the next generation).
 */
export function eventNeedsWake(
  /** The parked journey's planned wake, as its journey record keeps it. */
  record: { wakeAt?: string },
  before: Pick<StoredState, "phase">,
  after: Pick<StoredState, "phase" | "obligations" | "placementEndsAt">,
  now: Date,
  timeZone: string,
): boolean {
  if (!record.wakeAt) return true;
  const plannedWake = Date.parse(record.wakeAt);
  if (!(plannedWake > now.getTime())) return true;
  if (before.phase !== after.phase) return true;
  const next = nextWakeAt(after, now, timeZone);
  return next !== null && Date.parse(next) < plannedWake;
}
