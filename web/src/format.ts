import { TZDate, tz } from "@date-fns/tz";
import { addWeeks, formatISO, getISOWeek, getISOWeekYear, getQuarter, lightFormat, parseISO, startOfISOWeek, subDays } from "date-fns";

/**
 * Dates as the region reads them: every instant is shown, and every typed date-time read, in the
 * deployment's time zone (date-fns with @date-fns/tz), whatever zone the phone is set to.
 */

/** An ISO instant, or a local date read as the zone's wall clock; invalid when unreadable. */
const readIn = (iso: string, zone: string): TZDate => parseISO(iso, { in: tz(zone) });

const shown = (iso: string, zone: string, tag: string, options: Intl.DateTimeFormatOptions): string =>
  new Intl.DateTimeFormat(tag, { ...options, timeZone: zone }).format(readIn(iso, zone));

export const formatDay = (iso: string, zone: string, tag: string): string => shown(iso, zone, tag, { weekday: "long", day: "numeric", month: "long" });

export const formatDate = (iso: string, zone: string, tag: string): string => shown(iso, zone, tag, { day: "numeric", month: "short", year: "numeric" });

export const formatDateTime = (iso: string, zone: string, tag: string): string =>
  shown(iso, zone, tag, { day: "numeric", month: "short", year: "numeric", hour: "numeric", minute: "2-digit" });

/** The value of a `datetime-local` input for an instant, in the zone. */
export const toLocalInput = (instant: Date, zone: string): string => lightFormat(new TZDate(instant.getTime(), zone), "yyyy-MM-dd'T'HH:mm");

/** A `datetime-local` input's value read in the zone, as an ISO instant with offset; undefined if incomplete. */
export function fromLocalInput(value: string, zone: string): string | undefined {
  const parsed = readIn(value, zone);
  return Number.isNaN(parsed.getTime()) ? undefined : formatISO(parsed);
}

/** The day before an instant's local date (the last day of a period whose end is exclusive), as an ISO instant. */
export const dayBefore = (iso: string, zone: string): string => formatISO(subDays(readIn(iso, zone), 1));

const weekPattern = /^(\d{4})-W(\d{2})$/;

/** Monday of an ISO week such as "2026-W48" (a calendar date: no zone), or undefined when there is no such week. */
function mondayOf(week: string): Date | undefined {
  const match = weekPattern.exec(week);
  if (!match) return undefined;
  const [, year, number] = match;
  // 4 January is always in week 1.
  const monday = addWeeks(startOfISOWeek(new TZDate(Number(year), 0, 4, "UTC")), Number(number) - 1);
  return Number(number) >= 1 && getISOWeekYear(monday) === Number(year) ? monday : undefined;
}

const weekOf = (date: Date): string => `${getISOWeekYear(date)}-W${String(getISOWeek(date)).padStart(2, "0")}`;

/** Whether the week exists ("2026-W53" does, "2027-W53" does not). */
export const isWeek = (week: string): boolean => mondayOf(week) !== undefined;

/** The week's number and week-year, for a heading. */
export function weekParts(week: string): { weekNumber: number; weekYear: number } | undefined {
  const monday = mondayOf(week);
  return monday && { weekNumber: getISOWeek(monday), weekYear: getISOWeekYear(monday) };
}

/** The ISO week ("2026-W48") `weeks` weeks from the given one. */
export function shiftWeek(week: string, weeks: number): string {
  const monday = mondayOf(week);
  if (!monday) throw new Error(`not an ISO week: "${week}"`);
  return weekOf(addWeeks(monday, weeks));
}

/** The ISO week an instant falls in, in the zone. */
export const currentWeek = (now: Date, zone: string): string => weekOf(new TZDate(now.getTime(), zone));

/** The quarter ("2026-Q4") an instant falls in, in the zone. */
export function currentQuarter(now: Date, zone: string): string {
  const local = new TZDate(now.getTime(), zone);
  return `${local.getFullYear()}-Q${getQuarter(local)}`;
}

export const percent = (share: number, tag: string): string =>
  new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 0 }).format(share);
