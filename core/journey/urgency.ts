import type { ObligationKind } from "../domain/schemas";

/**
 * The one order of urgency that the morning digest and the web app's "My day" share, so a
 * specialist meets the same participant first in both. Pure: it reads the items, nothing else.
 *
 * Participants (rows):
 * 1. a missed 30-day first-employer-contact deadline (principle 6, the method's most important
 *    clock) before anything else, however few days it is overdue;
 * 2. then by the most overdue item, more days overdue first;
 * 3. then those with something due today (the earliest first: what falls due on a coming day off
 *    after what is due today), then those with deadlines coming up (the nearest first);
 * 4. ties by code (then by id, so the order is total).
 *
 * A participant's items follow the same rule: the missed deadline first, then by days overdue,
 * then due today, then coming up; ties by kind.
 */

export type DigestSection = "overdue" | "due" | "upcoming";

/** What the order reads of an item. */
export interface UrgencyItem {
  participantId: string;
  code: string;
  kind: ObligationKind;
  section: DigestSection;
  /** ISO instant of the due date: the earlier, the more urgent within a section. */
  dueAt: string;
  /** Whole days past the due date (section "overdue"). */
  daysOverdue?: number;
}

/** One participant with their items, as the digest shows them in one row. */
export interface UrgencyRow<T extends UrgencyItem> {
  participantId: string;
  code: string;
  items: T[];
}

const sectionRank: Record<DigestSection, number> = { overdue: 0, due: 1, upcoming: 2 };

/** A missed 30-day deadline: the first employer contact, overdue. */
export const isMissedDeadline = (item: Pick<UrgencyItem, "kind" | "section">): boolean =>
  item.kind === "first-employer-contact" && item.section === "overdue";

/** Overdue before due before upcoming; more days overdue first; then the earlier due date. */
function byDue(a: UrgencyItem, b: UrgencyItem): number {
  return (
    sectionRank[a.section] - sectionRank[b.section] ||
    (b.section === "overdue" && a.section === "overdue" ? (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0) : 0) ||
    Date.parse(a.dueAt) - Date.parse(b.dueAt)
  );
}

/** The order of one participant's items (and of items in general): the missed deadline first. */
export function compareUrgency(a: UrgencyItem, b: UrgencyItem): number {
  return (
    Number(isMissedDeadline(b)) - Number(isMissedDeadline(a)) ||
    byDue(a, b) ||
    a.code.localeCompare(b.code) ||
    a.participantId.localeCompare(b.participantId) ||
    a.kind.localeCompare(b.kind)
  );
}

/** Items grouped one row per participant, rows and the items in each in the order of urgency. */
export function byUrgency<T extends UrgencyItem>(items: readonly T[]): UrgencyRow<T>[] {
  const rows = new Map<string, UrgencyRow<T>>();
  for (const item of items) {
    const row = rows.get(item.participantId) ?? { participantId: item.participantId, code: item.code, items: [] };
    row.items.push(item);
    rows.set(item.participantId, row);
  }
  const ranked = [...rows.values()].map((row) => {
    row.items.sort(compareUrgency);
    // The item that ranks the row after the missed deadline: its most overdue, or its soonest.
    const lead = row.items.reduce((best, item) => (byDue(item, best) < 0 ? item : best));
    return { row, missed: row.items.some(isMissedDeadline), lead };
  });
  ranked.sort(
    (a, b) =>
      Number(b.missed) - Number(a.missed) ||
      byDue(a.lead, b.lead) ||
      a.row.code.localeCompare(b.row.code) ||
      a.row.participantId.localeCompare(b.row.participantId),
  );
  return ranked.map(({ row }) => row);
}

/** The same order, item by item: each participant's items together, participants by urgency. */
export function inUrgencyOrder<T extends UrgencyItem>(items: readonly T[]): T[] {
  return byUrgency(items).flatMap((row) => row.items);
}
