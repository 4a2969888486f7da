import { DateTime, IANAZone } from "luxon";
import type { Catalogue } from "./i18n";

/**
 * Dates, weeks, numbers and links as the emails show them. Dates are read in the region's time
 * zone, so an obligation due at 23:30 UTC lands on the Norwegian calendar day it belongs to.
 */

export function assertTimeZone(timeZone: string): void {
  if (!IANAZone.isValidZone(timeZone)) throw new Error(`not an IANA time zone: "${timeZone}"`);
}

/** An ISO instant (or local date) read in the time zone; throws on anything unreadable. */
export function inZone(iso: string, timeZone: string, what: string): DateTime {
  const at = DateTime.fromISO(iso, { zone: timeZone });
  if (!at.isValid) throw new Error(`${what} is not an ISO date: "${iso}"`);
  return at;
}

/**
 * "mandag 23. november" / "Monday 23 November"; the year is added when it differs from the
 * reference day's year, so an item from last December is not mistaken for this one.
 */
export function formatDay(at: DateTime, words: Catalogue, reference: DateTime): string {
  const format = at.year === reference.year ? words.dayFormat : words.dayWithYearFormat;
  return at.setLocale(words.tag).toFormat(format);
}

export function formatDayWithYear(at: DateTime, words: Catalogue): string {
  return at.setLocale(words.tag).toFormat(words.dayWithYearFormat);
}

/** Calendar days from `from` to `to` in their zone (negative when `to` is earlier). */
export function calendarDaysBetween(from: DateTime, to: DateTime): number {
  return Math.round(to.startOf("day").diff(from.startOf("day"), "days").days);
}

/** The Monday that starts an ISO week such as "2026-W48", in the time zone. */
export function isoWeekStart(week: string, timeZone: string): DateTime {
  if (!/^\d{4}-W\d{2}$/.test(week)) throw new Error(`week is not an ISO week like 2026-W48: "${week}"`);
  return inZone(week, timeZone, "week");
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
