import type { Deps } from "../../adapters/deps";
import type { CreateParticipant, EventBody } from "../../core/domain/schemas";
import type { ParticipantEvent } from "../../core/domain/schemas";
import { eventPut, getParticipant, listEvents, profileItem, profileUpdate, transact } from "../../adapters/dynamodb/participants";
import { type ParticipantProfile } from "../../core/participants/profile";
import { derivedState, journeyStateOf } from "../../core/participants/state";
import { referralProfile } from "../../use-cases/participants/create";
import { recordDue } from "../../use-cases/journey/record-due";
import { newId } from "../../core/ids";

/**
 * Seeds participants and events through the repository, writing what a referral and a recorded
 * event write (the profile with its state computed from events, the event on the team's index),
 * without starting or waking journey executions: the summary reads data only, so these tests need
 * no Step Functions. The journey's record step (recordDue) writes the missed-deadline alerts.
 */

export async function seedParticipant(deps: Deps, input: CreateParticipant): Promise<ParticipantProfile> {
  const { profile } = referralProfile(input, deps.clock.now(), deps.deployment);
  await transact(deps, [{ Put: { TableName: deps.tableName, Item: profileItem(profile), ConditionExpression: "attribute_not_exists(pk)" } }]);
  return profile;
}

/** Records events in order, each with the profile's state recomputed at the clock's time. */
export async function record(deps: Deps, participantId: string, ...bodies: EventBody[]): Promise<void> {
  const now = deps.clock.now();
  for (const body of bodies) {
    const profile = await getParticipant(deps, participantId);
    if (!profile) throw new Error(`no participant ${participantId}`);
    const event = { ...body, at: new Date(body.at).toISOString(), id: newId(), recordedAt: now.toISOString() } as ParticipantEvent;
    const state = journeyStateOf(profile, [...(await listEvents(deps, participantId)), event], now, deps.deployment);
    await transact(deps, [eventPut(deps, profile, event), profileUpdate(deps, profile, derivedState(state), profile.version + 1)]);
  }
}

/** Runs the journey's record step for a participant at the clock's time (writes missed-deadline alerts). */
export async function recordDueNow(deps: Deps, participantId: string): Promise<number> {
  return (await recordDue(deps, participantId)).recorded;
}

/** A unique mailbox per test, since all test files share one SES inbox. */
export const mailbox = (name: string) => `${name}-${newId().toLowerCase()}@example.org`;
