import { DateTime } from "luxon";

/**
 * Dates as the region reads them: every instant is shown, and every typed date-time read, in the
 * deployment's time zone (luxon), whatever zone the phone is set to.
 */
export const formatDay = (iso: string, zone: string, tag: string): string =>
  DateTime.fromISO(iso, { zone }).setLocale(tag).toLocaleString({ weekday: "long", day: "numeric", month: "long" });

export const formatDate = (iso: string, zone: string, tag: string): string =>
  DateTime.fromISO(iso, { zone }).setLocale(tag).toLocaleString(DateTime.DATE_MED);

export const formatDateTime = (iso: string, zone: string, tag: string): string =>
  DateTime.fromISO(iso, { zone }).setLocale(tag).toLocaleString(DateTime.DATETIME_MED);

/** The value of a `datetime-local` input for an instant, in the zone. */
export const toLocalInput = (instant: Date, zone: string): string =>
  DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");

/** A `datetime-local` input's value read in the zone, as an ISO instant with offset; undefined if incomplete. */
export function fromLocalInput(value: string, zone: string): string | undefined {
  const parsed = DateTime.fromISO(value, { zone });
  return parsed.isValid ? (parsed.toISO({ suppressMilliseconds: true }) ?? undefined) : undefined;
}

/** The ISO week ("2026-W48") `weeks` weeks from the given one. */
export function shiftWeek(week: string, weeks: number): string {
  return DateTime.fromISO(week).plus({ weeks }).toISOWeekDate()!.slice(0, 8);
}

export const percent = (share: number, tag: string): string =>
  new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 0 }).format(share);
