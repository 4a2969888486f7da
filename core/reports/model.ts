import type { Deployment } from "../config/deployment";
import { exitReasonCode, jobEndReasonCode, type ExitReason, type JobEndReason, type Phase } from "../domain/codes";
import type { ParticipantEvent } from "../domain/schemas";
import { localDateOf, localMidnightInstant, addDays, type LocalDate } from "../calendar/local-dates";
import { chronological, evaluateJourney, type JourneyState } from "../journey/evaluate";
import { continueFold, foldJourney, stateOfFold } from "../journey/fold";
import { resolveRules, type JourneyRules } from "../journey/rules";
import { placementsOf } from "../participants/jobs";
import type { ParticipantProfile } from "../participants/profile";
import type { ReportKind } from "./period";

/**
 * What an interval or end report says about one participant, as NAV's IPS reports do: the
 * period's activities, employer contacts, jobs and school, phase changes and, at the end, the
 * coded exit reason. Built from the profile and the events only, so it holds what the event
 * model holds: codes, dates, employers' names, hours and terms, never a diagnosis, a treatment
 * detail or free text (a legacy free-text reason reads as "other"). The participant appears by
 * code; the specialist (staff) by name.
 *
 * Dates are local dates in the deployment's zone; an event belongs to the period when its local
 * date lies within it (both ends included). Every list is in the order things happened.
 */

/** A contact with the participant or about them that is not with an employer about a job. */
export type ReportActivity =
  | { at: string; kind: "participant-meeting" }
  | { at: string; kind: "follow-up-contact"; with: "participant" | "employer" }
  | { at: string; kind: "benefits-counselling"; status: "held" | "offered" | "declined" }
  | { at: string; kind: "job-change"; employer?: string; hoursPerWeek?: number; wage?: "ordinary" | "subsidised"; temporary?: boolean };

/** An employer contact, or a job offered by an employer. */
export type ReportEmployerContact =
  | { at: string; kind: "employer-contact"; employer: string; visit?: 1 | 2 | 3 }
  | { at: string; kind: "job-offer"; employer: string; startsAt: string; hoursPerWeek?: number; wage?: "ordinary" | "subsidised" };

/** A job or school period that overlaps the period, with its terms as they stood at the period's end. */
export interface ReportPlacement {
  kind: "job" | "education";
  startedAt: string;
  endedAt?: string;
  endReason?: JobEndReason;
  employer?: string;
  hoursPerWeek?: number;
  wage?: "ordinary" | "subsidised";
  temporary?: boolean;
}

export interface ReportPhaseChange {
  at: string;
  from: Phase;
  to: Phase;
}

export interface ReportCounts {
  participantMeetings: number;
  followUpContacts: number;
  benefitsCounselling: number;
  employerContacts: number;
  jobOffers: number;
  jobStarts: number;
  educationStarts: number;
}

export interface ParticipantReport {
  kind: ReportKind;
  participant: { id: string; code: string; referredAt: string };
  /** The participant's job specialist (staff, named), when known. */
  specialist?: string;
  period: { from: LocalDate; to: LocalDate };
  phaseAtStart: Phase;
  phaseAtEnd: Phase;
  activities: ReportActivity[];
  employerContacts: ReportEmployerContact[];
  placements: ReportPlacement[];
  phaseChanges: ReportPhaseChange[];
  /** The last exit within the period, with its coded reason (always there in an end report). */
  exit?: { at: string; reason: ExitReason };
  counts: ReportCounts;
  /** When the report was made (the deployment's clock). */
  createdAt: string;
}

export interface ReportInput {
  kind: ReportKind;
  period: { from: LocalDate; to: LocalDate };
  profile: Pick<ParticipantProfile, "id" | "code" | "referredAt">;
  events: ParticipantEvent[];
  specialist?: string;
  now: Date;
  deployment: Pick<Deployment, "timeZone" | "rules">;
}


const jobEndReasonOrNone = (reason: string | undefined): JobEndReason | undefined => (reason === undefined ? undefined : jobEndReasonCode(reason));

export function buildParticipantReport(input: ReportInput): ParticipantReport {
  const { period, profile, deployment, now } = input;
  const zone = deployment.timeZone;
  const dateOf = (at: string) => localDateOf(at, zone);
  const inPeriod = (at: string) => {
    const date = dateOf(at);
    return date >= period.from && date <= period.to;
  };
  // The period ends at the local midnight after its last day, or now if that is sooner.
  const periodEnd = Math.min(Date.parse(localMidnightInstant(addDays(period.to, 1), zone)) - 1, now.getTime());
  const periodStart = Math.max(Date.parse(localMidnightInstant(period.from, zone)), Date.parse(profile.referredAt));
  // Events after the period (or after now) have not happened yet as far as the report goes.
  const events = chronological(input.events).filter((event) => Date.parse(event.at) <= periodEnd);
  const within = events.filter((event) => inPeriod(event.at));

  const activities: ReportActivity[] = [];
  const employerContacts: ReportEmployerContact[] = [];
  let exit: ParticipantReport["exit"];
  for (const event of within) {
    switch (event.type) {
      case "participant-meeting":
        activities.push({ at: event.at, kind: "participant-meeting" });
        break;
      case "follow-up-contact":
        activities.push({ at: event.at, kind: "follow-up-contact", with: event.with });
        break;
      case "benefits-counselling":
        activities.push({ at: event.at, kind: "benefits-counselling", status: event.status ?? "held" });
        break;
      case "job-change": {
        const job = heldJob(events, event.at, event.jobId);
        activities.push({
          at: event.at,
          kind: "job-change",
          ...(job?.employer !== undefined ? { employer: job.employer } : {}),
          ...(event.hoursPerWeek !== undefined ? { hoursPerWeek: event.hoursPerWeek } : {}),
          ...(event.wage !== undefined ? { wage: event.wage } : {}),
          ...(event.temporary !== undefined ? { temporary: event.temporary } : {}),
        });
        break;
      }
      case "employer-contact":
        employerContacts.push({ at: event.at, kind: "employer-contact", employer: event.employer, ...(event.visit ? { visit: event.visit } : {}) });
        break;
      case "job-offer":
        employerContacts.push({
          at: event.at,
          kind: "job-offer",
          employer: event.employer,
          startsAt: event.startsAt,
          ...(event.hoursPerWeek !== undefined ? { hoursPerWeek: event.hoursPerWeek } : {}),
          ...(event.wage !== undefined ? { wage: event.wage } : {}),
        });
        break;
      case "exit":
        exit = { at: event.at, reason: exitReasonCode(event.reason) };
        break;
      default:
        break;
    }
  }

  const placements = placementsOf(events)
    .filter((p) => dateOf(p.startedAt) <= period.to && (p.endedAt === undefined || dateOf(p.endedAt) >= period.from))
    .map((p): ReportPlacement => {
      const endReason = p.endedAt === undefined ? undefined : jobEndReasonOrNone(endOf(events, p.id, p.endedAt)?.reason);
      return {
        kind: p.kind,
        startedAt: p.startedAt,
        ...(p.endedAt !== undefined ? { endedAt: p.endedAt } : {}),
        ...(p.kind === "job" && endReason !== undefined ? { endReason } : {}),
        ...(p.employer !== undefined ? { employer: p.employer } : {}),
        ...(p.hoursPerWeek !== undefined ? { hoursPerWeek: p.hoursPerWeek } : {}),
        ...(p.wage !== undefined ? { wage: p.wage } : {}),
        ...(p.temporary !== undefined ? { temporary: p.temporary } : {}),
      };
    });

  const how = { timeZone: zone, rules: resolveRules(deployment.rules) };
  const phaseAt = (instant: number) => journeyAt(profile, events, instant, how).phase;
  const phaseChanges = phaseChangesOf(profile, events, periodEnd, how).filter((change) => inPeriod(change.at));

  const count = (type: ParticipantEvent["type"]) => within.filter((event) => event.type === type).length;
  return {
    kind: input.kind,
    participant: { id: profile.id, code: profile.code, referredAt: profile.referredAt },
    ...(input.specialist ? { specialist: input.specialist } : {}),
    period,
    phaseAtStart: phaseAt(periodStart),
    phaseAtEnd: phaseAt(periodEnd),
    activities,
    employerContacts,
    placements,
    phaseChanges,
    ...(exit ? { exit } : {}),
    counts: {
      participantMeetings: count("participant-meeting"),
      followUpContacts: count("follow-up-contact"),
      benefitsCounselling: count("benefits-counselling"),
      employerContacts: count("employer-contact"),
      jobOffers: count("job-offer"),
      jobStarts: count("job-start"),
      educationStarts: count("education-start"),
    },
    createdAt: now.toISOString(),
  };
}

interface Evaluation {
  timeZone: string;
  rules: JourneyRules;
}

/** The journey at an instant, from the events. */
const journeyAt = (profile: Pick<ParticipantProfile, "referredAt">, events: ParticipantEvent[], instant: number, how: Evaluation) =>
  evaluateJourney({ referredAt: profile.referredAt, events, now: new Date(instant), rules: how.rules, timeZone: how.timeZone });

/** The job a change at `at` applies to: the one it names, or the latest held then (as the job list reads it). */
function heldJob(events: ParticipantEvent[], at: string, jobId: string | undefined) {
  const held = placementsOf(events.filter((event) => Date.parse(event.at) <= Date.parse(at))).filter((p) => p.kind === "job" && !p.endedAt);
  return jobId === undefined ? held.at(-1) : held.find((job) => job.id === jobId);
}

/** The job-end event that ended a job at `endedAt`: the one naming it, or one stored before jobs had ids. */
function endOf(events: ParticipantEvent[], jobId: string, endedAt: string) {
  const ends = events.filter((event): event is Extract<ParticipantEvent, { type: "job-end" }> => event.type === "job-end" && event.at === endedAt);
  return ends.find((end) => end.jobId === jobId) ?? ends.find((end) => end.jobId === undefined);
}

/**
 * Every change of phase from the referral up to `until`, from the journey's own evaluation: the
 * state after each event, and the end of placement, which time alone brings. A new job while in
 * placement starts placement again but is no change of phase. The events are folded in one pass
 * (core/journey/fold.ts), each instant's state taken from the fold so far, so a long history
 * costs one evaluation of it, not one per event.
 */
export function phaseChangesOf(
  profile: Pick<ParticipantProfile, "referredAt">,
  events: ParticipantEvent[],
  until: number,
  how: Evaluation,
): ReportPhaseChange[] {
  const ordered = chronological(events);
  let fold = foldJourney(profile.referredAt, [], how);
  let folded = 0;
  /** The state at `instant`: every event up to it folded in, as a full evaluation at that instant would apply them. */
  const stateAt = (instant: number) => {
    let next = folded;
    while (next < ordered.length && Date.parse(ordered[next].at) <= instant) next++;
    if (next > folded) fold = continueFold(fold, ordered.slice(folded, next), how)!;
    folded = next;
    return stateOfFold(fold, new Date(instant), how)!;
  };
  return phaseChangesAlong(profile.referredAt, events, until, stateAt);
}

/**
 * The walk behind `phaseChangesOf`, given the state at an instant (asked for in increasing
 * instants): the referral, each event's instant up to `until`, and each end of placement between.
 */
export function phaseChangesAlong(
  referredAt: string,
  events: ParticipantEvent[],
  until: number,
  stateAt: (instant: number) => Pick<JourneyState, "phase" | "phaseSince" | "placementEndsAt">,
): ReportPhaseChange[] {
  const start = Date.parse(referredAt);
  const instants = [...new Set(events.map((event) => Math.max(Date.parse(event.at), start)))].filter((at) => at <= until).sort((a, b) => a - b);
  const changes: ReportPhaseChange[] = [];
  let previous = stateAt(start);
  const step = (instant: number) => {
    const state = stateAt(instant);
    if (state.phase !== previous.phase) changes.push({ at: state.phaseSince, from: previous.phase, to: state.phase });
    previous = state;
  };
  /** Placement turns into follow-up at a local midnight, with no event: look there before going on. */
  const placementEndsBefore = (instant: number) => {
    const endsAt = previous.placementEndsAt === undefined ? undefined : Date.parse(previous.placementEndsAt);
    if (endsAt !== undefined && endsAt < instant && endsAt <= until) step(endsAt);
  };
  for (const instant of instants) {
    placementEndsBefore(instant);
    step(instant);
  }
  placementEndsBefore(until + 1);
  return changes;
}
