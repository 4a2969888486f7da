import type { Obligation, Phase } from "../domain/schemas";
import type { JourneyFold } from "../journey/fold";

/** The participant's stored profile: who, where, and the journey state last computed from events. */
export interface ParticipantProfile {
  id: string;
  code: string;
  teamId: string;
  specialistId: string;
  referredAt: string;
  preferences?: { jobs?: string[]; hoursPerWeek?: number; disclosure?: "none" | "partial" | "full" };
  createdAt: string;
  phase: Phase;
  obligations: Obligation[];
  nextDueAt: string | null;
  /** How many events are recorded: the optimistic lock for concurrent writers. */
  version: number;
  /** Latest event instant of each kind that the team's outcome figures need. */
  inWork: boolean;
  inSchool: boolean;
  missedFirstEmployerContact: boolean;
  /**
   * Until when the stored state holds: the next instant at which time alone changes the phase or
   * a status (null: never, until the next event). Absent on profiles stored before it was kept,
   * which then count as out of date.
   */
  nextChangeAt?: string | null;
  /** When the stored state was computed: it holds from then until `nextChangeAt`. */
  evaluatedAt?: string;
  /** The rules it was computed with; a state from other rules is evaluated again. */
  rulesVersion?: string;
  /** When placement turns into follow-up (null outside placement). */
  placementEndsAt?: string | null;
  /**
   * The participant's events folded into what the journey rules know after them
   * (core/journey/fold.ts): the next event continues from it, and the state at any later instant
   * comes from it without reading the history. Absent on profiles stored before it was kept and
   * after an erasure; then the events are read.
   */
  fold?: JourneyFold;
  /**
   * When the participant was erased (GDPR art. 17): from then on the profile keeps only what the
   * team's past figures need, `code` is `erasedCode`, and nothing writes to it or starts its journey.
   */
  erasedAt?: string;
  /**
   * The idempotency records that hold this participant's data, as `<scope>#<key>` (keys.idempotency):
   * kept so that an erasure finds and deletes them. Stored as a string set, never shown.
   */
  idempotencyKeys?: Set<string>;
}

/** What an erased participant's code reads as, wherever a figure still counts them. */
export const erasedCode = "—";

/**
 * What the profile keeps of a journey state (`JourneyState`, computed from the events): enough for
 * the caseload order, the digest and the team's figures, and for knowing until when it holds.
 */
export type StoredState = Pick<
  ParticipantProfile,
  "phase" | "obligations" | "nextDueAt" | "inWork" | "inSchool" | "missedFirstEmployerContact"
> & { nextChangeAt: string | null; placementEndsAt: string | null; evaluatedAt: string; rulesVersion: string };

