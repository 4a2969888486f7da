import type { Deployment } from "../config/deployment";
import { mean, median, share, within, type Span } from "../stats";
import { exitReasonCode, type ExitReason, type ObligationKind } from "../domain/codes";
import type { ParticipantEvent } from "../domain/schemas";
import type { EmployerContact, Sector } from "../domain/employers";
import type { ParticipantProfile } from "../participants/profile";
import { addDays, daysBetween, localDateOf, type LocalDate } from "../calendar/local-dates";
import { chronological, evaluateJourneyCourses, type JourneyState, type ObligationCourse } from "../journey/evaluate";
import { resolveRules } from "../journey/rules";
import { contactScore, exclusionReasons, followAlongKinds } from "./anchors";

/**
 * The figures behind each scored item of the fidelity self-score, from the team's recorded events
 * as of the end of the quarter (or now, for the quarter still running). What counts is what was
 * recorded before the quarter *closed* (core/calendar/quarter-period.ts), dated
 * before its end: an event entered a few days late counts in its quarter, and from the close on
 * the same request gives the same figures. Pure; use-cases/fidelity/ does the reading. Each
 * figure's counting rules, and where they depart from the manual, are in anchors.ts with the item.
 */

/** A participant with their events up to the report's instant. */
export interface FidelityParticipant {
  profile: Pick<ParticipantProfile, "id" | "teamId" | "specialistId" | "referredAt"> & { createdAt?: string };
  events: ParticipantEvent[];
}

/** A specialist the team's figures count, with what the team's own records do not hold. */
export interface FidelitySpecialist {
  id: string;
  name: string;
  fte: number;
  /** Their participants in other teams: the caseload and the employer contacts count them too. */
  elsewhere: FidelityParticipant[];
  /** Their contacts in the employer register in the quarter (general ones, and those about a participant). */
  registerContacts: EmployerContact[];
}


export interface FidelityInput {
  /** The quarter's bounds: [start, end). */
  period: Span;
  /** The instant figures are as of: the quarter's end, or now while it runs. */
  asOf: Date;
  /** What was recorded from this instant on is left out (the quarter's close); none: everything. */
  closesAt?: string;
  /** The span the job-based items count starts in: the four quarters up to this one's end. */
  jobPeriod: Span;
  deployment: Pick<Deployment, "timeZone" | "rules">;
  /** The team's participants referred before `asOf`. */
  participants: FidelityParticipant[];
  specialists: FidelitySpecialist[];
  /** Each registered employer's industry, by id, for the employers the job starts name. */
  sectors: Record<string, Sector>;
}

export interface SpecialistCaseload {
  specialistId: string;
  name: string;
  fte: number;
  participants: number;
  perFullTime: number;
}

export interface CaseloadFigures {
  /** Participants on the team's specialists' caseloads at the end (not exited), in all their teams. */
  participants: number;
  /** The sum of the specialists' working shares. */
  fte: number;
  /** participants ÷ fte; null without specialists. */
  perFullTime: number | null;
  specialists: SpecialistCaseload[];
}

export interface RapidJobSearchFigures {
  /** Participants whose first face-to-face employer contact (or job start) fell in the quarter. */
  count: number;
  meanDays: number | null;
  medianDays: number | null;
  within30Days: number;
  /** Participants not exited at the end with no face-to-face employer contact yet. */
  waiting: number;
  /** Of those, referred more than 30 days before the end. */
  waitingOver30Days: number;
}

export interface SpecialistContacts {
  specialistId: string;
  name: string;
  fte: number;
  /** Face-to-face employer contacts they made in the quarter. */
  contacts: number;
  perWeek: number;
  perWeekFullTime: number;
  score: number;
}

export interface EmployerContactFigures {
  /** Weeks in the quarter (up to the report's instant). */
  weeks: number;
  /** Face-to-face contacts of the team's specialists. */
  contacts: number;
  /** Of those, general job development (about no participant). */
  general: number;
  /** Of those, recorded without a mode (counted as face to face). */
  withoutMode: number;
  /** Contacts made by participants on their own: not counted. */
  byParticipants: number;
  /** Contacts by phone or digital: not counted. */
  notFaceToFace: number;
  perSpecialist: SpecialistContacts[];
  averagePerWeekFullTime: number | null;
  /** The mean of the specialists' scores, which the item's score rounds. */
  averageScore: number | null;
}

export interface DiversityFigures {
  /** Jobs started in the span that could be counted. */
  jobs: number;
  /** Different types (employers' industries) or employers among them. */
  distinct: number;
  share: number | null;
  /** Jobs left out: no type (employer not in the register) or no employer kept (erased). */
  unknown: number;
}

export interface CompetitiveJobsFigures {
  jobs: number;
  ordinary: number;
  subsidised: number;
  share: number | null;
  /** Of the jobs, temporary posts (counted as competitive when at ordinary wage). */
  temporary: number;
  /** Starts whose wage is not kept (erased participants): left out. */
  unknown: number;
}

export interface WorkIncentivesFigures {
  starts: number;
  startsWithCounselling: number;
  startShare: number | null;
  changes: number;
  changesWithCounselling: number;
  changeShare: number | null;
}

export interface FollowAlongKind {
  kind: (typeof followAlongKinds)[number];
  /** Obligations of the kind that fell due in the quarter (and whose due date has passed). */
  due: number;
  onTime: number;
  share: number | null;
}

export interface FollowAlongFigures {
  kinds: FollowAlongKind[];
  due: number;
  onTime: number;
  share: number | null;
}

export interface ZeroExclusionFigures {
  /** Referrals whose time as referred ended in the quarter. */
  ended: number;
  /** Of those, began job search. */
  started: number;
  /** Of those, exited before job search. */
  notStarted: number;
  /** The exits before job search by reason ("unknown": erased). */
  reasons: Partial<Record<ExitReason | "unknown", number>>;
  /** Exits before job search for a reason that may hide an exclusion (anchors.ts: exclusionReasons). */
  excluded: number;
  /** excluded ÷ (ended − unknown reasons). */
  share: number | null;
}

export interface FidelityFigures {
  "caseload-size": CaseloadFigures;
  "zero-exclusion": ZeroExclusionFigures;
  "work-incentives-planning": WorkIncentivesFigures;
  "rapid-job-search": RapidJobSearchFigures;
  "frequent-employer-contact": EmployerContactFigures;
  "diversity-of-job-types": DiversityFigures;
  "diversity-of-employers": DiversityFigures;
  "competitive-jobs": CompetitiveJobsFigures;
  "time-unlimited-follow-along": FollowAlongFigures;
}

/**
 * What the figures may use: participants registered, and their events recorded, before the close
 * (all of them without one). A record without its recording time counts as recorded when it happened.
 */
export function recordedBefore(closesAt: string | undefined) {
  const closes = closesAt === undefined ? Infinity : Date.parse(closesAt);
  const inTime = (record: { at: string; recordedAt?: string }) => Date.parse(record.recordedAt ?? record.at) < closes;
  return {
    inTime,
    participants: (participants: readonly FidelityParticipant[]): FidelityParticipant[] =>
      participants
        .filter((p) => p.profile.createdAt === undefined || Date.parse(p.profile.createdAt) < closes)
        .map((p) => ({ ...p, events: p.events.filter(inTime) })),
  };
}


type Evaluated = FidelityParticipant & { state: JourneyState; courses: ObligationCourse[] };

/** A contact with an employer the fidelity scale counts: face to face (or of unknown mode), by the specialist. */
interface Contact {
  id: string;
  at: string;
  mode?: string;
  participantId?: string;
  made?: string;
}

const isFaceToFace = (event: ParticipantEvent): boolean => event.type === "employer-contact" && (event.mode === undefined || event.mode === "face-to-face");

/** The figures of every scored item. Pure. */
export function computeFidelityFigures(input: FidelityInput): FidelityFigures {
  const { timeZone } = input.deployment;
  const rules = resolveRules(input.deployment.rules);
  // What the quarter covers up to the report's instant: a running quarter counts until now.
  const quarter: Span = { start: input.period.start, end: new Date(Math.min(Date.parse(input.period.end), input.asOf.getTime())).toISOString() };
  const jobs: Span = { start: input.jobPeriod.start, end: quarter.end };
  const local = (at: string | Date) => localDateOf(at, timeZone);
  const startDate = local(quarter.start);
  const endDate = local(quarter.end);

  const known = recordedBefore(input.closesAt);
  const evaluate = (p: FidelityParticipant): Evaluated => {
    const events = p.events.filter((event) => Date.parse(event.at) < input.asOf.getTime());
    const { state, courses } = evaluateJourneyCourses({ referredAt: p.profile.referredAt, events, now: input.asOf, rules, timeZone });
    return { ...p, events: chronological(events), state, courses };
  };
  const referred = (p: FidelityParticipant) => Date.parse(p.profile.referredAt) < input.asOf.getTime();
  const team = known.participants(input.participants).filter(referred).map(evaluate);
  const elsewhere = new Map(input.specialists.map((s) => [s.id, known.participants(s.elsewhere).filter(referred).map(evaluate)]));

  return {
    "caseload-size": caseload(input, team, elsewhere),
    "zero-exclusion": zeroExclusion(team, quarter),
    "work-incentives-planning": workIncentives(team, quarter, startDate, endDate, rules.benefitsCounsellingChangeDays, local),
    "rapid-job-search": rapidJobSearch(team, quarter, endDate, local),
    "frequent-employer-contact": employerContacts(input, team, elsewhere, quarter, startDate, endDate, known.inTime),
    "diversity-of-job-types": diversity(team, jobs, (start) => (start.employerId ? input.sectors[start.employerId] : undefined)),
    "diversity-of-employers": diversity(team, jobs, (start) =>
      start.employerId ? `id:${start.employerId}` : start.employer ? `name:${start.employer.toLocaleLowerCase("nb").replace(/\s+/g, " ").trim()}` : undefined,
    ),
    "competitive-jobs": competitiveJobs(team, jobs),
    "time-unlimited-follow-along": followAlong(team, startDate, endDate),
  };
}

function caseload(input: FidelityInput, team: Evaluated[], elsewhere: Map<string, Evaluated[]>): CaseloadFigures {
  const specialists = input.specialists.map((s): SpecialistCaseload => {
    const own = [...team.filter((p) => p.profile.specialistId === s.id), ...(elsewhere.get(s.id) ?? [])];
    const participants = own.filter((p) => p.state.phase !== "exited").length;
    return { specialistId: s.id, name: s.name, fte: s.fte, participants, perFullTime: participants / s.fte };
  });
  const participants = specialists.reduce((sum, s) => sum + s.participants, 0);
  // Summed in hundredths: working shares have two decimals.
  const fte = specialists.reduce((sum, s) => sum + Math.round(s.fte * 100), 0) / 100;
  return { participants, fte, perFullTime: share(participants, fte), specialists };
}

function rapidJobSearch(team: Evaluated[], quarter: Span, endDate: LocalDate, local: (at: string) => LocalDate): RapidJobSearchFigures {
  const days: number[] = [];
  let waiting = 0;
  let waitingOver30Days = 0;
  for (const p of team) {
    const first = p.events.find((event) => isFaceToFace(event) || event.type === "job-start");
    const referralDate = local(p.profile.referredAt);
    if (first && within(first.at, quarter)) days.push(daysBetween(referralDate, local(first.at)));
    if (!first && p.state.phase !== "exited") {
      waiting++;
      if (daysBetween(referralDate, endDate) > 30) waitingOver30Days++;
    }
  }
  return {
    count: days.length,
    meanDays: mean(days),
    medianDays: median(days),
    within30Days: days.filter((d) => d <= 30).length,
    waiting,
    waitingOver30Days,
  };
}

function employerContacts(
  input: FidelityInput,
  team: Evaluated[],
  elsewhere: Map<string, Evaluated[]>,
  quarter: Span,
  startDate: LocalDate,
  endDate: LocalDate,
  recordedInTime: (record: { at: string; recordedAt?: string }) => boolean,
): EmployerContactFigures {
  const quarterWeeks = daysBetween(startDate, endDate) / 7;
  let general = 0;
  let withoutMode = 0;
  let byParticipants = 0;
  let notFaceToFace = 0;
  const perSpecialist: SpecialistContacts[] = [];
  for (const s of input.specialists) {
    // One contact about a registered employer is both the participant's event and the employer's
    // contact, under one id: counted once, with the register's details where the event lacks them.
    const contacts = new Map<string, Contact>();
    for (const contact of s.registerContacts) if (within(contact.at, quarter) && recordedInTime(contact)) contacts.set(contact.id, contact);
    const participants = [...team.filter((p) => p.profile.specialistId === s.id), ...(elsewhere.get(s.id) ?? [])];
    for (const p of participants) {
      for (const event of p.events) {
        if (event.type !== "employer-contact" || !within(event.at, quarter)) continue;
        const known = contacts.get(event.id);
        contacts.set(event.id, { id: event.id, at: event.at, participantId: p.profile.id, mode: event.mode ?? known?.mode, made: event.made ?? known?.made });
      }
    }
    let count = 0;
    for (const contact of contacts.values()) {
      if (contact.made === "participant") byParticipants++;
      else if (contact.mode !== undefined && contact.mode !== "face-to-face") notFaceToFace++;
      else {
        count++;
        if (contact.participantId === undefined) general++;
        if (contact.mode === undefined) withoutMode++;
      }
    }
    const perWeek = quarterWeeks === 0 ? 0 : count / quarterWeeks;
    const perWeekFullTime = perWeek / s.fte;
    perSpecialist.push({ specialistId: s.id, name: s.name, fte: s.fte, contacts: count, perWeek, perWeekFullTime, score: contactScore(perWeekFullTime) });
  }
  return {
    weeks: quarterWeeks,
    contacts: perSpecialist.reduce((sum, s) => sum + s.contacts, 0),
    general,
    withoutMode,
    byParticipants,
    notFaceToFace,
    perSpecialist,
    averagePerWeekFullTime: mean(perSpecialist.map((s) => s.perWeekFullTime)),
    averageScore: mean(perSpecialist.map((s) => s.score)),
  };
}

type JobStart = Extract<ParticipantEvent, { type: "job-start" }>;

const jobStartsIn = (team: Evaluated[], span: Span): JobStart[] =>
  team.flatMap((p) => p.events.filter((event): event is JobStart => event.type === "job-start" && within(event.at, span)));

function diversity(team: Evaluated[], span: Span, keyOf: (start: JobStart) => string | undefined): DiversityFigures {
  const keys = jobStartsIn(team, span).map(keyOf);
  const known = keys.filter((key): key is string => key !== undefined);
  const distinct = new Set(known).size;
  return { jobs: known.length, distinct, share: share(distinct, known.length), unknown: keys.length - known.length };
}

function competitiveJobs(team: Evaluated[], span: Span): CompetitiveJobsFigures {
  const starts = jobStartsIn(team, span);
  // An erased participant's start keeps its type and time only.
  const known = starts.filter((start) => start.wage !== undefined);
  const ordinary = known.filter((start) => start.wage === "ordinary").length;
  return {
    jobs: known.length,
    ordinary,
    subsidised: known.length - ordinary,
    share: share(ordinary, known.length),
    temporary: known.filter((start) => start.temporary === true).length,
    unknown: starts.length - known.length,
  };
}

function workIncentives(
  team: Evaluated[],
  quarter: Span,
  startDate: LocalDate,
  endDate: LocalDate,
  changeDays: number,
  local: (at: string) => LocalDate,
): WorkIncentivesFigures {
  let starts = 0;
  let startsWithCounselling = 0;
  let changes = 0;
  let changesWithCounselling = 0;
  for (const p of team) {
    const counselling = p.events.filter((event) => event.type === "benefits-counselling");
    let previousStart: string | undefined;
    for (const event of p.events) {
      if (event.type === "job-start") {
        if (within(event.at, quarter)) {
          starts++;
          // Counselling for this job: after the previous start (for a first job, since the referral), by the start's day.
          const day = local(event.at);
          const since = previousStart;
          if (counselling.some((c) => (since === undefined || Date.parse(c.at) > Date.parse(since)) && local(c.at) <= day)) startsWithCounselling++;
        }
        previousStart = event.at;
      } else if (event.type === "job-change" && (event.hoursPerWeek !== undefined || event.wage !== undefined)) {
        // Counted in the quarter its counselling fell due in (the rule's days after the change),
        // once that day has passed; counselling from as many days before the change counts.
        const day = local(event.at);
        const due = addDays(day, changeDays);
        if (due < startDate || due >= endDate) continue;
        changes++;
        const from = addDays(day, -changeDays);
        if (counselling.some((c) => local(c.at) >= from && local(c.at) <= due)) changesWithCounselling++;
      }
    }
  }
  return {
    starts,
    startsWithCounselling,
    startShare: share(startsWithCounselling, starts),
    changes,
    changesWithCounselling,
    changeShare: share(changesWithCounselling, changes),
  };
}

function followAlong(team: Evaluated[], startDate: LocalDate, endDate: LocalDate): FollowAlongFigures {
  const counted = new Set<ObligationCourse["outcome"]>(["met", "late", "missed", "overdue"]);
  const kinds = followAlongKinds.map((kind): FollowAlongKind => {
    const courses = team.flatMap((p) =>
      p.courses.filter((c) => c.kind === (kind as ObligationKind) && counted.has(c.outcome) && c.dueDate >= startDate && c.dueDate < endDate),
    );
    const onTime = courses.filter((c) => c.outcome === "met").length;
    return { kind, due: courses.length, onTime, share: share(onTime, courses.length) };
  });
  const due = kinds.reduce((sum, k) => sum + k.due, 0);
  const onTime = kinds.reduce((sum, k) => sum + k.onTime, 0);
  return { kinds, due, onTime, share: share(onTime, due) };
}

function zeroExclusion(team: Evaluated[], quarter: Span): ZeroExclusionFigures {
  const startsSearch = (event: ParticipantEvent) => event.type === "employer-contact" || event.type === "job-start" || event.type === "education-start";
  let started = 0;
  let notStarted = 0;
  let excluded = 0;
  const reasons: Partial<Record<ExitReason | "unknown", number>> = {};
  for (const p of team) {
    const first = p.events.find(startsSearch);
    if (first && within(first.at, quarter)) started++;
    const exit = p.events.find(
      (event): event is Extract<ParticipantEvent, { type: "exit" }> =>
        event.type === "exit" && within(event.at, quarter) && (!first || Date.parse(first.at) > Date.parse(event.at)),
    );
    if (!exit) continue;
    notStarted++;
    // A code, never free text stored before the codes (it could hold anything); erased: unknown.
    const reason = exit.reason === undefined ? "unknown" : exitReasonCode(exit.reason);
    reasons[reason] = (reasons[reason] ?? 0) + 1;
    if ((exclusionReasons as readonly string[]).includes(reason)) excluded++;
  }
  const ended = started + notStarted;
  return { ended, started, notStarted, reasons, excluded, share: share(excluded, ended - (reasons.unknown ?? 0)) };
}
