import type { ParticipantEvent } from "../domain/schemas";
import { chronological, Evaluation, type EvaluationSnapshot, type JourneyState } from "./evaluate";
import { rulesVersion, type JourneyRules } from "./rules";

/**
 * A participant's events folded into what the evaluation knows after them, stored with the
 * participant. The next event continues from it instead of reading and applying the whole
 * history again, and the state at any later instant comes from it alone: recording an event is a
 * read of the profile and one transaction, a journey's wake one read, and the weekly summary needs
 * only the period's events, whatever the length of the history.
 *
 * A fold holds only while everything it depends on holds: its own shape (`foldVersion`), the
 * rules and the zone it was computed with, and the order of events. An event dated before the
 * last one folded in (back-dated, or a clock set back) cannot be appended; neither can a rules
 * change be applied to a history already folded. Then the events, the truth, are evaluated again
 * from the start, and the result is the new fold. Both ways give the same state: a property test
 * (test/unit/journey/fold.test.ts) checks it over generated histories.
 */
export interface JourneyFold {
  /** The fold's own shape; a fold of another shape is rebuilt from the events. */
  foldVersion: typeof foldVersion;
  rulesVersion: string;
  timeZone: string;
  referredAt: string;
  /** The last event folded in, in the evaluation's order (by `at`, then id); absent before the first. */
  through?: { at: string; id: string };
  /** The participant's first-ever employer contact (the rapid-job-search figures start from it). */
  firstEmployerContactAt?: string;
  evaluation: EvaluationSnapshot;
}

export const foldVersion = 1;

export interface FoldContext {
  rules: JourneyRules;
  timeZone: string;
}

/** Every event of a participant, folded from the referral on. */
export function foldJourney(referredAt: string, events: readonly ParticipantEvent[], context: FoldContext): JourneyFold {
  const start: JourneyFold = {
    foldVersion,
    rulesVersion: rulesVersion(context.rules),
    timeZone: context.timeZone,
    referredAt,
    evaluation: new Evaluation(referredAt, context.rules, context.timeZone).snapshot(),
  };
  return apply(start, chronological(events), context);
}

/**
 * The fold with more events, when they all come after the ones folded in; otherwise (or when the
 * fold was made under other rules) undefined, and the caller folds the whole history again.
 */
export function continueFold(fold: JourneyFold, events: readonly ParticipantEvent[], context: FoldContext): JourneyFold | undefined {
  const ordered = chronological(events);
  const fits = ordered.length === 0 ? compatible(fold, context) : appendsTo(fold, ordered[0], context);
  return fits ? apply(fold, ordered, context) : undefined;
}

/** Whether `event` can be folded onto `fold`: a fold of these rules, whose last event comes before it. */
export function appendsTo(fold: Partial<JourneyFold> | undefined, event: { at: string; id: string }, context: FoldContext): fold is JourneyFold {
  return compatible(fold, context) && (fold.through === undefined || after(event, fold.through));
}

/**
 * The journey state at `now` from the fold alone, as `evaluateJourney` would compute it from
 * every event. Undefined when the fold cannot say: made under other rules, or holding an event
 * later than `now` (a state for an earlier instant needs the events).
 */
export function stateOfFold(fold: JourneyFold, now: Date, context: FoldContext): JourneyState | undefined {
  if (!compatible(fold, context)) return undefined;
  if (fold.through && Date.parse(fold.through.at) > now.getTime()) return undefined;
  const evaluation = Evaluation.resume(fold.referredAt, fold.evaluation, context.rules, context.timeZone);
  evaluation.advanceTo(now);
  return evaluation.stateAt(now, undefined);
}

/** The ids of the jobs the participant holds after the folded events, oldest first. */
export function heldJobsOfFold(fold: JourneyFold): string[] {
  return fold.evaluation.openJobs.map((job) => job.id);
}

/** Whether a fold is what these rules and this zone would have made (and of today's shape). */
export function compatible(fold: Partial<JourneyFold> | undefined, context: FoldContext): fold is JourneyFold {
  return (
    fold?.foldVersion === foldVersion &&
    fold.rulesVersion === rulesVersion(context.rules) &&
    fold.timeZone === context.timeZone &&
    fold.evaluation !== undefined
  );
}

/** Whether `event` comes after `through` in the evaluation's order (by instant, then id). */
function after(event: { at: string; id: string }, through: { at: string; id: string }): boolean {
  const a = Date.parse(event.at);
  const b = Date.parse(through.at);
  return a > b || (a === b && event.id > through.id);
}

function apply(fold: JourneyFold, ordered: readonly ParticipantEvent[], context: FoldContext): JourneyFold {
  if (ordered.length === 0) return fold;
  const referredAt = Date.parse(fold.referredAt);
  const evaluation = Evaluation.resume(fold.referredAt, fold.evaluation, context.rules, context.timeZone);
  let firstEmployerContactAt = fold.firstEmployerContactAt;
  for (const event of ordered) {
    // As in the full evaluation: what is dated before the referral counts as happening at it.
    const effective = new Date(Math.max(Date.parse(event.at), referredAt));
    evaluation.advanceTo(effective);
    evaluation.apply(event, effective);
    if (event.type === "employer-contact" && firstEmployerContactAt === undefined) firstEmployerContactAt = event.at;
  }
  const last = ordered[ordered.length - 1];
  return {
    ...fold,
    through: { at: last.at, id: last.id },
    ...(firstEmployerContactAt === undefined ? {} : { firstEmployerContactAt }),
    evaluation: evaluation.snapshot(),
  };
}
