import type { Deps } from "../../adapters/deps";
import type { Specialist, Team } from "../../core/domain/schemas";
import type { ParticipantProfile } from "../../core/participants/profile";
import { defaultCaseloadLimit, fullTime } from "../../core/domain/codes";
import type { WeeklySummaryFigures } from "../../core/email/types";
import { listEvents, listTeamEvents, listTeamParticipants } from "../../adapters/dynamodb/participants";
import { getSpecialists } from "../../adapters/dynamodb/specialists";
import { getTeam } from "../../adapters/dynamodb/teams";
import { notFound } from "../../core/errors";
import { isoWeekSchema, weekBounds, type IsoWeek } from "../../core/calendar/weeks";
import { summaryPeriod } from "../../core/summary/period";
import {
  computeFigures,
  participantFromEvents,
  participantFromFold,
  overdueSpecialistIdsOf,
  specialistIdsOf,
  type FiguresInput,
  type SpecialistLoad,
  type TeamContact,
} from "../../core/summary/figures";
import {
  listSpecialistParticipants,
  listTeamEmployerContacts,
  listTeamMissedDeadlines,
  type CaseloadEntry,
} from "../../adapters/dynamodb/summary-repository";

/**
 * Reads what a team's summary needs: queries on the team's index entries (its participants, the
 * period's events, its alerts), the specialists it names (one BatchGet) and, for one who works in
 * other teams too, their caseload entries and the named week's employer contacts of those teams. No history: each participant's state at
 * the period's end comes from the fold of their events on the profile. Only a participant whose
 * fold cannot say (an event recorded since the period ended, or a fold not yet renewed after a
 * rules change) has their own events read.
 */
export async function loadFiguresInput(deps: Deps, team: Team, week: IsoWeek): Promise<FiguresInput> {
  const { timeZone } = deps.deployment;
  const period = summaryPeriod(isoWeekSchema.parse(week), team.summaryCadence, timeZone);
  const asOf = new Date(Math.min(Date.parse(period.end), deps.clock.now().getTime()));
  const until = asOf.toISOString();
  const [profiles, periodEvents, alerts] = await Promise.all([
    listTeamParticipants(deps, team.id),
    listTeamEvents(deps, team.id, period.start, until),
    listTeamMissedDeadlines(deps, team.id, until),
  ]);
  const participants = await Promise.all(
    profiles
      .filter((profile) => Date.parse(profile.referredAt) < asOf.getTime())
      .map(async (profile) => {
        const folded = participantFromFold(profile, asOf, deps.deployment);
        if (folded) return folded;
        // As the team's event query would give them: those before the period's end.
        const events = (await listEvents(deps, profile.id)).filter((event) => event.at < until);
        return participantFromEvents(profile, events, asOf, deps.deployment);
      }),
  );

  // A specialist's employer contacts count across all their participants, in every team. Events
  // carry the participant, not the specialist, and no index is keyed by specialist and time. So:
  // the specialist's caseload index entries (one Query, which the caseload count needs anyway)
  // say which of their participants are in which other team, and each such team's employer
  // contacts of the named week come from one range Query on that team's events (GSI2,
  // `EVENT#<at>` keys), shared by every specialist of this summary who works in that team. That
  // reads one week of one or two other teams' events, where a Query per participant would cost a
  // request (and at least half a read unit) for each of the 20-odd participants, and the other
  // teams' whole histories (as read for this team) would grow without end.
  const contactWeek = weekBounds(week, timeZone);
  const contactsUntil = until < contactWeek.end ? until : contactWeek.end;
  const otherTeamContacts = new Map<string, Promise<TeamContact[]>>();
  const contactsOfTeam = (teamId: string): Promise<TeamContact[]> => {
    if (contactsUntil <= contactWeek.start) return Promise.resolve([]);
    let contacts = otherTeamContacts.get(teamId);
    if (!contacts) {
      contacts = listTeamEmployerContacts(deps, teamId, contactWeek.start, contactsUntil);
      otherTeamContacts.set(teamId, contacts);
    }
    return contacts;
  };

  const shown = specialistIdsOf(participants, periodEvents);
  const overdueOthers = overdueSpecialistIdsOf(participants, alerts, shown);
  // Every specialist the summary names, in one request.
  const known = await getSpecialists(deps, [...shown, ...overdueOthers]);
  const [specialists, otherSpecialists] = await Promise.all([
    Promise.all(
      shown.map(async (id): Promise<SpecialistLoad> => {
        const specialist = known.get(id);
        const caseload = onlyIn(specialist, team.id) ? caseloadInTeam(profiles, id) : await listSpecialistParticipants(deps, id);
        const elsewhere = caseload.filter((entry) => entry.teamId !== team.id);
        const theirs = new Set(elsewhere.map((entry) => entry.participantId));
        const otherTeams = [...new Set(elsewhere.map((entry) => entry.teamId))];
        const contacts = (await Promise.all(otherTeams.map(contactsOfTeam))).flat();
        // A specialist removed since keeps their place in the figures under their id.
        return {
          id,
          name: specialist?.name ?? id,
          caseloadLimit: specialist?.caseloadLimit ?? defaultCaseloadLimit,
          fte: specialist?.fte ?? fullTime,
          caseload: caseload.filter((entry) => entry.phase !== "exited").length,
          contactsInOtherTeams: contacts.filter((contact) => theirs.has(contact.participantId)).length,
        };
      }),
    ),
    overdueOthers.map((id) => ({ id, name: known.get(id)?.name ?? id })),
  ]);
  return {
    team: { id: team.id, name: team.name },
    week,
    period,
    asOf,
    timeZone,
    participants,
    periodEvents,
    alerts,
    specialists,
    ...(otherSpecialists.length > 0 ? { otherSpecialists } : {}),
  };
}

/**
 * Whether all of a specialist's participants are in this team: they work with no other, and a
 * participant is referred to one of their specialist's teams (create.ts) and stays with that
 * specialist and team. Then the team's participants, read already, are the caseload, and the
 * caseload index (full profiles) need not be read.
 */
const onlyIn = (specialist: Specialist | undefined, teamId: string) =>
  specialist !== undefined && specialist.teamIds.length === 1 && specialist.teamIds[0] === teamId;

/** The caseload entries of a specialist among a team's participants, as the caseload index holds them (erased ones leave it). */
const caseloadInTeam = (profiles: ParticipantProfile[], specialistId: string): CaseloadEntry[] =>
  profiles
    .filter((profile) => profile.specialistId === specialistId && !profile.erasedAt)
    .map((profile) => ({ participantId: profile.id, teamId: profile.teamId, phase: profile.phase }));

/** The figures of a team's summary for `week`, for a team already read. */
export async function figuresForTeam(deps: Deps, team: Team, week: IsoWeek): Promise<WeeklySummaryFigures> {
  return computeFigures(await loadFiguresInput(deps, team, week));
}

/** The figures of a team's summary for `week` (an ISO week such as "2026-W48"). */
export async function weeklySummaryFigures(deps: Deps, teamId: string, week: IsoWeek): Promise<WeeklySummaryFigures> {
  const team = await getTeam(deps, teamId);
  if (!team) throw notFound(`team ${teamId}`);
  return figuresForTeam(deps, team, week);
}
