import type { Deployment } from "../config/deployment";
import type { Team } from "../domain/schemas";
import { knownAtClose, outcomeFigures, type OutcomeFigures, type OutcomeParticipant } from "./figures";
import type { QuarterPeriod } from "../calendar/quarter-period";

/** One team's figures in a report. */
export interface TeamOutcomes {
  teamId: string;
  teamName: string;
  figures: OutcomeFigures;
}

/**
 * The outcome report of a quarter, as `GET /reports/outcomes` answers it. `figures` are the
 * scope's: the team's (with `teamId`) or the whole deployment's (without); `teams` has a row per
 * team in the scope (the one team, or every team that existed when the quarter closed).
 */
export interface OutcomeReport extends Omit<QuarterPeriod, "asOf"> {
  timeZone: string;
  /** The figures are as of this instant: the quarter's end, or now while the quarter runs. */
  asOf: string;
  teamId?: string;
  teamName?: string;
  figures: OutcomeFigures;
  teams: TeamOutcomes[];
}

export interface TeamInput {
  team: Pick<Team, "id" | "name" | "createdAt">;
  participants: OutcomeParticipant[];
}

/**
 * The report from each team's participants and events: per team, and (without `teamId`) for all
 * of them together. A team created after the quarter closed is not in a deployment's report, so
 * that a report of a closed quarter has the same rows whenever it is asked for.
 */
export function outcomeReport(period: QuarterPeriod, teams: readonly TeamInput[], deployment: Deployment, teamId?: string): OutcomeReport {
  const inScope = teamId === undefined ? teams.filter(({ team }) => Date.parse(team.createdAt) < Date.parse(period.closesAt)) : teams;
  const known = inScope.map(({ team, participants }) => ({ team, participants: knownAtClose(participants, period) }));
  const rows = known
    .map(({ team, participants }) => ({ teamId: team.id, teamName: team.name, figures: outcomeFigures(participants, period, deployment) }))
    .sort((a, b) => a.teamName.localeCompare(b.teamName, "nb") || a.teamId.localeCompare(b.teamId));
  const scope = teamId === undefined ? undefined : rows.find((row) => row.teamId === teamId);
  return {
    ...period,
    timeZone: deployment.timeZone,
    ...(scope ? { teamId: scope.teamId, teamName: scope.teamName } : {}),
    figures: scope ? scope.figures : outcomeFigures(known.flatMap(({ participants }) => participants), period, deployment),
    teams: rows,
  };
}
