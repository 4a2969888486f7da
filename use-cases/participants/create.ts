import type { Deps } from "../../adapters/deps";
import type { Deployment } from "../../core/config/deployment";
import type { CreateParticipant } from "../../core/domain/schemas";
import { invalidInput } from "../../core/errors";
import { getTeamAndSpecialist } from "../../adapters/dynamodb/specialists";
import { profileItem } from "../../adapters/dynamodb/participants";
import { type ParticipantProfile } from "../../core/participants/profile";
import { createOnce, idempotencyEntry, type StoredResponse } from "../../adapters/dynamodb/idempotency";
import { newId } from "../../core/ids";
import { toStoredState, journeyStateOf, foldContext } from "../../core/participants/state";
import { foldJourney } from "../../core/journey/fold";
import { startJourney } from "../../adapters/stepfunctions/journey-execution";
import { participantView } from "../../core/participants/view";

/** The profile a referral starts with: no events yet, its state evaluated at `now`. */
export function referralProfile(input: CreateParticipant, now: Date, deployment: Deployment) {
  const state = journeyStateOf(input, [], now, deployment);
  const profile: ParticipantProfile = {
    id: newId(),
    code: input.code,
    teamId: input.teamId,
    specialistId: input.specialistId,
    referredAt: new Date(input.referredAt).toISOString(),
    preferences: input.preferences,
    createdAt: now.toISOString(),
    version: 0,
    ...toStoredState(state),
    fold: foldJourney(new Date(input.referredAt).toISOString(), [], foldContext(deployment)),
  };
  return { profile, state };
}

/**
 * Registers a referral: the profile is written (with the idempotency record, in one transaction),
 * then generation 1 of the participant's journey is started. The start is idempotent by name, so a
 * replay of the same request makes sure the journey runs even if the first attempt stopped between
 * the two steps.
 */
export async function createParticipant(
  deps: Deps,
  input: CreateParticipant,
  idempotencyKey?: string,
): Promise<StoredResponse> {
  const now = deps.clock.now();
  const answer = await createOnce<{ id: string }>(deps, { scope: "participants", key: idempotencyKey }, async () => {
    if (new Date(input.referredAt) > now) throw invalidInput("referredAt: must not be in the future");
    const { team, specialist } = await getTeamAndSpecialist(deps, input.teamId, input.specialistId);
    if (!team) throw invalidInput(`teamId: no team with id ${input.teamId}`);
    if (!specialist) throw invalidInput(`specialistId: no specialist with id ${input.specialistId}`);
    if (!specialist.teamIds.includes(team.id)) throw invalidInput("specialistId: the specialist does not work with this team");

    const { profile, state } = referralProfile(input, now, deps.deployment);
    const item = profileItem(profile);
    return {
      items: [
        {
          Put: {
            TableName: deps.tableName,
            // The profile remembers the record that holds its creation's answer, for an erasure to delete.
            Item: idempotencyKey ? { ...item, idempotencyKeys: new Set([idempotencyEntry("participants", idempotencyKey, now)]) } : item,
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
      ],
      response: { statusCode: 201, body: participantView(profile, [], state) },
    };
  });
  // On a replay too: the first attempt may have stored the participant and died before the start,
  // which is idempotent by the execution's name. A replay answered 410 names an erased participant,
  // whose journey stays stopped.
  if (answer.statusCode === 201) await startJourney(deps, answer.body.id, 1);
  return answer;
}
