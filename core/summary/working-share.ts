/**
 * The targets a specialist's working share (fte) sets: the weekly employer contacts and the
 * caseload limit. Apart from the summary's figures, since the caseload page shows the limit too.
 */

/** IPS fidelity scale, item "job development: frequent employer contact": 6 face-to-face contacts per full-time specialist per week. */
export const employerContactsTargetPerWeek = 6;

/** Hundredths of a working share (fte has at most two decimals): integer arithmetic from here on. */
const hundredths = (fte: number): number => Math.round(fte * 100);

/**
 * A specialist's weekly employer-contact target: 6 × fte, to one decimal (0.5 → 3, 0.55 → 3.3,
 * 0.33 → 2). With two-decimal shares 60 × fte is never a tie, so rounding has no half case.
 */
export function contactTargetFor(fte: number): number {
  return Math.round((employerContactsTargetPerWeek * hundredths(fte)) / 10) / 10;
}

/**
 * The caseload limit for a specialist's working share: the stored limit is the full-time one
 * (the fidelity scale counts caseload per full-time specialist), scaled by fte and rounded down,
 * since a limit is a number of people never to exceed (20 × 0.5 = 10, 20 × 0.33 = 6.6 → 6).
 * Kept apart from the stored `caseloadLimit`, so a change of working share changes no limit.
 */
export function caseloadLimitFor(caseloadLimit: number, fte: number): number {
  return Math.floor((caseloadLimit * hundredths(fte)) / 100);
}
