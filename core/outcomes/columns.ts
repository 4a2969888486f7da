import { exitReasons, type ExitReason } from "../domain/codes";
import type { OutcomeFigures } from "./figures";
import type { FigureKey } from "./words";

/** An exit without a reason: only an erased participant's (erasure keeps each event's type and time). */
export const unknownReason = "unknown";
export type ExitReasonCount = ExitReason | typeof unknownReason;
export const exitReasonCounts: readonly ExitReasonCount[] = [...exitReasons, unknownReason];

/**
 * The report's figures in one fixed order, each with its kind: what the CSV's columns and the web
 * app's table show, so that both list the same numbers in the same order.
 */
export type FigureKind = "count" | "share" | "decimal";

export interface FigureValue {
  key: FigureKey | { exitReason: ExitReasonCount };
  kind: FigureKind;
  /** A count, a share from 0 to 1, or a median; null where there is nothing to take it of. */
  value: number | null;
}

export function figureValues(f: OutcomeFigures): FigureValue[] {
  const count = (key: FigureKey, value: number): FigureValue => ({ key, kind: "count", value });
  return [
    count("referrals", f.referrals),
    count("active", f.active),
    count("activeAtEnd", f.activeAtEnd),
    count("firstContactCohort", f.firstEmployerContact.cohort),
    count("firstContactWithin30Days", f.firstEmployerContact.within30Days),
    { key: "firstContactShare", kind: "share", value: f.firstEmployerContact.share },
    count("jobStarts", f.jobStarts),
    count("firstJobs", f.firstJobs),
    count("inWork", f.atEnd.inWork),
    count("inSchool", f.atEnd.inSchool),
    count("inWorkOrSchool", f.atEnd.inWorkOrSchool),
    { key: "inWorkShare", kind: "share", value: f.atEnd.inWorkShare },
    { key: "inWorkOrSchoolShare", kind: "share", value: f.atEnd.inWorkOrSchoolShare },
    count("jobsHeld", f.jobsHeld.count),
    { key: "medianHoursPerWeek", kind: "decimal", value: f.jobsHeld.medianHoursPerWeek },
    count("wageOrdinary", f.wage.ordinary),
    count("wageSubsidised", f.wage.subsidised),
    count("wageUnknown", f.wage.unknown),
    count("permanent", f.terms.permanent),
    count("temporary", f.terms.temporary),
    count("termsUnknown", f.terms.unknown),
    count("endedJobs", f.endedJobs.count),
    { key: "medianJobDays", kind: "decimal", value: f.endedJobs.medianDays },
    count("exits", f.exits.total),
    ...exitReasonCounts.map((reason): FigureValue => ({ key: { exitReason: reason }, kind: "count", value: f.exits.byReason[reason] })),
  ];
}

/** A share as a percentage with at most one decimal (0.625 → 62.5); a median with at most two. */
export function roundedValue(figure: Pick<FigureValue, "kind" | "value">): number | null {
  if (figure.value === null) return null;
  if (figure.kind === "share") return Math.round(figure.value * 1000) / 10;
  if (figure.kind === "decimal") return Math.round(figure.value * 100) / 100;
  return figure.value;
}
