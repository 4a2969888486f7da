import type { Obligation, ObligationKind } from "../domain/schemas";
import { addDays, daysBetween, localDateOf, localMidnightInstant, type LocalDate } from "../calendar/local-dates";
import { nextWorkingDay } from "../calendar/working-days";
import type { JourneyRules } from "./rules";
import { inUrgencyOrder, type DigestSection } from "./urgency";

export type { DigestSection };

/**
 * What a specialist's morning digest lists: what is overdue (with how many days), what is due
 * today, and the 30-day deadlines coming up. Statuses are recomputed from the due dates at `now`,
 * so a stored journey state from yesterday still gives today's digest.
 *
 * Days off: the digest goes out on working days only, so on the last working day before a
 * weekend or holiday, whatever comes due before the next working day is listed in section "due"
 * with `dueOnDayOff: true` (its own `dueDate` says which day): the specialist acts on it today.
 *
 * The items come in the order of urgency (`urgency.ts`): each participant's items together, the
 * participant with a missed 30-day deadline first, then the most overdue, then what is due today,
 * then the deadlines coming up. The email shows them one row per participant in that order.
 */

export interface DigestItem {
  participantId: string;
  code: string;
  kind: ObligationKind;
  /** ISO instant: 00:00 local on the due date. */
  dueAt: string;
  /** Local due date, yyyy-mm-dd. */
  dueDate: LocalDate;
  section: DigestSection;
  /** Whole days past the due date (section "overdue"). */
  daysOverdue?: number;
  /** Days until the due date (section "upcoming", and "due" items that fall on a day off). */
  daysLeft?: number;
  /** Comes due on a weekend or holiday before the next digest; listed as due today. */
  dueOnDayOff?: true;
}

/** A participant as the digest needs it: a JourneyState, or the obligations stored from one. */
export interface DigestParticipant {
  id: string;
  code: string;
  state: { obligations: readonly Obligation[] };
}

/** The deadlines the digest warns about ahead of time (IPS principles 5 and 6). */
export const deadlineKinds: readonly ObligationKind[] = ["first-employer-contact", "benefits-counselling"];

export function selectDigestItems(input: {
  participants: DigestParticipant[];
  now: Date;
  timeZone: string;
  /** Whose public holidays are days off: what falls due on them is listed the working day before. */
  holidayCountry: string;
  rules: Pick<JourneyRules, "upcomingDeadlineWindowDays">;
}): DigestItem[] {
  const { now, timeZone, rules } = input;
  const today = localDateOf(now, timeZone);
  const nextDigestDay = nextWorkingDay(today, input.holidayCountry);
  const windowEnd = addDays(today, rules.upcomingDeadlineWindowDays);

  const items: DigestItem[] = [];
  for (const participant of input.participants) {
    for (const obligation of participant.state.obligations) {
      if (obligation.status === "done") continue;
      // The local date is derived from dueAt, so states stored without `dueDate` work too.
      const dueDate = localDateOf(obligation.dueAt, timeZone);
      const base = {
        participantId: participant.id,
        code: participant.code,
        kind: obligation.kind,
        dueAt: localMidnightInstant(dueDate, timeZone),
        dueDate,
      };
      const daysLeft = daysBetween(today, dueDate);
      if (daysLeft < 0) items.push({ ...base, section: "overdue", daysOverdue: -daysLeft });
      else if (daysLeft === 0) items.push({ ...base, section: "due" });
      else if (dueDate < nextDigestDay) items.push({ ...base, section: "due", daysLeft, dueOnDayOff: true });
      else if (deadlineKinds.includes(obligation.kind) && dueDate <= windowEnd) items.push({ ...base, section: "upcoming", daysLeft });
    }
  }
  return inUrgencyOrder(items);
}
