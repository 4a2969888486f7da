import type { Deps } from "../../adapters/deps";
import type { ParticipantEvent, Team } from "../../core/domain/schemas";
import { listTeamEvents, listTeamParticipants } from "../../adapters/dynamodb/participants";
import { getTeam, listTeams } from "../../adapters/dynamodb/teams";
import { notFound } from "../../core/errors";
import type { Quarter } from "../../core/calendar/quarters";
import { outcomePeriod, type OutcomeParticipant, type OutcomePeriod } from "../../core/outcomes/figures";
import { outcomeReport, type OutcomeReport, type TeamInput } from "../../core/outcomes/report";

/** Teams read at a time for a deployment's report: two Queries each, without a burst on the table. */
const teamsAtOnce = 4;

/**
 * One team's participants and events, from the team's own index entries (GSI2): one Query for
 * the profiles, one for the events dated before the quarter's end. Erased participants are among
 * them (the profile and each event keep what the counts need).
 */
async function readTeam(deps: Deps, team: Team, period: OutcomePeriod): Promise<TeamInput> {
  const [profiles, events] = await Promise.all([listTeamParticipants(deps, team.id), listTeamEvents(deps, team.id, "", period.end)]);
  const byParticipant = new Map<string, OutcomeParticipant>(profiles.map((profile) => [profile.id, { profile, events: [] }]));
  for (const { participantId, ...event } of events) byParticipant.get(participantId)?.events.push(event as ParticipantEvent);
  return { team, participants: [...byParticipant.values()] };
}

/**
 * The outcome report of `quarter`: for one team (`teamId`), or for every team and the whole
 * deployment. Reads each team's index entries, never a table scan; the core counts.
 */
export async function readOutcomeReport(deps: Deps, quarter: Quarter, teamId?: string): Promise<OutcomeReport> {
  const period = outcomePeriod(quarter, deps.deployment.timeZone, deps.clock.now());
  let teams: Team[];
  if (teamId !== undefined) {
    const team = await getTeam(deps, teamId);
    if (!team) throw notFound("team");
    teams = [team];
  } else {
    // A team created after the quarter closed has no row in it (see outcomeReport): not read.
    teams = (await listTeams(deps)).filter((team) => Date.parse(team.createdAt) < Date.parse(period.closesAt));
  }
  const inputs: TeamInput[] = [];
  for (let i = 0; i < teams.length; i += teamsAtOnce) {
    inputs.push(...(await Promise.all(teams.slice(i, i + teamsAtOnce).map((team) => readTeam(deps, team, period)))));
  }
  return outcomeReport(period, inputs, deps.deployment, teamId);
}
