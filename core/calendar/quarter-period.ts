import { invalidInput } from "../errors";
import { addDays, localDateOf, localMidnightInstant } from "./local-dates";
import { addQuarters, quarterBounds, quarterOf, type Quarter } from "./quarters";

/**
 * A quarter as a reporting period (the outcome report, the fidelity self-score): its span in the
 * deployment's zone, what its figures are as of, and when it closes. Events are often recorded a
 * few days after they happened (a job start on 30 December entered on 4 January); those count in
 * the quarter they are dated in, if recorded before the close, `closingDays` after its end.
 * Anything recorded later is left out of that quarter for good, so that the same request next
 * year gives the same figures.
 */
export const closingDays = 14;

export interface QuarterPeriod {
  quarter: Quarter;
  /** 00:00 local on the quarter's first day (ISO instant). */
  start: string;
  /** 00:00 local on the next quarter's first day: the quarter is [start, end). */
  end: string;
  /** What the figures are as of: the quarter's end, or now for the quarter still running. */
  asOf: string;
  /** `closingDays` after the end, local midnight: only what was recorded before it counts. */
  closesAt: string;
  /** The quarter has closed: the figures will never change. */
  final: boolean;
}

/** The period of a quarter, asked for at `now`; a quarter that has not begun is invalid input. */
export function quarterPeriod(quarter: Quarter, timeZone: string, now: Date): QuarterPeriod {
  const { start, end } = quarterBounds(quarter, timeZone);
  if (Date.parse(start) > now.getTime()) throw invalidInput("quarter: must not lie ahead");
  const closesAt = localMidnightInstant(addDays(localDateOf(end, timeZone), closingDays), timeZone);
  return {
    quarter,
    start,
    end,
    asOf: new Date(Math.min(Date.parse(end), now.getTime())).toISOString(),
    closesAt,
    final: now.getTime() >= Date.parse(closesAt),
  };
}

/** The quarter a report defaults to: the last one that has ended. */
export const lastEndedQuarter = (now: Date, timeZone: string): Quarter => addQuarters(quarterOf(now, timeZone), -1);
