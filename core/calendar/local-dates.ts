import { DateTime } from "luxon";
// The LRU of mnemonist, which the DynamoDB client already carries (its endpoint cache): no second
// cache library in every bundle. Its version is pinned to the one the client pins.
import LRUCache from "mnemonist/lru-cache";
import * as z from "../zod-mini";

/**
 * Local calendar dates ("2026-03-31") in a deployment's IANA time zone. Deadlines in IPS are
 * counted in calendar days where the team works, so "+30 days" is date arithmetic on the local
 * date: a daylight-saving switch in between never moves a due date by a day.
 */

export const localDateSchema = z.iso.date();

/** A local calendar date, yyyy-mm-dd. */
export type LocalDate = string;

const instantOf = (instant: Date | string): Date => (typeof instant === "string" ? new Date(instant) : instant);

/** The instant seen in the zone; throws on an unknown zone or an invalid instant. */
export function inZone(instant: Date | string, timeZone: string): DateTime<true> {
  const local = DateTime.fromJSDate(instantOf(instant), { zone: timeZone });
  if (!local.isValid) throw new Error(`cannot place ${String(instant)} in time zone "${timeZone}": ${local.invalidExplanation ?? local.invalidReason}`);
  return local;
}

/**
 * Placing an instant in a zone costs an Intl call, and a journey's rules place the same few
 * hundred instants and dates at every evaluation, so the two conversions below are remembered
 * (both are pure: the same zone, date and instant always give the same answer).
 */
const conversions = new LRUCache<string, string>(50_000);

function remembered(key: string, compute: () => string): string {
  let value = conversions.get(key);
  if (value === undefined) {
    value = compute();
    conversions.set(key, value);
  }
  return value;
}

/** The local date of an instant in the zone. */
export function localDateOf(instant: Date | string, timeZone: string): LocalDate {
  const key = typeof instant === "string" ? instant : instant.getTime();
  return remembered(`d|${timeZone}|${key}`, () => inZone(instant, timeZone).toISODate());
}

function calendarDay(date: LocalDate): DateTime<true> {
  // Pure date arithmetic runs in UTC, where every day is 24 hours long.
  const day = DateTime.fromISO(date, { zone: "utc" });
  if (!day.isValid || !localDateSchema.safeParse(date).success) throw new Error(`"${date}" is not a date (yyyy-mm-dd)`);
  return day;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return remembered(`a|${date}|${days}`, () => calendarDay(date).plus({ days }).toISODate());
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round(calendarDay(to).diff(calendarDay(from), "days").days);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return calendarDay(date).weekday;
}

/** The instant local midnight begins on `date` in the zone (as a DateTime). */
export function startOfLocalDay(date: LocalDate, timeZone: string): DateTime<true> {
  const start = DateTime.fromISO(date, { zone: timeZone }).startOf("day");
  if (!start.isValid) throw new Error(`cannot place ${date} in time zone "${timeZone}"`);
  return start;
}

/** The ISO instant (UTC, milliseconds) at which `date` begins in the zone. */
export function localMidnightInstant(date: LocalDate, timeZone: string): string {
  return remembered(`m|${timeZone}|${date}`, () => startOfLocalDay(date, timeZone).toUTC().toISO());
}

/** The later of two dates; undefined counts as "no date". */
export function laterDate(a: LocalDate | undefined, b: LocalDate | undefined): LocalDate | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}

/** An instant as a UTC ISO string, the one form every instant leaves these modules in. */
export function isoInstant(instant: Date | string): string {
  const date = instantOf(instant);
  if (Number.isNaN(date.getTime())) throw new Error(`"${String(instant)}" is not an instant`);
  return date.toISOString();
}
