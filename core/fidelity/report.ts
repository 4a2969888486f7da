import type { Quarter } from "../calendar/quarters";
import { fidelityItems, measuredItems, sourceOf, type FidelitySection, type MeasuredItem, type MeasuredItemId, type Score } from "./anchors";
import { computeFidelityFigures, type FidelityFigures, type FidelityInput } from "./figures";
import type { Span } from "../stats";

/**
 * A team's fidelity self-score for a quarter: every item of the scale in its order, the ones the
 * records measure with their score and figures, the others marked for the review. Pure.
 */

interface ItemHead {
  id: string;
  section: FidelitySection;
  number: number;
  title: string;
  /** "Services, item 4: Rapid search for competitive job". */
  source: string;
}

export type MeasuredResult = {
  [K in MeasuredItemId]: ItemHead & {
    id: K;
    measured: true;
    /** 1–5 by the item's anchors; null when the period has nothing to score. */
    score: Score | null;
    /** The span the figures count: the quarter, or for the job-based items the four quarters to its end. */
    period: Span;
    figures: FidelityFigures[K];
  };
}[MeasuredItemId];

export type ReviewResult = ItemHead & { measured: false; score: null };

export type FidelityItemResult = MeasuredResult | ReviewResult;

export interface FidelityReport {
  teamId: string;
  teamName: string;
  quarter: Quarter;
  /** The quarter's bounds, [start, end). */
  start: string;
  end: string;
  /** The instant the figures are as of: the quarter's end, or now while it runs. */
  asOf: string;
  /** Whether the quarter has ended. */
  complete: boolean;
  /** The quarter's close: what is recorded from then on is left out of it. */
  closesAt: string;
  /** Whether the quarter has closed: its figures will never change. */
  final: boolean;
  items: FidelityItemResult[];
  /** The scored items' points: a part of the scale's 125, never a fidelity total. */
  total: { measured: number; scored: number; points: number; maxPoints: number };
}

/** The items counted over four quarters, since one quarter's job starts are too few to show a spread. */
const jobBased: readonly MeasuredItemId[] = ["diversity-of-job-types", "diversity-of-employers", "competitive-jobs"];

export function fidelityReport(input: FidelityInput & { team: { id: string; name: string }; quarter: Quarter; closesAt: string; now: Date }): FidelityReport {
  const figures = computeFidelityFigures(input);
  const end = new Date(Math.min(Date.parse(input.period.end), input.asOf.getTime())).toISOString();
  const items = fidelityItems.map((item): FidelityItemResult => {
    const head = { id: item.id, section: item.section, number: item.number, title: item.title, source: sourceOf(item) };
    if (!item.measured) return { ...head, measured: false, score: null };
    const id = item.id as MeasuredItemId;
    const own = figures[id];
    const score = (measuredItems[id] as MeasuredItem<typeof own>).score(own);
    const period = { start: jobBased.includes(id) ? input.jobPeriod.start : input.period.start, end };
    return { ...head, id, measured: true, score, period, figures: own } as MeasuredResult;
  });
  const scored = items.filter((item) => item.score !== null);
  return {
    teamId: input.team.id,
    teamName: input.team.name,
    quarter: input.quarter,
    start: input.period.start,
    end: input.period.end,
    asOf: input.asOf.toISOString(),
    complete: input.asOf.getTime() >= Date.parse(input.period.end),
    closesAt: input.closesAt,
    final: input.now.getTime() >= Date.parse(input.closesAt),
    items,
    total: {
      measured: items.filter((item) => item.measured).length,
      scored: scored.length,
      points: scored.reduce((sum, item) => sum + (item.score ?? 0), 0),
      maxPoints: scored.length * 5,
    },
  };
}
