import type { Locale, ObligationKind, Phase } from "../domain/schemas";

/**
 * What the email renderers take in. Other modules (the digest and weekly-summary workflows)
 * produce these; rendering is pure and does no I/O.
 *
 * Participants appear only by their short code: nothing here may carry a full name, a diagnosis
 * or a treatment detail, because email leaves the system's protection.
 */

export type { Locale, ObligationKind, Phase };

/**
 * One obligation to list. The digest shows one row per participant (items with the same
 * `participantId` together), in the order of urgency of `core/journey/urgency.ts`, whatever
 * the order given.
 */
export interface DigestItem {
  participantId: string;
  code: string;
  kind: ObligationKind;
  /** ISO instant. */
  dueAt: string;
  section: "due" | "overdue" | "upcoming";
  /** Whole days past the due date; computed from `today` when absent. */
  daysOverdue?: number;
}

export interface DigestEmailInput {
  locale: Locale;
  /** IANA time zone the dates are shown in, e.g. "Europe/Oslo". */
  timeZone: string;
  /** Base of participant links: `${baseUrl}/participants/{participantId}`. */
  baseUrl: string;
  /** The digest's local date, yyyy-mm-dd. */
  today: string;
  items: DigestItem[];
  /** Employers to contact again (core/employers/follow-up.ts); no participant is named with them. */
  employers?: DigestEmployer[];
}

export interface DigestEmployer {
  name: string;
  reason: "cold" | "new-hire";
  /** Local date, yyyy-mm-dd: by when (new hire), or when it went cold. */
  dueDate: string;
  /** Days since the last contact (cold) or since the start (new hire). */
  days: number;
}

export interface WeeklySummaryFigures {
  teamId: string;
  teamName: string;
  /** ISO week, e.g. "2026-W48". */
  week: string;
  /** ISO instants. */
  weekStart: string;
  weekEnd: string;
  participantsByPhase: Record<Phase, number>;
  newReferrals: Array<{ participantId: string; code: string; referredAt: string }>;
  employerContacts: {
    /** The week's contacts for this team's participants. */
    total: number;
    /** Face-to-face employer contacts per full-time specialist per week (fidelity target: 6). */
    target: number;
    perSpecialist: Array<{
      specialistId: string;
      specialistName: string;
      /** The specialist's contacts in the week for all their participants, in every team. */
      count: number;
      /** Of those, the contacts for this team's participants. */
      inTeam: number;
      /** The specialist's working share, 0.1 to 1. */
      fte: number;
      /** The specialist's own weekly target: `target` × `fte`, to one decimal. */
      target: number;
    }>;
  };
  starts: Array<{
    participantId: string;
    code: string;
    kind: "job" | "education";
    at: string;
    employer?: string;
    hoursPerWeek?: number;
    wage?: "ordinary" | "subsidised";
    temporary?: boolean;
  }>;
  ends: Array<{ participantId: string; code: string; kind: "job" | "education"; at: string }>;
  /**
   * Among the active participants: referred before the period began, neither paused nor exited
   * (a new referral has had no time to find work yet; a paused participant is not seeking it now).
   * Someone at work and at school counts in both `inWork` and `inSchool`, once in `inWorkOrSchool`.
   */
  outcomes: {
    inWork: number;
    inSchool: number;
    inWorkOrSchool: number;
    active: number;
    /** 0..1, inWork / active (0 when there are none active). */
    employmentRate: number;
    /** 0..1, inWorkOrSchool / active (0 when there are none active). */
    inWorkOrSchoolRate: number;
  };
  /**
   * Rapid job search: participants whose first-ever employer contact fell in the period, and the
   * median of their days (local calendar days) from referral to that contact; null when none.
   */
  rapidJobSearch: { count: number; medianDays: number | null };
  overdue: Array<{
    participantId: string;
    code: string;
    /** The participant's job specialist (staff: named in the email). */
    specialistId: string;
    specialistName: string;
    kind: ObligationKind;
    dueAt: string;
    daysOverdue: number;
    /** A missed 30-day first-employer-contact deadline. */
    missedDeadline: boolean;
  }>;
  comingFollowUps: Array<{ participantId: string; code: string; kind: ObligationKind; dueAt: string }>;
  caseloads: Array<{
    specialistId: string;
    specialistName: string;
    /** Participants the specialist follows now (not exited), in every team. */
    count: number;
    /** The limit for the specialist's working share: `caseloadLimit` × `fte`, rounded down. */
    limit: number;
    /** The full-time limit as stored on the specialist. */
    caseloadLimit: number;
    fte: number;
  }>;
}

export interface WeeklySummaryOptions {
  locale: Locale;
  timeZone: string;
  baseUrl: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}
