import { TZDate } from "@date-fns/tz";
import { addDays as addCalendarDays, differenceInCalendarDays, getISODay, lightFormat } from "date-fns";
// The LRU of mnemonist, which the DynamoDB client already carries (its endpoint cache): no second
// cache library in every bundle. Its version is pinned to the one the client pins.
import LRUCache from "mnemonist/lru-cache";
import * as z from "../zod-mini";

/**
 * Local calendar dates ("2026-03-31") in a deployment's IANA time zone. Deadlines in IPS are
 * counted in calendar days where the team works, so "+30 days" is date arithmetic on the local
 * date: a daylight-saving switch in between never moves a due date by a day.
 *
 * Zones are date-fns' `TZDate` (@date-fns/tz): a Date whose getters and setters, and so every
 * date-fns function given one, work in its zone, with the offsets read from the platform's Intl.
 */

export const localDateSchema = z.iso.date();

/** A local calendar date, yyyy-mm-dd. */
export type LocalDate = string;

const knownZones = new Set<string>();

/** Whether the platform knows the zone (an IANA name such as Europe/Oslo). */
export function isTimeZone(timeZone: string): boolean {
  if (knownZones.has(timeZone)) return true;
  try {
    // Intl throws a RangeError on a zone it does not know.
    new Intl.DateTimeFormat("en", { timeZone });
  } catch {
    return false;
  }
  knownZones.add(timeZone);
  return true;
}

/** The zone, checked: throws on one the platform does not know. */
export function knownTimeZone(timeZone: string): string {
  if (!isTimeZone(timeZone)) throw new Error(`not an IANA time zone: "${timeZone}"`);
  return timeZone;
}

const instantOf = (instant: Date | string): Date => (typeof instant === "string" ? new Date(instant) : instant);

/** The instant seen in the zone; throws on an unknown zone or an invalid instant. */
export function inZone(instant: Date | string, timeZone: string): TZDate {
  const local = new TZDate(instantOf(instant).getTime(), knownTimeZone(timeZone));
  if (Number.isNaN(local.getTime())) throw new Error(`cannot place ${String(instant)} in time zone "${timeZone}": not an instant`);
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

/** A date as yyyy-mm-dd, read with the getters of its own zone. */
export const isoDateOf = (date: Date): LocalDate => lightFormat(date, "yyyy-MM-dd");

/** The local date of an instant in the zone. */
export function localDateOf(instant: Date | string, timeZone: string): LocalDate {
  const key = typeof instant === "string" ? instant : instant.getTime();
  return remembered(`d|${timeZone}|${key}`, () => isoDateOf(inZone(instant, timeZone)));
}

/** Local midnight on `date` in the zone (where a switch skips midnight, the first minute of the day). */
export function startOfLocalDay(date: LocalDate, timeZone: string): TZDate {
  const [year, month, day] = localDateSchema.safeParse(date).success ? date.split("-").map(Number) : [];
  // Set after construction: the Date constructor reads the years 0–99 as 1900–1999.
  const start = new TZDate(2000, 0, 1, knownTimeZone(timeZone));
  start.setFullYear(year, month - 1, day);
  if (Number.isNaN(start.getTime()) || isoDateOf(start) !== date) throw new Error(`"${date}" is not a date (yyyy-mm-dd)`);
  return start;
}

// Pure date arithmetic runs in UTC, where every day is 24 hours long.
const calendarDay = (date: LocalDate): TZDate => startOfLocalDay(date, "UTC");

export function addDays(date: LocalDate, days: number): LocalDate {
  return remembered(`a|${date}|${days}`, () => isoDateOf(addCalendarDays(calendarDay(date), days)));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return differenceInCalendarDays(calendarDay(to), calendarDay(from));
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return getISODay(calendarDay(date));
}

/** An instant as a UTC ISO string with milliseconds, whatever zone the Date reads in. */
export const utcIso = (date: Date): string => new Date(date.getTime()).toISOString();

/** The ISO instant (UTC, milliseconds) at which `date` begins in the zone. */
export function localMidnightInstant(date: LocalDate, timeZone: string): string {
  return remembered(`m|${timeZone}|${date}`, () => utcIso(startOfLocalDay(date, timeZone)));
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
