import type { Deps } from "../../adapters/deps";
import { appUrlOf } from "../../core/config/deployment";
import { keys } from "../../adapters/dynamodb/keys";
import { isoWeekSchema, weekBounds, type IsoWeek } from "../../core/calendar/weeks";
import { renderWeeklySummary } from "../../core/email";
import { participantsInProgram } from "../../core/email/weekly-summary";
import { sendOnce, type SendOnceOutcome } from "../../adapters/ses/send-once";
import { figuresForTeam } from "./load-figures";
import { isTeamDue } from "../../core/summary/period";
import { getTeamAndSummaryRecord } from "../../adapters/dynamodb/summary-repository";

/**
 * The weekly summary workflow's second step: send one team's summary, exactly once per ISO week
 * whatever retries happen (the first step, which week and which teams, is plan.ts).
 */

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
  // The team and any claim of this week's send, in one request: a retry after a send costs that
  // read, not the figures; sendOnce still decides when two race.
  const { team, record } = await getTeamAndSummaryRecord(deps, teamId, week);
  if (!team) return { outcome: "unknown-team" };
  const { timeZone } = deps.deployment;
  if (!isTeamDue(team, week, timeZone)) return { outcome: "not-due" };
  if (deps.clock.now().getTime() < Date.parse(weekBounds(week, timeZone).end)) return { outcome: "week-not-over" };
  if (record) return { outcome: "already-sent" };

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
