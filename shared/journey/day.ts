import type { Obligation, ObligationKind } from "../domain/schemas";
import { selectDigestItems, type DigestItem, type DigestParticipant } from "./digest";
import type { JourneyRules } from "./rules";

/**
 * A specialist's day, as the start page of the web app shows it: the digest's items (what is
 * overdue, due today and coming up), with a missed 30-day first-employer-contact deadline above
 * everything else, since it is the method's most important clock (principle 6).
 */
export type DayItem = DigestItem & { missedDeadline: boolean };

export function dayItems(input: {
  participants: DigestParticipant[];
  now: Date;
  timeZone: string;
  rules: Pick<JourneyRules, "upcomingDeadlineWindowDays">;
}): DayItem[] {
  const items = selectDigestItems(input).map((item) => ({
    ...item,
    missedDeadline: item.kind === "first-employer-contact" && item.section === "overdue",
  }));
  // sort is stable: within each group the digest's order (section, due date, code) stands.
  return items.sort((a, b) => Number(b.missedDeadline) - Number(a.missedDeadline));
}

/** The open obligation that comes due first: what a caseload list shows as "next". */
export function nextOpenObligation(obligations: readonly Obligation[]): { kind: ObligationKind; dueAt: string } | undefined {
  const open = obligations.filter((o) => o.status !== "done").sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return open[0] && { kind: open[0].kind, dueAt: open[0].dueAt };
}
