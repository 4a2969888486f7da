import type { Deps } from "../runtime/deps";
import type { Deployment } from "../config/deployment";
import type { ObligationKind, ParticipantEvent, Phase, Team } from "../domain/schemas";
import { createSpecialistSchema, phases } from "../domain/schemas";
import type { WeeklySummaryFigures } from "../email/types";
import { listTeamEvents, listTeamParticipants, type ParticipantProfile } from "../data/participants";
import { getSpecialist } from "../data/specialists";
import { getTeam } from "../data/teams";
import { notFound } from "../http/errors";
import { daysBetween, localDateOf } from "../calendar/local-dates";
import { addWeeks, isoWeekSchema, weekBounds, type IsoWeek } from "../calendar/weeks";
import type { JourneyState } from "../journey/evaluate";
import { journeyStateOf } from "../participants/state";
import { summaryPeriod, type SummaryPeriod } from "./period";
import { countActiveCaseload, listTeamMissedDeadlines, type MissedDeadlineAlert } from "./repository";

/**
 * The figures of a treatment team's weekly summary. `computeFigures` is pure (the same input gives
 * the same figures, whenever and however often it runs); `loadFiguresInput` does the reading, all of
 * it from the team's own index entries plus one small lookup per specialist.
 *
 * Everything about participants is "as of" the end of the covered period (Monday 00:00 local), not
 * the moment of sending: a retried or previewed summary shows the same figures, and "overdue" means
 * overdue when the week closed. The truth is the events: each participant's state is recomputed
 * from them with the journey rules, never read from the stored copy.
 */

/** IPS fidelity scale, item "job development: frequent employer contact": 6 face-to-face contacts per specialist per week. */
export const employerContactsTargetPerWeek = 6;

/**
 * What "follow-ups due in the coming week" lists: every follow-up, the two 30-day deadlines and the
 * team's outreach. Not "job-development": every participant in job search has one due each week,
 * and the employer-contact figures already show how job development goes.
 */
export const comingKinds: readonly ObligationKind[] = [
  "first-employer-contact",
  "benefits-counselling",
  "job-start-follow-up",
  "placement-follow-up",
  "follow-up",
  "job-loss-follow-up",
  "outreach",
];

export type TeamEvent = ParticipantEvent & { participantId: string };

export interface SummaryParticipant {
  profile: Pick<ParticipantProfile, "id" | "code" | "specialistId" | "referredAt">;
  /** The journey state at the end of the period, computed from events. */
  state: JourneyState;
}

export interface SpecialistLoad {
  id: string;
  name: string;
  caseloadLimit: number;
  /** Participants the specialist follows now, across all teams. */
  caseload: number;
}

export interface FiguresInput {
  team: Pick<Team, "id" | "name">;
  week: IsoWeek;
  period: SummaryPeriod;
  /** The instant states are evaluated at: the period's end (or now, for a period still running). */
  asOf: Date;
  timeZone: string;
  /** Participants referred before `asOf`, with their states. */
  participants: SummaryParticipant[];
  /** The team's events in the period. */
  periodEvents: TeamEvent[];
  /** Missed deadlines the journeys recorded for the team, due before `asOf`. */
  alerts: MissedDeadlineAlert[];
  /** The specialists the summary shows (see `specialistIdsOf`). */
  specialists: SpecialistLoad[];
}

const inPeriod = (at: string, period: Pick<SummaryPeriod, "start" | "end">) =>
  Date.parse(at) >= Date.parse(period.start) && Date.parse(at) < Date.parse(period.end);

const byAt = <T extends { at: string; code: string }>(a: T, b: T) => Date.parse(a.at) - Date.parse(b.at) || a.code.localeCompare(b.code);

/** Each participant referred before `asOf`, with the journey state at `asOf` computed from their events. */
export function evaluateParticipants(
  profiles: ParticipantProfile[],
  events: TeamEvent[],
  asOf: Date,
  deployment: Deployment,
): SummaryParticipant[] {
  const eventsOf = new Map<string, ParticipantEvent[]>();
  for (const { participantId, ...event } of events) {
    const list = eventsOf.get(participantId) ?? [];
    list.push(event as ParticipantEvent);
    eventsOf.set(participantId, list);
  }
  return profiles
    .filter((profile) => Date.parse(profile.referredAt) < asOf.getTime())
    .map((profile) => ({
      profile,
      state: journeyStateOf(profile, eventsOf.get(profile.id) ?? [], asOf, deployment),
    }));
}

/**
 * The specialists a team's summary shows: those following one of its active participants, and
 * those who made an employer contact for one of its participants in the period (the participant
 * may have exited since).
 */
export function specialistIdsOf(participants: SummaryParticipant[], periodEvents: TeamEvent[]): string[] {
  const specialistOf = new Map(participants.map((p) => [p.profile.id, p.profile.specialistId]));
  const ids = new Set(participants.filter((p) => p.state.phase !== "exited").map((p) => p.profile.specialistId));
  for (const event of periodEvents) {
    const specialistId = specialistOf.get(event.participantId);
    if (event.type === "employer-contact" && specialistId) ids.add(specialistId);
  }
  return [...ids].sort();
}

type Overdue = WeeklySummaryFigures["overdue"][number];

/**
 * Overdue obligations at `asOf`, and missed 30-day deadlines. A missed first-employer-contact is
 * listed while it is still unmet; one the journey recorded as missed and that was met late during
 * the period is listed too (with how many days late it was met), so the team hears of every miss
 * even when the contact came before the meeting.
 */
function overdueOf(input: FiguresInput, today: string): Overdue[] {
  const rows: Overdue[] = [];
  for (const { profile, state } of input.participants) {
    for (const obligation of state.obligations) {
      if (obligation.status !== "overdue") continue;
      rows.push({
        participantId: profile.id,
        code: profile.code,
        kind: obligation.kind,
        dueAt: obligation.dueAt,
        daysOverdue: daysBetween(obligation.dueDate, today),
        missedDeadline: obligation.kind === "first-employer-contact",
      });
    }
  }
  const listed = new Set(rows.filter((row) => row.missedDeadline).map((row) => row.participantId));
  const byId = new Map(input.participants.map((p) => [p.profile.id, p]));
  for (const alert of input.alerts) {
    if (alert.kind !== "first-employer-contact" || listed.has(alert.participantId)) continue;
    const participant = byId.get(alert.participantId);
    const met = participant?.state.obligations.find((o) => o.kind === alert.kind && o.status === "done");
    if (!participant || !met?.doneAt || !inPeriod(met.doneAt, input.period)) continue;
    const daysLate = daysBetween(localDateOf(alert.dueAt, input.timeZone), localDateOf(met.doneAt, input.timeZone));
    if (daysLate <= 0) continue;
    listed.add(alert.participantId);
    rows.push({
      participantId: alert.participantId,
      code: participant.profile.code,
      kind: alert.kind,
      dueAt: alert.dueAt,
      daysOverdue: daysLate,
      missedDeadline: true,
    });
  }
  return rows.sort((a, b) => b.daysOverdue - a.daysOverdue || a.code.localeCompare(b.code) || a.kind.localeCompare(b.kind));
}

/** The summary's figures from what was loaded. Pure. */
export function computeFigures(input: FiguresInput): WeeklySummaryFigures {
  const { participants, period, timeZone } = input;
  const byId = new Map(participants.map((p) => [p.profile.id, p.profile]));
  const codeOf = (participantId: string) => byId.get(participantId)?.code;
  const today = localDateOf(input.asOf, timeZone);

  const participantsByPhase = Object.fromEntries(phases.map((phase) => [phase, 0])) as Record<Phase, number>;
  for (const { state } of participants) participantsByPhase[state.phase]++;

  // Active: everyone in the program, paused included; exited participants are not job seekers now.
  const active = participants.filter((p) => p.state.phase !== "exited");
  const inWork = active.filter((p) => p.state.employment.inWork).length;
  const inSchool = active.filter((p) => p.state.employment.inSchool).length;

  const newReferrals = participants
    .filter((p) => inPeriod(p.profile.referredAt, period))
    .map((p) => ({ participantId: p.profile.id, code: p.profile.code, referredAt: p.profile.referredAt }))
    .sort((a, b) => Date.parse(a.referredAt) - Date.parse(b.referredAt) || a.code.localeCompare(b.code));

  // Events of participants the summary cannot name (none in a consistent table) are left out.
  const events = input.periodEvents
    .filter((event) => inPeriod(event.at, period) && codeOf(event.participantId) !== undefined)
    .map((event) => ({ event, code: codeOf(event.participantId)! }));

  // Employer contacts are a rate against a weekly target (and the email says "this week"), so they
  // are the named week's also when a fortnightly summary lists two weeks of everything else.
  const contactWeek = weekBounds(input.week, timeZone);
  const contacts = events.filter(({ event }) => event.type === "employer-contact" && inPeriod(event.at, contactWeek));
  const perSpecialist = [...input.specialists]
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((specialist) => ({
      specialistId: specialist.id,
      specialistName: specialist.name,
      count: contacts.filter(({ event }) => byId.get(event.participantId)?.specialistId === specialist.id).length,
    }));

  const starts: WeeklySummaryFigures["starts"] = [];
  const ends: WeeklySummaryFigures["ends"] = [];
  for (const { event, code } of events) {
    const who = { participantId: event.participantId, code, at: event.at };
    if (event.type === "job-start") {
      starts.push({
        ...who,
        kind: "job",
        employer: event.employer,
        hoursPerWeek: event.hoursPerWeek,
        wage: event.wage,
        temporary: event.temporary,
      });
    } else if (event.type === "education-start") starts.push({ ...who, kind: "education" });
    else if (event.type === "job-end") ends.push({ ...who, kind: "job" });
    else if (event.type === "education-end") ends.push({ ...who, kind: "education" });
  }

  // The coming week: the ISO week after the covered one, Monday 00:00 to Monday 00:00 local.
  const coming = weekBounds(addWeeks(input.week, 1), timeZone);
  const comingFollowUps = participants
    .flatMap(({ profile, state }) =>
      state.obligations
        .filter((o) => o.status !== "done" && o.status !== "overdue" && comingKinds.includes(o.kind) && inPeriod(o.dueAt, coming))
        .map((o) => ({ participantId: profile.id, code: profile.code, kind: o.kind, dueAt: o.dueAt })),
    )
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.code.localeCompare(b.code) || a.kind.localeCompare(b.kind));

  const caseloads = [...input.specialists]
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((s) => ({ specialistId: s.id, specialistName: s.name, count: s.caseload, limit: s.caseloadLimit }));

  return {
    teamId: input.team.id,
    teamName: input.team.name,
    week: input.week,
    weekStart: period.start,
    weekEnd: period.end,
    participantsByPhase,
    newReferrals,
    employerContacts: { total: contacts.length, target: employerContactsTargetPerWeek, perSpecialist },
    starts: starts.sort(byAt),
    ends: ends.sort(byAt),
    outcomes: {
      inWork,
      inSchool,
      active: active.length,
      employmentRate: active.length === 0 ? 0 : inWork / active.length,
    },
    overdue: overdueOf(input, today),
    comingFollowUps,
    caseloads,
  };
}

/** The limit a specialist has unless set otherwise (the specialist schema's default). */
const defaultCaseloadLimit: number = createSpecialistSchema.shape.caseloadLimit.parse(undefined);

/** Reads what a team's summary needs: queries on the team's index entries, and per shown specialist a lookup and a count. */
export async function loadFiguresInput(deps: Deps, team: Team, week: IsoWeek): Promise<FiguresInput> {
  const { timeZone } = deps.deployment;
  const period = summaryPeriod(isoWeekSchema.parse(week), team.summaryCadence, timeZone);
  const asOf = new Date(Math.min(Date.parse(period.end), deps.clock.now().getTime()));
  const until = asOf.toISOString();
  const [profiles, events, alerts] = await Promise.all([
    listTeamParticipants(deps, team.id),
    // All the team's events up to the end of the period: the states are computed from them.
    listTeamEvents(deps, team.id, "", until),
    listTeamMissedDeadlines(deps, team.id, until),
  ]);
  const participants = evaluateParticipants(profiles, events, asOf, deps.deployment);
  const periodEvents = events.filter((event) => inPeriod(event.at, period));
  const specialists = await Promise.all(
    specialistIdsOf(participants, periodEvents).map(async (id): Promise<SpecialistLoad> => {
      const [specialist, caseload] = await Promise.all([getSpecialist(deps, id), countActiveCaseload(deps, id)]);
      // A specialist removed since keeps their place in the figures under their id.
      return { id, name: specialist?.name ?? id, caseloadLimit: specialist?.caseloadLimit ?? defaultCaseloadLimit, caseload };
    }),
  );
  return { team: { id: team.id, name: team.name }, week, period, asOf, timeZone, participants, periodEvents, alerts, specialists };
}

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
