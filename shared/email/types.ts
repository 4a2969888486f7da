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
 * `participantId` together), in the order of urgency of `shared/journey/urgency.ts`, whatever
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
    total: number;
    /** Face-to-face employer contacts per specialist per week (fidelity target: 6). */
    target: number;
    perSpecialist: Array<{ specialistId: string; specialistName: string; count: number }>;
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
  outcomes: {
    inWork: number;
    inSchool: number;
    active: number;
    /** 0..1, inWork / active. */
    employmentRate: number;
  };
  overdue: Array<{
    participantId: string;
    code: string;
    kind: ObligationKind;
    dueAt: string;
    daysOverdue: number;
    /** A missed 30-day first-employer-contact deadline. */
    missedDeadline: boolean;
  }>;
  comingFollowUps: Array<{ participantId: string; code: string; kind: ObligationKind; dueAt: string }>;
  caseloads: Array<{ specialistId: string; specialistName: string; count: number; limit: number }>;
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
