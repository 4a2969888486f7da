import { subMonths } from "date-fns";
import { invalidInput } from "../errors";
import { addDays, isoDateOf, localDateOf, startOfLocalDay, type LocalDate } from "../calendar/local-dates";

/**
 * The period a participant's report covers, in local dates of the deployment's zone, both ends
 * included.
 *
 * - An interval report covers `from`–`to`. Without `to` it ends today; without `from` it covers
 *   the three months up to `to`, from the day after the same date three months earlier (3 August
 *   to 2 November). It never starts before the referral (an earlier `from` is moved to the
 *   referral's date) and never ends after today.
 * - An end report covers the whole participation, from the referral to the exit, and exists only
 *   once the participant has exited; it takes no `from` or `to`.
 */
export const reportKinds = ["interval", "end"] as const;
export type ReportKind = (typeof reportKinds)[number];

/** The default length of an interval report, in months. */
export const intervalMonths = 3;

export interface PeriodRequest {
  kind: ReportKind;
  from?: LocalDate;
  to?: LocalDate;
}

export interface PeriodFacts {
  referredAt: string;
  /** When the participant exited, if they are exited now. */
  exitedAt?: string;
  now: Date;
  timeZone: string;
}

export function reportPeriod(request: PeriodRequest, facts: PeriodFacts): { from: LocalDate; to: LocalDate } {
  const referral = localDateOf(facts.referredAt, facts.timeZone);
  if (request.kind === "end") {
    if (request.from !== undefined) throw invalidInput("from: an end report covers the whole participation; leave out from and to");
    if (request.to !== undefined) throw invalidInput("to: an end report covers the whole participation; leave out from and to");
    if (facts.exitedAt === undefined) throw invalidInput("kind: the participant has not exited; an end report follows the exit (ask for kind=interval)");
    return { from: referral, to: localDateOf(facts.exitedAt, facts.timeZone) };
  }
  const today = localDateOf(facts.now, facts.timeZone);
  const to = request.to ?? today;
  if (to > today) throw invalidInput(`to: must not be after today (${today})`);
  if (to < referral) throw invalidInput(`to: must not be before the referral (${referral})`);
  const from = request.from ?? addDays(isoDateOf(subMonths(startOfLocalDay(to, "UTC"), intervalMonths)), 1);
  if (from > to) throw invalidInput("from: must not be after to");
  return { from: from < referral ? referral : from, to };
}
