import type { Deployment } from "../config/deployment";
import { median, within } from "../stats";
import type { ObligationKind, ParticipantEvent, Phase, Team } from "../domain/schemas";
import { phases } from "../domain/codes";
import type { WeeklySummaryFigures } from "../email/types";
import { type ParticipantProfile } from "../participants/profile";
import { daysBetween, localDateOf } from "../calendar/local-dates";
import { addWeeks, weekBounds, type IsoWeek } from "../calendar/weeks";
import type { JourneyState } from "../journey/evaluate";
import { foldContext, journeyStateOf } from "../participants/state";
import { stateOfFold } from "../journey/fold";
import { type SummaryPeriod } from "./period";
import { caseloadLimitFor, contactTargetFor, employerContactsTargetPerWeek } from "./working-share";

/**
 * The figures of a treatment team's weekly summary. `computeFigures` is pure (the same input gives
 * the same figures, whenever and however often it runs); `loadFiguresInput`
 * (use-cases/summary/load-figures.ts) does the reading, all of
 * it from the team's own index entries, plus per specialist a lookup, their caseload entries and
 * the week's employer contacts of the other teams they work in.
 *
 * Everything about participants is "as of" the end of the covered period (Monday 00:00 local), not
 * the moment of sending: a retried or previewed summary shows the same figures, and "overdue" means
 * overdue when the week closed. The truth is the events: each participant's state is computed
 * with the journey rules from the fold of their events (`participantFromFold`), or from the events
 * themselves when the fold cannot say, never read from the stored state.
 */

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
  /** The participant's first-ever employer contact, when one was made before the period's end. */
  firstEmployerContactAt?: string;
}

export interface SpecialistLoad {
  id: string;
  name: string;
  /** The full-time caseload limit, as stored. */
  caseloadLimit: number;
  /** Working share, 0.1 to 1. */
  fte: number;
  /** Participants the specialist follows now, across all teams. */
  caseload: number;
  /** The specialist's employer contacts in the named week for their participants in other teams. */
  contactsInOtherTeams: number;
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
  /** Names of other specialists an overdue row may need (see `overdueSpecialistIdsOf`); usually none. */
  otherSpecialists?: Array<{ id: string; name: string }>;
}


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
    .map((profile) => participantFromEvents(profile, eventsOf.get(profile.id) ?? [], asOf, deployment));
}

/** One participant at `asOf`, from their own events (those before `asOf` count). */
export function participantFromEvents(
  profile: ParticipantProfile,
  events: ParticipantEvent[],
  asOf: Date,
  deployment: Deployment,
): SummaryParticipant {
  const first = events
    .filter((event) => event.type === "employer-contact" && Date.parse(event.at) < asOf.getTime())
    .map((event) => event.at)
    .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  return {
    profile,
    state: journeyStateOf(profile, events, asOf, deployment),
    ...(first === undefined ? {} : { firstEmployerContactAt: first }),
  };
}

/**
 * A participant referred before `asOf`, with the state at `asOf` from the fold of their events
 * (core/journey/fold.ts), without the events: when the fold holds only events before `asOf`.
 * Undefined otherwise (no fold, other rules, or an event since): then their events are read and
 * `evaluateParticipants` gives the same.
 */
export function participantFromFold(profile: ParticipantProfile, asOf: Date, deployment: Deployment): SummaryParticipant | undefined {
  const { fold } = profile;
  // The summary counts events strictly before `asOf` (as the team's event query reads them).
  if (!fold || (fold.through && Date.parse(fold.through.at) >= asOf.getTime())) return undefined;
  const state = stateOfFold(fold, asOf, foldContext(deployment));
  if (!state) return undefined;
  return { profile, state, ...(fold.firstEmployerContactAt === undefined ? {} : { firstEmployerContactAt: fold.firstEmployerContactAt }) };
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

/**
 * Specialists an overdue row names who are not among those shown (`specialistIdsOf`). Normally
 * none: an overdue obligation belongs to a participant who has not exited, and a deadline met
 * late in the period was met by a contact in it. Kept so that no row ever names a specialist by id.
 */
export function overdueSpecialistIdsOf(participants: SummaryParticipant[], alerts: MissedDeadlineAlert[], shown: readonly string[]): string[] {
  const alerted = new Set(alerts.map((alert) => alert.participantId));
  const ids = new Set(
    participants
      .filter((p) => alerted.has(p.profile.id) || p.state.obligations.some((o) => o.status === "overdue"))
      .map((p) => p.profile.specialistId),
  );
  for (const id of shown) ids.delete(id);
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
  const names = new Map([...(input.otherSpecialists ?? []), ...input.specialists].map((s) => [s.id, s.name]));
  const specialistOf = (profile: SummaryParticipant["profile"]) => ({
    specialistId: profile.specialistId,
    // A specialist removed since is named by id, as in the other tables.
    specialistName: names.get(profile.specialistId) ?? profile.specialistId,
  });
  const rows: Overdue[] = [];
  for (const { profile, state } of input.participants) {
    for (const obligation of state.obligations) {
      if (obligation.status !== "overdue") continue;
      rows.push({
        participantId: profile.id,
        code: profile.code,
        ...specialistOf(profile),
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
    if (!participant || !met?.doneAt || !within(met.doneAt, input.period)) continue;
    const daysLate = daysBetween(localDateOf(alert.dueAt, input.timeZone), localDateOf(met.doneAt, input.timeZone));
    if (daysLate <= 0) continue;
    listed.add(alert.participantId);
    rows.push({
      participantId: alert.participantId,
      code: participant.profile.code,
      ...specialistOf(participant.profile),
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

  // Outcomes are a share of the active participants: referred before the period began (a referral
  // of this period has had no time to find work yet), neither paused (not seeking work now) nor
  // exited (no longer in the program).
  const active = participants.filter(
    (p) => Date.parse(p.profile.referredAt) < Date.parse(period.start) && p.state.phase !== "paused" && p.state.phase !== "exited",
  );
  const inWork = active.filter((p) => p.state.employment.inWork).length;
  const inSchool = active.filter((p) => p.state.employment.inSchool).length;
  const inWorkOrSchool = active.filter((p) => p.state.employment.inWork || p.state.employment.inSchool).length;
  const shareOf = (count: number) => (active.length === 0 ? 0 : count / active.length);

  // Rapid job search (IPS fidelity): of the participants whose first-ever employer contact fell in
  // the period, the median number of days (local calendar days, as the 30-day deadline counts
  // them) from referral to that contact.
  const firstContactDays = participants
    .filter((p) => p.firstEmployerContactAt !== undefined && within(p.firstEmployerContactAt, period))
    .map((p) => daysBetween(localDateOf(p.profile.referredAt, timeZone), localDateOf(p.firstEmployerContactAt!, timeZone)));

  const newReferrals = participants
    .filter((p) => within(p.profile.referredAt, period))
    .map((p) => ({ participantId: p.profile.id, code: p.profile.code, referredAt: p.profile.referredAt }))
    .sort((a, b) => Date.parse(a.referredAt) - Date.parse(b.referredAt) || a.code.localeCompare(b.code));

  // Events of participants the summary cannot name (none in a consistent table) are left out.
  const events = input.periodEvents
    .filter((event) => within(event.at, period) && codeOf(event.participantId) !== undefined)
    .map((event) => ({ event, code: codeOf(event.participantId)! }));

  // Employer contacts are a rate against a weekly target (and the email says "this week"), so they
  // are the named week's also when a fortnightly summary lists two weeks of everything else.
  const contactWeek = weekBounds(input.week, timeZone);
  const contacts = events.filter(({ event }) => event.type === "employer-contact" && within(event.at, contactWeek));
  // A specialist's count is their whole week: this team's contacts plus those for their participants
  // in other teams, against their own target (6 × working share). A specialist in two teams is
  // measured the same in both summaries; the team's total stays its own.
  const perSpecialist = [...input.specialists]
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((specialist) => {
      const inTeam = contacts.filter(({ event }) => byId.get(event.participantId)?.specialistId === specialist.id).length;
      return {
        specialistId: specialist.id,
        specialistName: specialist.name,
        count: inTeam + specialist.contactsInOtherTeams,
        inTeam,
        fte: specialist.fte,
        target: contactTargetFor(specialist.fte),
      };
    });

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
        .filter((o) => o.status !== "done" && o.status !== "overdue" && comingKinds.includes(o.kind) && within(o.dueAt, coming))
        .map((o) => ({ participantId: profile.id, code: profile.code, kind: o.kind, dueAt: o.dueAt })),
    )
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.code.localeCompare(b.code) || a.kind.localeCompare(b.kind));

  const caseloads = [...input.specialists]
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((s) => ({
      specialistId: s.id,
      specialistName: s.name,
      count: s.caseload,
      limit: caseloadLimitFor(s.caseloadLimit, s.fte),
      caseloadLimit: s.caseloadLimit,
      fte: s.fte,
    }));

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
      inWorkOrSchool,
      active: active.length,
      employmentRate: shareOf(inWork),
      inWorkOrSchoolRate: shareOf(inWorkOrSchool),
    },
    rapidJobSearch: { count: firstContactDays.length, medianDays: median(firstContactDays) },
    overdue: overdueOf(input, today),
    comingFollowUps,
    caseloads,
  };
}

/** A missed 30-day deadline as the journey recorded it for the team (use-cases/journey/record-due.ts). */
export interface MissedDeadlineAlert {
  participantId: string;
  code: string;
  kind: ObligationKind;
  /** ISO instant: 00:00 local on the due date. */
  dueAt: string;
}

/** One employer contact of a team's participant: who and when. */
export interface TeamContact {
  participantId: string;
  at: string;
}
