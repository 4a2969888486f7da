import type { Team } from "../domain/schemas";
import { addWeeks, isoWeekOf, isSummaryWeek, weekBounds, type IsoWeek, type SummaryCadence } from "../calendar/weeks";

/**
 * Which week a summary covers, which period its figures count, and which teams get one.
 *
 * The covered week is the last complete ISO week before the summary is sent. The schedule fires on
 * Monday morning (07:00 by default), before the team's meeting; the week that began a few hours
 * earlier has nothing to report yet. So a summary sent Monday 2026-11-30 07:00 Europe/Oslo covers
 * 2026-W48, Monday 23 November 00:00 to Monday 30 November 00:00 local time, and its subject says
 * "uke 48". A deployment that moves the schedule to another weekday still gets whole weeks: the
 * last one that has ended, never a week in progress.
 */
export function coveredWeek(sentAt: Date, timeZone: string): IsoWeek {
  return addWeeks(isoWeekOf(sentAt, timeZone), -1);
}

/** The span a summary lists events of: [start, end), UTC ISO instants at local midnights. */
export interface SummaryPeriod {
  start: string;
  end: string;
}

/**
 * A weekly team's summary lists its week. A fortnightly team meets every other week, so its
 * summary lists the two weeks since its previous summary (the named week and the one before):
 * otherwise the referrals, job starts and ends of the week in between would never reach the team's
 * meeting. (Employer contacts are a weekly rate against a weekly target; see figures.ts.)
 */
export function summaryPeriod(week: IsoWeek, cadence: SummaryCadence, timeZone: string): SummaryPeriod {
  const first = weekBounds(cadence === "fortnightly" ? addWeeks(week, -1) : week, timeZone);
  return { start: first.start, end: weekBounds(week, timeZone).end };
}

/**
 * Whether a team gets the summary of `week`: the week is one of its cadence's weeks, and the team
 * existed for the whole of it. A team created after the week began would get a summary of part
 * of a week, whose employer contacts every specialist would fall short of the weekly target in;
 * its first summary is the next one its cadence gives for a whole week. Created Wednesday
 * 25 November 2026, a weekly team gets nothing on Monday 30 November (week 48) and its first
 * summary, of week 49, on Monday 7 December. Created on Monday 30 November at 06:00, before the
 * 07:00 schedule, it is in week 49 already: its first summary is that of week 50. Created exactly
 * at a week's start (Monday 00:00 local) counts as there for the whole week.
 */
export function isTeamDue(team: Pick<Team, "createdAt" | "summaryCadence">, week: IsoWeek, timeZone: string): boolean {
  if (!isSummaryWeek(week, team.summaryCadence)) return false;
  return Date.parse(team.createdAt) <= Date.parse(weekBounds(week, timeZone).start);
}
