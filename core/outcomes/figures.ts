import type { Deployment } from "../config/deployment";
import { exitReasonCode } from "../domain/codes";
import type { ParticipantEvent } from "../domain/schemas";
import { addDays, daysBetween, localDateOf } from "../calendar/local-dates";
import type { QuarterPeriod } from "../calendar/quarter-period";
import { chronological } from "../journey/evaluate";
import { placementsOf } from "../participants/jobs";
import type { ParticipantProfile } from "../participants/profile";
import { journeyStateOf } from "../participants/state";
import { median, share, within } from "../stats";
import { exitReasonCounts, unknownReason, type ExitReasonCount } from "./columns";

/**
 * The quarterly outcome report a program leader sends funders and NAV: per treatment team and for
 * the whole deployment. Pure: `outcomeFigures` counts from the participants' referrals and
 * recorded events (the truth), never from the state stored on a profile; the reading is in
 * use-cases/outcomes/report.ts, and the definitions are in README.md ("The outcome report").
 *
 * Reproducible: the figures of a quarter count only what was recorded before the quarter
 * *closes* (core/calendar/quarter-period.ts), so the same request next year gives the same
 * figures. Until the close the report is provisional (`final: false`) and may still grow.
 */

/** IPS principle 6: the first employer contact at the latest 30 days after the referral. */
export const firstContactDays = 30;

/** A participant as the report needs them: the profile's referral and every event dated before the quarter's end. */
export interface OutcomeParticipant {
  profile: Pick<ParticipantProfile, "id" | "referredAt" | "createdAt">;
  events: ParticipantEvent[];
}

export interface OutcomeFigures {
  /** Participants referred in the quarter. */
  referrals: number;
  /** In the programme (any phase but exited, pauses included) at some time in the quarter. */
  active: number;
  /** In the programme at the quarter's end (for the quarter still running: now). */
  activeAtEnd: number;
  /**
   * Rapid job search: of the participants whose 30th day after referral fell in the quarter
   * (`cohort`), those with an employer contact or a job start on or before that day.
   */
  firstEmployerContact: { cohort: number; within30Days: number; share: number | null };
  /** Job starts dated in the quarter (a person starting two jobs counts twice). */
  jobStarts: number;
  /** People whose first job start ever (since their referral) is dated in the quarter. */
  firstJobs: number;
  /** Of those active at the quarter's end: in work, in school, either; shares of `activeAtEnd`. */
  atEnd: {
    inWork: number;
    inSchool: number;
    inWorkOrSchool: number;
    inWorkShare: number | null;
    inWorkOrSchoolShare: number | null;
  };
  /** Jobs held at the quarter's end by those active then, and the median of their hours per week. */
  jobsHeld: { count: number; medianHoursPerWeek: number | null };
  /** The quarter's job starts by wage and by terms, as the start recorded them (`unknown`: erased). */
  wage: { ordinary: number; subsidised: number; unknown: number };
  terms: { permanent: number; temporary: number; unknown: number };
  /** Jobs that ended in the quarter, and the median of their length in calendar days. */
  endedJobs: { count: number; medianDays: number | null };
  /** Exits in the quarter by coded reason (a free-text reason from before the codes: other). */
  exits: { total: number; byReason: Record<ExitReasonCount, number> };
}


/**
 * What was recorded before the quarter closed: participants registered and events recorded
 * before `closesAt`. An erased participant keeps each event's type and instants, so counts.
 */
export function knownAtClose(participants: readonly OutcomeParticipant[], period: Pick<QuarterPeriod, "closesAt" | "end">): OutcomeParticipant[] {
  const closes = Date.parse(period.closesAt);
  return participants
    .filter((p) => Date.parse(p.profile.createdAt) < closes && Date.parse(p.profile.referredAt) < Date.parse(period.end))
    .map((p) => ({ profile: p.profile, events: p.events.filter((e) => Date.parse(e.recordedAt) < closes && Date.parse(e.at) < Date.parse(period.end)) }));
}

/** An exit's coded reason: a code, "other" for free text stored before the codes, "unknown" when erased. */
function reasonOf(event: ParticipantEvent & { type: "exit" }): ExitReasonCount {
  const reason = (event as { reason?: string }).reason;
  if (reason === undefined) return unknownReason;
  return exitReasonCode(reason);
}

/**
 * The report's figures for a group of participants (one team's, or every team's together: the
 * medians of the deployment are of all its values, not of the teams' medians). Give only what
 * was known at the close (`knownAtClose`).
 */
export function outcomeFigures(participants: readonly OutcomeParticipant[], period: QuarterPeriod, deployment: Deployment): OutcomeFigures {
  const { timeZone } = deployment;
  const { start } = period;
  const asOf = new Date(period.asOf);
  const firstDay = localDateOf(start, timeZone);
  const today = localDateOf(asOf, timeZone);
  const figures: OutcomeFigures = {
    referrals: 0,
    active: 0,
    activeAtEnd: 0,
    firstEmployerContact: { cohort: 0, within30Days: 0, share: null },
    jobStarts: 0,
    firstJobs: 0,
    atEnd: { inWork: 0, inSchool: 0, inWorkOrSchool: 0, inWorkShare: null, inWorkOrSchoolShare: null },
    jobsHeld: { count: 0, medianHoursPerWeek: null },
    wage: { ordinary: 0, subsidised: 0, unknown: 0 },
    terms: { permanent: 0, temporary: 0, unknown: 0 },
    endedJobs: { count: 0, medianDays: null },
    exits: { total: 0, byReason: Object.fromEntries(exitReasonCounts.map((reason) => [reason, 0])) as Record<ExitReasonCount, number> },
  };
  const hours: number[] = [];
  const jobDays: number[] = [];

  for (const { profile, events: all } of participants) {
    const referredAt = profile.referredAt;
    if (Date.parse(referredAt) >= asOf.getTime()) continue;
    const events = chronological(all.filter((event) => Date.parse(event.at) < asOf.getTime()));
    const referredInQuarter = within(referredAt, period);
    if (referredInQuarter) figures.referrals++;

    // Active in the quarter: referred in it, in the programme when it began, or back after an exit during it.
    const atStart = referredInQuarter ? undefined : journeyStateOf(profile, events, new Date(start), deployment);
    const returned = events.some((event) => event.type === "resume" && within(event.at, period));
    if (referredInQuarter || atStart?.phase !== "exited" || returned) figures.active++;

    const state = journeyStateOf(profile, events, asOf, deployment);
    const placements = placementsOf(events);
    if (state.phase !== "exited") {
      figures.activeAtEnd++;
      const { inWork, inSchool } = state.employment;
      if (inWork) figures.atEnd.inWork++;
      if (inSchool) figures.atEnd.inSchool++;
      if (inWork || inSchool) figures.atEnd.inWorkOrSchool++;
      for (const job of placements.filter((p) => p.kind === "job" && p.endedAt === undefined)) {
        figures.jobsHeld.count++;
        if (job.hoursPerWeek !== undefined) hours.push(job.hoursPerWeek);
      }
    }

    // Rapid job search: whose 30th day fell in the quarter (and is over, for the quarter still running).
    const referralDay = localDateOf(referredAt, timeZone);
    const deadline = addDays(referralDay, firstContactDays);
    if (deadline >= firstDay && deadline < today) {
      figures.firstEmployerContact.cohort++;
      const first = events.find((event) => event.type === "employer-contact" || event.type === "job-start");
      if (first && localDateOf(first.at, timeZone) <= deadline) figures.firstEmployerContact.within30Days++;
    }

    const starts = events.filter((event) => event.type === "job-start");
    if (starts[0] && within(starts[0].at, period)) figures.firstJobs++;
    for (const event of starts) {
      if (!within(event.at, period)) continue;
      figures.jobStarts++;
      // An erased participant's start keeps its type and time only.
      const wage = (event as { wage?: "ordinary" | "subsidised" }).wage;
      const temporary = (event as { temporary?: boolean }).temporary;
      figures.wage[wage ?? "unknown"]++;
      figures.terms[temporary === undefined ? "unknown" : temporary ? "temporary" : "permanent"]++;
    }

    for (const job of placements) {
      if (job.kind !== "job" || job.endedAt === undefined || !within(job.endedAt, period)) continue;
      figures.endedJobs.count++;
      jobDays.push(daysBetween(localDateOf(job.startedAt, timeZone), localDateOf(job.endedAt, timeZone)));
    }

    // Exits that took effect: an exit while already exited changes nothing.
    let exited = false;
    for (const event of events) {
      if (event.type === "resume") exited = false;
      if (event.type !== "exit" || exited) continue;
      exited = true;
      if (!within(event.at, period)) continue;
      figures.exits.total++;
      figures.exits.byReason[reasonOf(event)]++;
    }
  }

  figures.firstEmployerContact.share = share(figures.firstEmployerContact.within30Days, figures.firstEmployerContact.cohort);
  figures.atEnd.inWorkShare = share(figures.atEnd.inWork, figures.activeAtEnd);
  figures.atEnd.inWorkOrSchoolShare = share(figures.atEnd.inWorkOrSchool, figures.activeAtEnd);
  figures.jobsHeld.medianHoursPerWeek = median(hours);
  figures.endedJobs.medianDays = median(jobDays);
  return figures;
}
