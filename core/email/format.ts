import type { TZDate } from "@date-fns/tz";
import { differenceInCalendarDays } from "date-fns";
import { knownTimeZone } from "../calendar/local-dates";
import { readInZone } from "../calendar/read-in-zone";
import { weekBounds } from "../calendar/weeks";
import type { Catalogue } from "./i18n";

/**
 * Dates, weeks, numbers and links as the emails show them. Dates are read in the region's time
 * zone, so an obligation due at 23:30 UTC lands on the Norwegian calendar day it belongs to.
 */

export function assertTimeZone(timeZone: string): void {
  knownTimeZone(timeZone);
}

/** An ISO instant (or local date) read in the time zone; throws on anything unreadable. */
export const inZone = (iso: string, timeZone: string, what: string): TZDate => readInZone(iso, timeZone, what);

/** A moment as the locale writes it, on the calendar of the moment's own zone. */
export function formatDate(at: TZDate, tag: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(tag, { ...options, timeZone: at.timeZone }).format(at);
}

/**
 * "mandag 23. november" / "Monday 23 November"; the year is added when it differs from the
 * reference day's year, so an item from last December is not mistaken for this one.
 */
export function formatDay(at: TZDate, words: Catalogue, reference: TZDate): string {
  return at.getFullYear() === reference.getFullYear() ? formatDate(at, words.tag, words.dayFormat) : formatDayWithYear(at, words);
}

/**
 * "mandag 23. november 2026" / "Monday 23 November 2026": the day as above with the year after
 * it. Intl's own pattern for en-GB puts a comma after the weekday once a year is asked for, which
 * would set "Monday 23 November – Sunday, 29 November 2026" side by side in one period.
 */
export function formatDayWithYear(at: TZDate, words: Catalogue): string {
  return `${formatDate(at, words.tag, words.dayFormat)} ${at.getFullYear()}`;
}

/** Calendar days from `from` to `to` in their zone (negative when `to` is earlier). */
export function calendarDaysBetween(from: TZDate, to: TZDate): number {
  return differenceInCalendarDays(to, from);
}

/** The Monday that starts an ISO week such as "2026-W48", in the time zone. */
export function isoWeekStart(week: string, timeZone: string): TZDate {
  if (!/^\d{4}-W\d{2}$/.test(week)) throw new Error(`week is not an ISO week like 2026-W48: "${week}"`);
  return readInZone(weekBounds(week, timeZone).start, timeZone, "week");
}

export function formatNumber(value: number, words: Catalogue): string {
  return new Intl.NumberFormat(words.tag, { maximumFractionDigits: 1 }).format(value);
}

/** 0.407 → "41 %" (nb) / "41%" (en). */
export function formatPercent(rate: number, words: Catalogue): string {
  const share = Number.isFinite(rate) ? rate : 0;
  return new Intl.NumberFormat(words.tag, { style: "percent", maximumFractionDigits: 0 }).format(share);
}

/**
 * Where an authorised reader finds the participant. Only http(s) bases are accepted: a link in
 * an email must never run script in the reader's mail client.
 */
export function participantLink(baseUrl: string, participantId: string): string {
  const base = new URL(baseUrl);
  if (base.protocol !== "https:" && base.protocol !== "http:") {
    throw new Error(`baseUrl must be http(s): "${baseUrl}"`);
  }
  return `${baseUrl.replace(/\/+$/, "")}/participants/${encodeURIComponent(participantId)}`;
}
