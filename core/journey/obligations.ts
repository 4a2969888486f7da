import type { ObligationKind, ParticipantEvent, Phase } from "../domain/schemas";
import { laterDate, type LocalDate } from "../calendar/local-dates";
import type { JourneyRules, RuleName } from "./rules";

/**
 * Every obligation kind in one place: when it opens and falls due, in which phases it recurs,
 * which events close it, and what in the IPS method asks for it. The journey's evaluation
 * (evaluate.ts) takes recurrence and closing from here; the README's rule table is generated from
 * `ruleTable` (a test compares them), and test/unit/journey/obligation-kinds.test.ts opens and
 * closes each kind.
 */

export type ActivePhase = Exclude<Phase, "paused" | "exited">;

/** What a recurring obligation's clock is measured from: the journey so far, as local dates. */
export interface RecurrenceFacts {
  phase: ActivePhase;
  /** The referral, or the return after an exit. */
  journeyStart: LocalDate;
  jobSearchStart?: LocalDate;
  placementStart?: LocalDate;
  lastEmployerContact?: LocalDate;
  lastFollowUpContact?: LocalDate;
  lastParticipantContact?: LocalDate;
  /** The participant's own follow-up interval (the rule's default until they set one). */
  followUpIntervalDays: number;
  rules: JourneyRules;
}

/**
 * An obligation that recurs while the participant is in certain phases: open as long as they are,
 * due `days` after `anchor` (the latest contact that counts, or the start of the phase), so each
 * closing contact opens the next. A phase-bound kind starts afresh when its phase is entered;
 * one that runs in every active phase keeps its clock across phases.
 */
export interface Recurrence {
  phases: readonly ActivePhase[] | "every active phase";
  anchor(facts: RecurrenceFacts): LocalDate;
  days(facts: RecurrenceFacts): number;
}

export interface ObligationKindRule {
  /** As the README's rule table names it. */
  name: string;
  /** What opens it: an event, a phase, the referral. */
  opens: string;
  /** When it opens and falls due, with the deployment's numbers. */
  due(rules: JourneyRules): string;
  /** What closes it, in words. */
  closedByText: string;
  /** Whether an event closes an open obligation of this kind. */
  closedBy(event: ParticipantEvent): boolean;
  recurs?: Recurrence;
  /** The rules it is timed by (their sources are in rules.ts). */
  timedBy: readonly RuleName[];
  /** What in the IPS method asks for it. */
  source: string;
}

/**
 * A contact with the participant themself (fidelity: assertive engagement and outreach): a
 * meeting, a follow-up contact with them, benefits counselling, or a job or school start, which
 * they took part in. An employer-only contact is not one.
 */
export function withParticipant(event: ParticipantEvent): boolean {
  switch (event.type) {
    case "participant-meeting":
    case "benefits-counselling":
    case "job-start":
    case "education-start":
      return true;
    case "follow-up-contact":
      return event.with === "participant";
    default:
      return false;
  }
}

const later = (...dates: Array<LocalDate | undefined>): LocalDate => dates.reduce((a, b) => laterDate(a, b))!;

export const obligationRules: Readonly<Record<ObligationKind, ObligationKindRule>> = {
  "first-employer-contact": {
    name: "first employer contact",
    opens: "the referral (or a return after exit)",
    due: (r) => `${r.firstEmployerContactDays} days after referral`,
    closedByText: "an employer contact or a job start",
    // A job start is an employer contact by definition: the participant has been hired.
    closedBy: (event) => event.type === "employer-contact" || event.type === "job-start",
    timedBy: ["firstEmployerContactDays"],
    source: "IPS principle 6 (rapid job search); fidelity item 'rapid job search'",
  },
  "benefits-counselling": {
    name: "benefits counselling",
    opens: "the referral; a job offer; a job change of hours or pay (the earlier due date wins while one is open)",
    due: (r) => `${r.benefitsCounsellingDays} days after referral; ${r.benefitsCounsellingChangeDays} days after a job offer or a change of hours or pay`,
    closedByText: "counselling held, offered or declined",
    closedBy: (event) => event.type === "benefits-counselling",
    timedBy: ["benefitsCounsellingDays", "benefitsCounsellingChangeDays"],
    source: "IPS principle 5 (individual benefits counselling); fidelity item 'work incentives planning'",
  },
  "job-development": {
    name: "job development",
    opens: "job search, from its start and again after each employer contact",
    due: (r) => (r.jobDevelopmentIntervalDays === 7 ? "weekly in job search" : `every ${r.jobDevelopmentIntervalDays} days in job search`),
    closedByText: "an employer contact",
    closedBy: (event) => event.type === "employer-contact",
    recurs: {
      phases: ["job-search"],
      anchor: (f) => later(f.lastEmployerContact, f.jobSearchStart, f.journeyStart),
      days: (f) => f.rules.jobDevelopmentIntervalDays,
    },
    timedBy: ["jobDevelopmentIntervalDays"],
    source: "IPS principle 7 (systematic job development); fidelity item 'job development: frequent employer contact'",
  },
  "pre-start-contact": {
    name: "contact before a start",
    opens: "a job offer with its start date: due a week before the start, or at once when the start is closer",
    due: (r) => `${r.preStartContactDays === 7 ? "a week" : `${r.preStartContactDays} days`} before the start of an offered job`,
    closedByText: "a contact with the participant",
    // The contact before the start is moot once the job has begun.
    closedBy: (event) => event.type === "job-start" || withParticipant(event),
    timedBy: ["preStartContactDays"],
    source: "IPS principle 8; fidelity item 'time-unlimited follow-along supports'",
  },
  "job-start-follow-up": {
    name: "follow-up of a job or school start",
    opens: "a job or school start",
    due: (r) => `${r.jobStartFollowUpDays} days after the start`,
    closedByText: "a contact with the participant (not the employer only)",
    // The check after a start asks for the participant: a meeting or a follow-up contact with them.
    closedBy: (event) => event.type === "participant-meeting" || (event.type === "follow-up-contact" && event.with === "participant"),
    timedBy: ["jobStartFollowUpDays"],
    source: "IPS principle 8; fidelity item 'time-unlimited follow-along supports'",
  },
  "placement-follow-up": {
    name: "weekly follow-up, first month",
    opens: "placement, from the start and again after each follow-up contact",
    due: (r) => `${r.placementFollowUpIntervalDays} days after the last follow-up contact`,
    closedByText: "a follow-up contact",
    // Weekly and later follow-up may be with the employer.
    closedBy: (event) => event.type === "follow-up-contact",
    recurs: {
      phases: ["placement"],
      anchor: (f) => later(f.lastFollowUpContact, f.placementStart, f.journeyStart),
      days: (f) => f.rules.placementFollowUpIntervalDays,
    },
    timedBy: ["placementFollowUpIntervalDays", "placementWeeks"],
    source: "IPS principle 8; fidelity item 'time-unlimited follow-along supports'",
  },
  "follow-up": {
    name: "follow-up",
    opens: "follow-up, again after each follow-up contact",
    due: (r) => `the participant's interval (${r.followUpIntervalDays} days) after the last one`,
    closedByText: "a follow-up contact",
    closedBy: (event) => event.type === "follow-up-contact",
    recurs: {
      phases: ["follow-up"],
      anchor: (f) => later(f.lastFollowUpContact, f.placementStart, f.journeyStart),
      days: (f) => f.followUpIntervalDays,
    },
    timedBy: ["followUpIntervalDays"],
    source: "IPS principle 8 (follow-up unlimited in time and individual); fidelity item 'time-unlimited follow-along supports'",
  },
  "job-loss-follow-up": {
    name: "contact after a job end",
    opens: "a job end, counted from when it was recorded (or the end date, if later)",
    due: (r) => `${r.jobLossFollowUpDays} days after the end was recorded (or the end date, if later)`,
    closedByText: "a contact with the participant",
    closedBy: (event) => event.type === "participant-meeting" || event.type === "follow-up-contact",
    timedBy: ["jobLossFollowUpDays"],
    source: "IPS principle 8 (support continues across job changes); fidelity item 'time-unlimited follow-along supports'",
  },
  outreach: {
    name: "outreach",
    opens: "every active phase, again after each contact with the participant",
    due: (r) => `${r.outreachDays} days without contact with the participant (in follow-up: their own interval, if longer)`,
    closedByText: "any contact with the participant, a job or school start",
    closedBy: withParticipant,
    recurs: {
      // Paused and exited participants have no running clocks at all.
      phases: "every active phase",
      anchor: (f) => later(f.lastParticipantContact, f.journeyStart),
      // A participant tapering off in follow-up sets a longer interval; outreach does not override it.
      days: (f) => (f.phase === "follow-up" ? Math.max(f.rules.outreachDays, f.followUpIntervalDays) : f.rules.outreachDays),
    },
    timedBy: ["outreachDays"],
    source: "IPS principle 2 (nobody is excluded); fidelity item 'assertive engagement and outreach'",
  },
  "pause-review": {
    name: "review of a pause",
    opens: "a pause, due at its `until` (a new pause renews it)",
    due: (r) => `the pause's \`until\` (${r.pauseReviewDays} days)`,
    closedByText: "resume, a renewed pause, exit",
    // Not a running clock: the pause itself holds its review date, and resuming or renewing the
    // pause closes it (evaluate.ts); an exit drops it.
    closedBy: () => false,
    timedBy: ["pauseReviewDays"],
    source: "IPS principle 2 (a participant may pause and come back); fidelity item 'assertive engagement and outreach'",
  },
};

export const recurringKinds = (Object.keys(obligationRules) as ObligationKind[]).filter((kind) => obligationRules[kind].recurs);

/** Whether a recurring kind is open in a phase. */
export const recursIn = (recurrence: Recurrence, phase: ActivePhase): boolean =>
  recurrence.phases === "every active phase" || recurrence.phases.includes(phase);

/** The kinds an event closes. */
export const closedBy = (event: ParticipantEvent): ObligationKind[] =>
  (Object.keys(obligationRules) as ObligationKind[]).filter((kind) => obligationRules[kind].closedBy(event));

/** The README's rule table, in the order of the table above. */
export function ruleTable(rules: JourneyRules): string {
  const rows = Object.values(obligationRules).map((rule) => `| ${rule.name} | ${rule.due(rules)} | ${rule.closedByText} |`);
  return ["| obligation | due | closed by |", "|---|---|---|", ...rows].join("\n");
}
