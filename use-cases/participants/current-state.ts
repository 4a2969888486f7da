import type { Deps } from "../../adapters/deps";
import { listEvents } from "../../adapters/dynamodb/participants";
import { type StoredState, type ParticipantProfile } from "../../core/participants/profile";
import { toStoredState, journeyStateOf } from "../../core/participants/state";
import { saveStoredState, storedStateOf } from "./save-state";
import { resolveRules, rulesVersion } from "../../core/journey/rules";

/**
 * The participant's journey state at `now`. Every event writer stores the state it computed, when
 * it computed it (`evaluatedAt`) and `nextChangeAt`, the first instant after that at which time
 * alone changes a phase or a status. Between the two the stored state is exactly what the events
 * would give, so it is used as it is. Outside them (later, or earlier when a clock was set back)
 * the events, the truth, are read and evaluated again, and the result is stored for the next
 * reader. A journey woken by an event therefore plans without reading the participant's history.
 *
 * A state computed with other rules (a new release, or the deployment's numbers changed) is
 * evaluated again once; so is one stored before states carried their rules' version.
 */
export async function currentState(
  deps: Deps,
  profile: ParticipantProfile,
  now: Date,
): Promise<{
  /** The profile as stored after this call (its version is the one the state was computed at). */
  profile: ParticipantProfile;
  state: StoredState;
}> {
  const stored = storedStateOf(profile);
  if (isCurrent(stored, now, rulesVersion(resolveRules(deps.deployment.rules)))) return { profile, state: stored };
  const state = toStoredState(journeyStateOf(profile, await listEvents(deps, profile.id), now, deps.deployment));
  return { profile: await saveStoredState(deps, profile, state), state };
}

function isCurrent(stored: Partial<StoredState>, now: Date, rules: string): stored is StoredState {
  if (stored.nextChangeAt === undefined || stored.placementEndsAt === undefined || stored.evaluatedAt === undefined) return false;
  if (stored.rulesVersion !== rules) return false;
  if (Date.parse(stored.evaluatedAt) > now.getTime()) return false;
  return stored.nextChangeAt === null || Date.parse(stored.nextChangeAt) > now.getTime();
}
