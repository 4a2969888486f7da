import { tz, type TZDate } from "@date-fns/tz";
import { parseISO } from "date-fns";
import { knownTimeZone } from "./local-dates";

/**
 * An ISO 8601 string read in the zone: an instant with an offset is placed in it, a local date
 * ("2026-11-23") or local date-time without an offset is read as the zone's wall clock. Throws,
 * naming `what`, on anything unreadable.
 */
export function readInZone(iso: string, timeZone: string, what: string): TZDate {
  const at = parseISO(iso, { in: tz(knownTimeZone(timeZone)) });
  if (Number.isNaN(at.getTime())) throw new Error(`${what} is not an ISO date: "${iso}"`);
  return at;
}
