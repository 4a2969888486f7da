import type { Obligation, ObligationKind } from "../domain/schemas";
import type { DigestItem } from "./digest";
import { isMissedDeadline } from "./urgency";

/**
 * A specialist's day, as the start page of the web app shows it: the digest's items (what is
 * overdue, due today and coming up), one per obligation, in the digest's order of urgency
 * (`urgency.ts`): each participant's items together, a missed 30-day first-employer-contact
 * deadline above everything else, since it is the method's most important clock (principle 6).
 */
export type DayItem = DigestItem & { missedDeadline: boolean };

/** The digest's items (selectDigestItems, already in the order of urgency) as the page lists them. */
export function dayItems(items: readonly DigestItem[]): DayItem[] {
  return items.map((item) => ({ ...item, missedDeadline: isMissedDeadline(item) }));
}

/** The open obligation that comes due first: what a caseload list shows as "next". */
export function nextOpenObligation(obligations: readonly Obligation[]): { kind: ObligationKind; dueAt: string } | undefined {
  const open = obligations.filter((o) => o.status !== "done").sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return open[0] && { kind: open[0].kind, dueAt: open[0].dueAt };
}
