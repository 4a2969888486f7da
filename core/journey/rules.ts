import { ruleOverridesSchema, type RuleOverrides } from "../config/deployment";

/**
 * Every journey rule lives here, each with its default and its source (an IPS principle or an
 * item of the 25-item IPS fidelity scale). A deployment tunes them through `rules` in its config;
 * the field names are the same.
 */
export interface JourneyRules {
  /** Days from referral to the first employer contact. */
  firstEmployerContactDays: number;
  /** Days from referral to benefits counselling. */
  benefitsCounsellingDays: number;
  /** Days from a job offer, or a change of hours or pay, to benefits counselling. */
  benefitsCounsellingChangeDays: number;
  /** Days before a job's start by which the participant is contacted (from the job offer). */
  preStartContactDays: number;
  /** Days between employer contacts while the participant is in job search. */
  jobDevelopmentIntervalDays: number;
  /** Days from a job or school start to the first follow-up contact. */
  jobStartFollowUpDays: number;
  /** Days between follow-up contacts during placement. */
  placementFollowUpIntervalDays: number;
  /** Length of placement (the dense first weeks after a start) in weeks. */
  placementWeeks: number;
  /** Default days between follow-up contacts after placement; a participant may have their own. */
  followUpIntervalDays: number;
  /** Days from learning of a job end (when it was recorded, or the end date if later) to a contact with the participant. */
  jobLossFollowUpDays: number;
  /** Days without contact with the participant before the team reaches out (longer in follow-up when the participant's own interval is). */
  outreachDays: number;
  /** Days a pause lasts when it names no end: then a review comes due. */
  pauseReviewDays: number;
  /** How many days ahead the morning digest lists the 30-day deadlines. */
  upcomingDeadlineWindowDays: number;
}

export type RuleName = keyof JourneyRules;

export const defaultRules: Readonly<JourneyRules> = Object.freeze({
  firstEmployerContactDays: 30,
  benefitsCounsellingDays: 30,
  benefitsCounsellingChangeDays: 14,
  preStartContactDays: 7,
  jobDevelopmentIntervalDays: 7,
  jobStartFollowUpDays: 3,
  placementFollowUpIntervalDays: 7,
  placementWeeks: 4,
  followUpIntervalDays: 30,
  jobLossFollowUpDays: 3,
  outreachDays: 30,
  pauseReviewDays: 30,
  upcomingDeadlineWindowDays: 7,
});

/** Where each default comes from, for documentation and for admins tuning a region. */
export const ruleSources: Readonly<Record<RuleName, string>> = Object.freeze({
  firstEmployerContactDays:
    "IPS principle 6 (job search starts fast); fidelity item 'rapid job search': first face-to-face employer contact within one month of referral",
  benefitsCounsellingDays: "IPS principle 5 (individual benefits counselling); fidelity item 'work incentives planning'",
  benefitsCounsellingChangeDays:
    "IPS principle 5; fidelity item 'work incentives planning': counselling before each new job and whenever hours or pay change",
  preStartContactDays: "IPS principle 8; fidelity item 'time-unlimited follow-along supports': contact within one week before a start",
  jobDevelopmentIntervalDays:
    "IPS principle 7 (systematic job development); fidelity item 'job development: frequent employer contact' (weekly, target 6 a week per specialist)",
  jobStartFollowUpDays: "IPS principle 8; fidelity item 'time-unlimited follow-along supports': contact within 3 days after a start",
  placementFollowUpIntervalDays: "IPS principle 8; fidelity item 'time-unlimited follow-along supports': weekly through the first month",
  placementWeeks: "IPS principle 8; fidelity item 'time-unlimited follow-along supports': the first month after a start",
  followUpIntervalDays:
    "IPS principle 8 (follow-up unlimited in time and individual); fidelity item 'time-unlimited follow-along supports': at least monthly, individual interval",
  jobLossFollowUpDays:
    "IPS principle 8 (support continues across temporary jobs and job changes); fidelity item 'time-unlimited follow-along supports': contact within 3 days of learning about a job loss",
  outreachDays:
    "IPS principle 2 (nobody is excluded); fidelity item 'assertive engagement and outreach by integrated treatment team': any contact with the participant counts; in follow-up the participant's own, longer interval stands",
  pauseReviewDays: "IPS principle 2 (a participant may pause and come back); fidelity item 'assertive engagement and outreach': nobody stays paused unseen",
  upcomingDeadlineWindowDays: "IPS principle 6: reminders before the 30-day deadline, not only an alert when it is missed",
});

/** The rules of a deployment: the defaults with its overrides applied (validated again here). */
export function resolveRules(overrides?: RuleOverrides): JourneyRules {
  const parsed = ruleOverridesSchema.parse(overrides ?? {});
  const set = Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined));
  return { ...defaultRules, ...set };
}

/**
 * The version of the rules a journey state was computed with: the rules' logic (bumped when what
 * opens or closes an obligation changes) and the deployment's numbers. It is stored with every
 * evaluation, so a stored state from other rules is evaluated again, never taken as current, and
 * a record shows which rules produced it.
 */
export const rulesLogicVersion = 2;

export function rulesVersion(rules: JourneyRules): string {
  const numbers = (Object.keys(rules) as RuleName[]).sort().map((name) => rules[name]);
  return `${rulesLogicVersion}:${numbers.join(",")}`;
}

/** Placement length in days. */
export const placementDays = (rules: JourneyRules): number => rules.placementWeeks * 7;
