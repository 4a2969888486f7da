import type { Deps } from "../../adapters/deps";
import { appUrlOf } from "../../core/config/deployment";
import { keys } from "../../adapters/dynamodb/keys";
import { getTeam, listTeams } from "../../adapters/dynamodb/teams";
import { isoWeekSchema, weekBounds, type IsoWeek } from "../../core/calendar/weeks";
import { renderWeeklySummary } from "../../core/email";
import { participantsInProgram } from "../../core/email/weekly-summary";
import { sendOnce, type SendOnceOutcome } from "../../adapters/ses/send-once";
import { figuresForTeam } from "./load-figures";
import { coveredWeek, isTeamDue } from "../../core/summary/period";
import { findSummaryRecord } from "../../adapters/dynamodb/summary-repository";

/**
 * The weekly summary workflow's two steps: plan (which week, which teams) and send (one team,
 * exactly once per ISO week whatever retries happen).
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

export type SummaryOutcome =
  | SendOnceOutcome
  | "unknown-team"
  /** Not one of the team's summary weeks (fortnightly), or the team did not exist for the whole week. */
  | "not-due"
  /** The week has not ended: a summary of part of a week would take the week's one send. */
  | "week-not-over";

/**
 * Sends a team its summary of `week`, at most once: the send is claimed under
 * keys.summary(teamId, week) before it goes out (adapters/ses/send-once.ts), so a retried task, a
 * second execution or a concurrent call finds the claim and sends nothing.
 */
export async function sendTeamSummary(deps: Deps, teamId: string, week: IsoWeek): Promise<{ outcome: SummaryOutcome }> {
  isoWeekSchema.parse(week);
  const team = await getTeam(deps, teamId);
  if (!team) return { outcome: "unknown-team" };
  const { timeZone } = deps.deployment;
  if (!isTeamDue(team, week, timeZone)) return { outcome: "not-due" };
  if (deps.clock.now().getTime() < Date.parse(weekBounds(week, timeZone).end)) return { outcome: "week-not-over" };
  // A retry after a send costs one read, not the figures; sendOnce still decides when two race.
  if (await findSummaryRecord(deps, teamId, week)) return { outcome: "already-sent" };

  const figures = await figuresForTeam(deps, team, week);
  const email = renderWeeklySummary(figures, { locale: team.locale, timeZone, baseUrl: appUrlOf(deps.deployment) });
  const outcome = await sendOnce(
    deps,
    keys.summary(teamId, week),
    { entity: "summary", teamId, week, participants: participantsInProgram(figures) },
    { to: team.emails, ...email },
  );
  return { outcome };
}
