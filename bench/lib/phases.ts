import type { Deployment } from "../../core/config/deployment";
import type { ParticipantEvent, Phase } from "../../core/domain/schemas";
import { journeyStateOf } from "../../core/participants/state";

/**
 * A participant's phase over time, recomputed from the recorded events with the same rules the
 * system uses. A phase changes only at an event or at an instant the journey plans for (the end of
 * placement is a `nextChangeAt`), and the journey plans at each of those, so evaluating at the
 * referral, at every event and at every Plan the journey ran gives every change.
 */
export interface PhaseTimeline {
  /** Ascending instants (ms) with the phase from each until the next. */
  at: number[];
  phase: Phase[];
}

export function phaseTimeline(
  referredAt: string,
  events: ParticipantEvent[],
  instants: Iterable<number>,
  deployment: Deployment,
): PhaseTimeline {
  const sorted = [...new Set([Date.parse(referredAt), ...events.map((e) => Date.parse(e.at)), ...instants])].sort((a, b) => a - b);
  const timeline: PhaseTimeline = { at: [], phase: [] };
  for (const at of sorted) {
    const { phase } = journeyStateOf({ referredAt }, events, new Date(at), deployment);
    if (timeline.phase.at(-1) === phase) continue;
    timeline.at.push(at);
    timeline.phase.push(phase);
  }
  return timeline;
}

/** The phase at an instant (the referral phase before the first sample). */
export function phaseAt(timeline: PhaseTimeline, at: number): Phase {
  let low = 0;
  let high = timeline.at.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (timeline.at[mid] <= at) low = mid + 1;
    else high = mid;
  }
  return low === 0 ? "referral" : timeline.phase[low - 1];
}

/** Milliseconds spent in each phase between `from` and `until`. */
export function timeByPhase(timeline: PhaseTimeline, from: number, until: number): Map<Phase, number> {
  const time = new Map<Phase, number>();
  for (let i = 0; i < timeline.at.length; i++) {
    const start = Math.max(from, timeline.at[i]);
    const end = Math.min(until, timeline.at[i + 1] ?? Infinity);
    if (end > start) time.set(timeline.phase[i], (time.get(timeline.phase[i]) ?? 0) + end - start);
  }
  return time;
}
