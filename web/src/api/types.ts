import type { EventBody, Obligation, ObligationKind, ParticipantEvent, Phase, Team } from "../../../core/domain/schemas";
import type { Placement as Job } from "../../../core/participants/jobs";
import type { WeeklySummaryFigures } from "../../../core/email/types";

/** What the API answers, as the pages read it (the README's API table). */
export type { EventBody, Job, Obligation, ObligationKind, ParticipantEvent, Phase, Team, WeeklySummaryFigures };

export interface SpecialistSummary {
  id: string;
  name: string;
  teamIds: string[];
  caseloadLimit?: number;
}

export interface Caseload {
  specialist: SpecialistSummary;
  participants: Array<{ id: string; code: string; phase: Phase; nextDue: string | null; nextDueKind?: ObligationKind }>;
  count: number;
  limit: number;
}

export interface DayItem {
  participantId: string;
  code: string;
  kind: ObligationKind;
  dueAt: string;
  dueDate: string;
  section: "overdue" | "due" | "upcoming";
  daysOverdue?: number;
  daysLeft?: number;
  missedDeadline: boolean;
}

export interface Day {
  date: string;
  items: DayItem[];
}

export interface ParticipantView {
  id: string;
  code: string;
  teamId: string;
  specialistId: string;
  phase: Phase;
  referredAt: string;
  jobs: Job[];
  obligations: Obligation[];
  nextDueAt: string | null;
  events: ParticipantEvent[];
}

export interface JourneyStatus {
  generation?: number;
  status?: string;
  startedAt?: string;
  checkedInAt?: string;
  [key: string]: unknown;
}

export interface TeamParticipant {
  id: string;
  code: string;
  phase: Phase;
  specialistId: string;
  nextDue: string | null;
}

export interface EmailEvent {
  type: string;
  at: string;
  recipients?: string[];
  [key: string]: unknown;
}

/** A specialist as the admin's list shows them (`GET /specialists`). */
export interface SpecialistListing {
  id: string;
  name: string;
  email: string;
  teamIds: string[];
  caseloadLimit: number;
}
