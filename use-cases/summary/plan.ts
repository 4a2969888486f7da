import type { Deps } from "../../adapters/deps";
import { listTeams } from "../../adapters/dynamodb/teams";
import type { IsoWeek } from "../../core/calendar/weeks";
import { coveredWeek, isTeamDue } from "../../core/summary/period";

/**
 * The weekly summary workflow's first step: which ISO week is covered and which teams are due a
 * summary of it. Apart from the sending (send.ts), so that the function that plans carries no
 * email client.
 */

export interface SummaryPlan {
  /** The ISO week the summaries cover (see `coveredWeek`). */
  week: IsoWeek;
  teamIds: string[];
}

/**
 * The teams due a summary of the week before `at` (the schedule's time; default now): weekly
 * teams every week, fortnightly ones every other week, and only teams that existed for the whole
 * covered week. The team list is a Query on the listing index, never a Scan.
 */
export async function planSummaries(deps: Deps, at: Date = deps.clock.now()): Promise<SummaryPlan> {
  const week = coveredWeek(at, deps.deployment.timeZone);
  const teams = await listTeams(deps);
  return { week, teamIds: teams.filter((team) => isTeamDue(team, week, deps.deployment.timeZone)).map((team) => team.id) };
}
