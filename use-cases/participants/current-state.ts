import type { Deps } from "../../adapters/deps";
import { listEvents } from "../../adapters/dynamodb/participants";
import { type StoredState, type ParticipantProfile } from "../../core/participants/profile";
import { toStoredState, journeyStateOf, foldContext } from "../../core/participants/state";
import { saveStoredState, storedStateOf } from "./save-state";
import { rulesVersion } from "../../core/journey/rules";
import { foldJourney, stateOfFold } from "../../core/journey/fold";

/**
 * The participant's journey state at `now`. Every event writer stores the state it computed, when
 * it computed it (`evaluatedAt`) and `nextChangeAt`, the first instant after that at which time
 * alone changes a phase or a status. Between the two the stored state is exactly what the events
 * would give, so it is used as it is. After `nextChangeAt` the state comes from the participant's
 * fold of their events (core/journey/fold.ts), without reading them. Only when there is no fold
 * that holds (stored before folds were kept, made under other rules, or holding an event later
 * than `now` after a clock was set back) are the events, the truth, read and folded again. Either
 * way the result is stored for the next reader.
 *
 * A state computed with other rules (a new release, or the deployment's numbers changed) is
 * evaluated again once; so is one stored before states carried their rules' version.
 */
export async function currentState(
  deps: Deps,
  profile: ParticipantProfile,
  now: Date,
  /** Runs with the new state before it replaces the stored one (the journey records what time ended). */
  beforeStoring?: (state: StoredState) => Promise<void>,
): Promise<{
  /** The profile as stored after this call (its version is the one the state was computed at). */
  profile: ParticipantProfile;
  state: StoredState;
}> {
  const context = foldContext(deps.deployment);
  const stored = storedStateOf(profile);
  if (isCurrent(stored, now, rulesVersion(context.rules))) return { profile, state: stored };
  const folded = profile.fold && stateOfFold(profile.fold, now, context);
  if (folded) {
    const state = toStoredState(folded);
    await beforeStoring?.(state);
    return { profile: await saveStoredState(deps, profile, state), state };
  }
  const events = await listEvents(deps, profile.id);
  const fold = foldJourney(profile.referredAt, events, context);
  const state = toStoredState(stateOfFold(fold, now, context) ?? journeyStateOf(profile, events, now, deps.deployment));
  await beforeStoring?.(state);
  return { profile: await saveStoredState(deps, profile, state, fold), state };
}

function isCurrent(stored: Partial<StoredState>, now: Date, rules: string): stored is StoredState {
  if (stored.nextChangeAt === undefined || stored.placementEndsAt === undefined || stored.evaluatedAt === undefined) return false;
  if (stored.rulesVersion !== rules) return false;
  if (Date.parse(stored.evaluatedAt) > now.getTime()) return false;
  return stored.nextChangeAt === null || Date.parse(stored.nextChangeAt) > now.getTime();
}
