import { TZDate } from "@date-fns/tz";
import { addWeeks as addCalendarWeeks, differenceInCalendarDays, getISOWeek, getISOWeekYear, startOfISOWeek } from "date-fns";
import * as z from "../zod-mini";
import { inZone, startOfLocalDay, utcIso } from "./local-dates";

/**
 * ISO weeks ("uke 48" = "2026-W48") in a deployment's zone. Weeks run Monday 00:00 local to the
 * next Monday 00:00 local, so a week holding a daylight-saving switch is 167 or 169 hours long.
 * Week 1 is the week holding the year's first Thursday; some years (2026, 2032) have a week 53.
 */

export type IsoWeek = string;

const weekPattern = /^(\d{4})-W(\d{2})$/;

/** Weeks in an ISO week-year: 52, or 53 when the year has 53 Thursdays' worth of weeks. */
export function weeksInWeekYear(weekYear: number): number {
  // 28 December always lies in the year's last ISO week.
  return getISOWeek(new TZDate(weekYear, 11, 28, "UTC"));
}

export const isoWeekSchema = z.string().check(
  z.regex(weekPattern, "must be an ISO week such as 2026-W48"),
  z.refine((week) => {
    const [, year, number] = weekPattern.exec(week) ?? [];
    const weekNumber = Number(number);
    return weekNumber >= 1 && weekNumber <= weeksInWeekYear(Number(year));
  }, "no such week in that year"),
);

export function parseIsoWeek(week: IsoWeek): { weekYear: number; weekNumber: number } {
  const [, year, number] = weekPattern.exec(isoWeekSchema.parse(week))!;
  return { weekYear: Number(year), weekNumber: Number(number) };
}

const format = (weekYear: number, weekNumber: number): IsoWeek => `${weekYear}-W${String(weekNumber).padStart(2, "0")}`;

/** The ISO week an instant falls in, in the zone. */
export function isoWeekOf(instant: Date | string, timeZone: string): IsoWeek {
  const local = inZone(instant, timeZone);
  return format(getISOWeekYear(local), getISOWeek(local));
}

/** Monday 00:00 of the week in the zone. */
function mondayOf(week: IsoWeek, zone: string): TZDate {
  const { weekYear, weekNumber } = parseIsoWeek(week);
  // 4 January always lies in week 1; calendar arithmetic in the zone keeps local midnight.
  const firstMonday = startOfISOWeek(startOfLocalDay(`${weekYear}-01-04`, zone));
  return addCalendarWeeks(firstMonday, weekNumber - 1);
}

/** Monday 00:00 local (start, inclusive) to the next Monday 00:00 local (end, exclusive), as UTC ISO instants. */
export function weekBounds(week: IsoWeek, timeZone: string): { start: string; end: string } {
  const start = mondayOf(week, timeZone);
  // Calendar arithmetic in the zone: the end is local midnight even across a DST switch.
  const end = addCalendarWeeks(start, 1);
  return { start: utcIso(start), end: utcIso(end) };
}

/** The week `weeks` weeks after (or before, when negative) `week`. */
export function addWeeks(week: IsoWeek, weeks: number): IsoWeek {
  const monday = addCalendarWeeks(mondayOf(week, "UTC"), weeks);
  return format(getISOWeekYear(monday), getISOWeek(monday));
}

/** Whole weeks from `from` to `to` (negative when `to` is earlier). */
export function weeksBetween(from: IsoWeek, to: IsoWeek): number {
  return differenceInCalendarDays(mondayOf(to, "UTC"), mondayOf(from, "UTC")) / 7;
}

/**
 * Fortnightly summaries alternate strictly, counted from an anchor week: weeks an even number of
 * weeks from 2024-W01 (Monday 1 January 2024) have parity 0. Even/odd ISO week numbers would not
 * do: a 53-week year puts W53 and the next W01 (both odd) back to back, and a team would skip or
 * repeat a meeting summary. Up to 2026-W53 parity 0 falls on odd week numbers (W01, W03 … W53);
 * from 2027-W02 on it falls on even ones. A team that meets in the other weeks takes parity 1.
 */
export const fortnightAnchorWeek: IsoWeek = "2024-W01";

export type FortnightParity = 0 | 1;

export function fortnightParity(week: IsoWeek): FortnightParity {
  const offset = weeksBetween(fortnightAnchorWeek, week);
  return (((offset % 2) + 2) % 2) as FortnightParity;
}

export type SummaryCadence = "weekly" | "fortnightly";

/** Whether a team with this cadence gets a summary in `week`; fortnightly teams get one in weeks of `parity` (default 0). */
export function isSummaryWeek(week: IsoWeek, cadence: SummaryCadence, parity: FortnightParity = 0): boolean {
  return cadence === "weekly" || fortnightParity(week) === parity;
}
