import { isDeepStrictEqual } from "node:util";
import type { Deps } from "../../adapters/deps";
import { updateProfileState } from "../../adapters/dynamodb/participants";
import { type StoredState, type ParticipantProfile } from "../../core/participants/profile";
import type { JourneyFold } from "../../core/journey/fold";

/**
 * Stores a freshly computed journey state on the profile when it differs (time alone moves a
 * participant from placement to follow-up, or an obligation from upcoming to due). The write keeps
 * the event version: it is conditional on it, and if an event landed meanwhile, that writer
 * already stored a newer state and this one is dropped.
 */
export async function saveStoredState(
  deps: Pick<Deps, "db" | "tableName">,
  profile: ParticipantProfile,
  state: StoredState,
  /** The events folded again, when they were (the same events: the version stays). */
  fold?: JourneyFold,
): Promise<ParticipantProfile> {
  if (!fold && isDeepStrictEqual(asStored(state), asStored(storedStateOf(profile)))) return profile;
  try {
    await updateProfileState(deps, profile, state, profile.version, fold);
  } catch (error) {
    if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
  }
  return { ...profile, ...state, ...(fold ? { fold } : {}) };
}

/** The stored state as the profile holds it (older profiles lack the newer fields). */
export function storedStateOf(profile: ParticipantProfile): Partial<StoredState> {
  return {
    phase: profile.phase,
    obligations: profile.obligations,
    nextDueAt: profile.nextDueAt,
    inWork: profile.inWork,
    inSchool: profile.inSchool,
    missedFirstEmployerContact: profile.missedFirstEmployerContact,
    nextChangeAt: profile.nextChangeAt,
    evaluatedAt: profile.evaluatedAt,
    rulesVersion: profile.rulesVersion,
    placementEndsAt: profile.placementEndsAt,
  };
}

// Compared as stored values: the table drops undefined fields and returns map keys in its own
// order, so neither a plain deep compare nor a string compare would ever match.
const asStored = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
