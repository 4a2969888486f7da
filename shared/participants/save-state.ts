import { isDeepStrictEqual } from "node:util";
import type { Deps } from "../runtime/deps";
import { type DerivedState, type ParticipantProfile, profileUpdate, transact } from "../data/participants";
import type { JourneyState } from "../journey/evaluate";
import { derivedState } from "./state";

/**
 * Stores a freshly computed journey state on the profile when it differs (time alone moves a
 * participant from placement to follow-up, or an obligation from upcoming to due). The write keeps
 * the event version: it is conditional on it, and if an event landed meanwhile, that writer
 * already stored a newer state and this one is dropped.
 */
export async function saveDerivedState(
  deps: Pick<Deps, "db" | "tableName">,
  profile: ParticipantProfile,
  journey: JourneyState,
): Promise<ParticipantProfile> {
  const state = derivedState(journey);
  const stored: DerivedState = {
    phase: profile.phase,
    obligations: profile.obligations,
    nextDueAt: profile.nextDueAt,
    inWork: profile.inWork,
    inSchool: profile.inSchool,
    missedFirstEmployerContact: profile.missedFirstEmployerContact,
  };
  // Compared as stored values: the table drops undefined fields and returns map keys in its own
  // order, so neither a plain deep compare nor a string compare would ever match.
  const asStored = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
  if (isDeepStrictEqual(asStored(state), asStored(stored))) return profile;
  try {
    await transact(deps, [{ ...profileUpdate(deps, profile, state, profile.version) }]);
  } catch (error) {
    if ((error as Error).name !== "TransactionCanceledException") throw error;
  }
  return { ...profile, ...state };
}
