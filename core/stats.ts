/**
 * The few calculations the team's figures share (weekly summary, outcome report, fidelity score).
 * Each answers null where there is nothing to count, so that "no data" never reads as 0.
 */

/** The median of some numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The mean of some numbers; null for none. */
export const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

/** A part of a whole, 0 to 1; null for a whole of none. */
export const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** A span of time as ISO instants, half-open: [start, end). */
export interface Span {
  start: string;
  end: string;
}

/** Whether an instant falls in a span. */
export const within = (at: string, span: Span): boolean => Date.parse(at) >= Date.parse(span.start) && Date.parse(at) < Date.parse(span.end);
