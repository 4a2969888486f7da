import type { Obligation, ObligationKind } from "../domain/schemas";
import { selectDigestItems, type DigestItem, type DigestParticipant } from "./digest";
import type { JourneyRules } from "./rules";
import { isMissedDeadline } from "./urgency";

/**
 * A specialist's day, as the start page of the web app shows it: the digest's items (what is
 * overdue, due today and coming up), one per obligation, in the digest's order of urgency
 * (`urgency.ts`): each participant's items together, a missed 30-day first-employer-contact
 * deadline above everything else, since it is the method's most important clock (principle 6).
 */
export type DayItem = DigestItem & { missedDeadline: boolean };

export function dayItems(input: {
  participants: DigestParticipant[];
  now: Date;
  timeZone: string;
  rules: Pick<JourneyRules, "upcomingDeadlineWindowDays">;
}): DayItem[] {
  // selectDigestItems gives the digest's order of urgency; the page keeps it.
  return selectDigestItems(input).map((item) => ({ ...item, missedDeadline: isMissedDeadline(item) }));
}

/** The open obligation that comes due first: what a caseload list shows as "next". */
export function nextOpenObligation(obligations: readonly Obligation[]): { kind: ObligationKind; dueAt: string } | undefined {
  const open = obligations.filter((o) => o.status !== "done").sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return open[0] && { kind: open[0].kind, dueAt: open[0].dueAt };
}
