import { addMonths, getQuarter } from "date-fns";
import * as z from "../zod-mini";
import { inZone, startOfLocalDay, utcIso } from "./local-dates";

/**
 * Calendar quarters ("2026-Q4": October to December) in a deployment's zone, as funders and NAV
 * ask for figures. A quarter runs from 00:00 local on its first day to 00:00 local on the next
 * quarter's first day, so figures for a quarter are the same whenever they are asked for.
 */
export type Quarter = string;

const quarterPattern = /^(\d{4})-Q([1-4])$/;

export const quarterSchema = z.string().check(z.regex(quarterPattern, "must be a quarter such as 2026-Q4"));

export function parseQuarter(quarter: Quarter): { year: number; number: 1 | 2 | 3 | 4 } {
  const [, year, number] = quarterPattern.exec(quarterSchema.parse(quarter))!;
  return { year: Number(year), number: Number(number) as 1 | 2 | 3 | 4 };
}

const format = (year: number, number: number): Quarter => `${year}-Q${number}`;

/** The quarter an instant falls in, in the zone. */
export function quarterOf(instant: Date | string, timeZone: string): Quarter {
  const local = inZone(instant, timeZone);
  return format(local.getFullYear(), getQuarter(local));
}

/** The quarter `n` quarters after (negative: before) the given one. */
export function addQuarters(quarter: Quarter, n: number): Quarter {
  const { year, number } = parseQuarter(quarter);
  const index = year * 4 + (number - 1) + n;
  return format(Math.floor(index / 4), (index % 4) + 1);
}

/** The quarter's span as instants: [start, end), 00:00 local on the first day of it and of the next. */
export function quarterBounds(quarter: Quarter, timeZone: string): { start: string; end: string } {
  const { year, number } = parseQuarter(quarter);
  const firstMonth = String((number - 1) * 3 + 1).padStart(2, "0");
  const start = startOfLocalDay(`${year}-${firstMonth}-01`, timeZone);
  return { start: utcIso(start), end: utcIso(addMonths(start, 3)) };
}

/** The `count` quarters up to and including `last`, oldest first (a chart's x axis). */
export function quartersUpTo(last: Quarter, count: number): Quarter[] {
  return Array.from({ length: count }, (_, i) => addQuarters(last, i - count + 1));
}
