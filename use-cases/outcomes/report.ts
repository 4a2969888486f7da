import type { Deps } from "../../adapters/deps";
import type { ParticipantEvent, Team } from "../../core/domain/schemas";
import { listTeamEvents, listTeamParticipants } from "../../adapters/dynamodb/participants";
import { getTeam, listTeams } from "../../adapters/dynamodb/teams";
import { notFound } from "../../core/errors";
import { quartersUpTo, type Quarter } from "../../core/calendar/quarters";
import type { OutcomeParticipant } from "../../core/outcomes/figures";
import { quarterPeriod, type QuarterPeriod } from "../../core/calendar/quarter-period";
import { outcomeReport, type OutcomeReport, type TeamInput } from "../../core/outcomes/report";

/** Teams read at a time for a deployment's report: two Queries each, without a burst on the table. */
const teamsAtOnce = 4;

/**
 * One team's participants and events, from the team's own index entries (GSI2): one Query for
 * the profiles, one for the events dated before the quarter's end. Erased participants are among
 * them (the profile and each event keep what the counts need).
 */
async function readTeam(deps: Deps, team: Team, period: QuarterPeriod): Promise<TeamInput> {
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
  return (await readOutcomeReports(deps, quarter, 1, teamId))[0];
}

/**
 * The reports of the `count` quarters up to `last`, oldest first (the web page's chart), from one
 * read of each team: its participants and the events dated before the last quarter's end. Each
 * quarter then counts the events dated before its own end, as a report of that quarter alone
 * would read them, so each report equals the one `readOutcomeReport` gives.
 */
export async function readOutcomeReports(deps: Deps, last: Quarter, count: number, teamId?: string): Promise<OutcomeReport[]> {
  const now = deps.clock.now();
  const periods = quartersUpTo(last, count).map((quarter) => quarterPeriod(quarter, deps.deployment.timeZone, now));
  const latest = periods.at(-1)!;
  let teams: Team[];
  if (teamId !== undefined) {
    const team = await getTeam(deps, teamId);
    if (!team) throw notFound("team");
    teams = [team];
  } else {
    teams = await listTeams(deps);
  }
  // A team created after a quarter closed has no row in it (see outcomeReport): not read for it.
  const createdBefore = (team: Pick<Team, "createdAt">, period: QuarterPeriod) => teamId !== undefined || Date.parse(team.createdAt) < Date.parse(period.closesAt);
  const read = teams.filter((team) => createdBefore(team, latest));
  const inputs: TeamInput[] = [];
  for (let i = 0; i < read.length; i += teamsAtOnce) {
    inputs.push(...(await Promise.all(read.slice(i, i + teamsAtOnce).map((team) => readTeam(deps, team, latest)))));
  }
  return periods.map((period) => {
    const end = Date.parse(period.end);
    const asOfQuarter = inputs
      .filter((input) => createdBefore(input.team, period))
      .map((input) => ({
        ...input,
        participants: input.participants.map((participant) => ({ ...participant, events: participant.events.filter((event) => Date.parse(event.at) < end) })),
      }));
    return outcomeReport(period, asOfQuarter, deps.deployment, teamId);
  });
}
