/**
 * The domain's fixed lists and defaults, apart from the schemas that validate them
 * (schemas.ts): the functions that only read records use these without loading the schemas.
 */

export const locales = ["nb", "en"] as const;
export type Locale = (typeof locales)[number];

export const phases = ["referral", "job-search", "placement", "follow-up", "paused", "exited"] as const;
export type Phase = (typeof phases)[number];

/** The caseload limit of a full-time specialist when none is given; the summary scales it by `fte`. */
export const defaultCaseloadLimit = 20;
/** The working share of a specialist when none is given (or stored before it was kept). */
export const fullTime = 1;

/**
 * Why a participant left, and why a job ended: codes from fixed lists, never free text, so that
 * no health detail reaches a record, an email or a log, and the reasons can be counted. Each code
 * has its bokmål and English label in the web app. Events stored before the codes (free text) are
 * shown as "other".
 */
export const exitReasons = ["got-work-no-support-needed", "moved", "declined-further-support", "transferred", "no-contact", "other"] as const;
export const jobEndReasons = ["temporary-ended", "quit", "dismissed", "changed-job", "other"] as const;
export type ExitReason = (typeof exitReasons)[number];
export type JobEndReason = (typeof jobEndReasons)[number];

/** A stored exit reason as its code: "other" for free text stored before the codes, which is never shown. */
export const exitReasonCode = (reason: string): ExitReason => ((exitReasons as readonly string[]).includes(reason) ? (reason as ExitReason) : "other");
/** A stored job-end reason as its code, the same way. */
export const jobEndReasonCode = (reason: string): JobEndReason =>
  (jobEndReasons as readonly string[]).includes(reason) ? (reason as JobEndReason) : "other";

/** Benefits counselling: held, offered (and not yet held) or declined; each closes the reminder to offer it. */
export const benefitsCounsellingStatuses = ["held", "offered", "declined"] as const;

export const obligationKinds = [
  "first-employer-contact",
  "benefits-counselling",
  "job-development",
  "job-start-follow-up",
  "placement-follow-up",
  "follow-up",
  "job-loss-follow-up",
  "outreach",
  "pause-review",
  "pre-start-contact",
] as const;
export type ObligationKind = (typeof obligationKinds)[number];
export type ObligationStatus = "upcoming" | "due" | "overdue" | "done";
