import pRetry, { AbortError } from "p-retry";
import type { Deps } from "../../adapters/deps";
import type { EventBody, ParticipantEvent } from "../../core/domain/schemas";
import { invalidInput, conflict, gone } from "../../core/errors";
import { dueRecordUpdate, eventPut, getParticipant, listEvents, profileUpdate, transact } from "../../adapters/dynamodb/participants";
import { type ParticipantProfile } from "../../core/participants/profile";
import {
  cancelledBy,
  findStoredResponse,
  idempotencyEntry,
  rememberEntry,
  storedResponsePut,
  type StoredResponse,
} from "../../adapters/dynamodb/idempotency";
import { newId } from "../../core/ids";
import { toStoredState, journeyStateOf, foldContext } from "../../core/participants/state";
import { appendsTo, continueFold, foldJourney, heldJobsOfFold, stateOfFold } from "../../core/journey/fold";
import { eventVersionUpdate, getParticipantAndJourney, type JourneyRecord, wakeJourney } from "../../adapters/stepfunctions/journey-execution";
import { eventNeedsWake } from "../../core/wake/wake-needed";
import { dueRoundsEnded } from "../../core/wake/next-wake";
import { ensureJourneyRunning } from "../../adapters/stepfunctions/ensure-running";
import { jobAmong, jobFor } from "../../core/participants/jobs";
import { employerContactPut, getEmployer, noteOnEmployer } from "../../adapters/dynamodb/employers";
import { employerContactOf } from "../../core/domain/employers";


/**
 * Writers of one participant that do not conflict in meaning (two contacts, a meeting and a
 * contact) all land: a writer that lost the race to another reads the profile again and retries,
 * with jittered backoff so that a burst of writers spreads out. 20 retries of at most 100 ms
 * settle a burst of dozens; only a participant written to without pause gets a 409.
 */
const retryOptions = { retries: 20, factor: 1.5, minTimeout: 5, maxTimeout: 100, randomize: true };

/** A lost race: the profile moved (or DynamoDB saw the items in another transaction). Worth another attempt. */
class ProfileMoved extends Error {}

/**
 * Records one event for a participant. The event, the recomputed profile (with the fold of the
 * events), the idempotency record and the event's version on the journey record land in one
 * transaction, so nothing is ever half-written and a replayed key returns the first answer; so do
 * the due records of the recurring rounds the event ends late (core/wake/next-wake.ts). Then the
 * participant's journey is woken to plan again; a replay wakes it too, in case the first attempt
 * stored the event but failed before the wake.
 */
export async function recordEvent(
  deps: Deps,
  profile: ParticipantProfile,
  body: EventBody,
  idempotencyKey: string,
  /**
   * The participant's journey record, read with the profile (`getParticipantAndJourney`): the
   * transaction then holds only while its token is unchanged, and the journey is woken with what
   * was read. Without it, the record is read after the transaction.
   */
  journey?: { record: JourneyRecord | undefined },
): Promise<StoredResponse> {
  const scope = `events:${profile.id}`;
  // A replayed key is found by the transaction below (its idempotency put is refused), which
  // then answers with the first response: no read ahead of every recording for the rare replay.
  const now = deps.clock.now();
  const at = new Date(body.at);
  // An event that names a registered employer must name one that exists.
  const employerId = body.type === "employer-contact" || body.type === "job-start" ? body.employerId : undefined;
  if (employerId !== undefined && !(await getEmployer(deps, employerId))) throw invalidInput(`employerId: no employer with id ${employerId}`);
  if (at > now) throw invalidInput("at: must not be in the future");
  if (at < new Date(profile.referredAt)) throw invalidInput("at: must not be before the referral");

  const event = { ...body, at: at.toISOString(), id: newId(), recordedAt: now.toISOString() } as ParticipantEvent;
  let current = profile;
  let seen = journey;
  const context = foldContext(deps.deployment);
  const attempt = async () => {
    // The event continues the participant's fold when it comes after every event folded in (as
    // nearly every event does): no read of the history. A back-dated event, a fold made under
    // other rules, or a profile without one reads the events and folds them all again.
    const appendable = appendsTo(current.fold, event, context);
    let recorded: ParticipantEvent[] | undefined;
    const history = async () => (recorded ??= await listEvents(deps, current.id));
    if (event.type === "job-end" || event.type === "job-change") {
      // The event names its job, so that the record says which of several jobs ended or changed.
      const named = body.type === "job-end" || body.type === "job-change" ? body.jobId : undefined;
      const job = appendable ? jobAmong(heldJobsOfFold(current.fold!), named) : jobFor(await history(), event.at, named);
      if ("error" in job) {
        // A twin of this request (the same key) may have ended that job a moment ago: then the
        // answer is the twin's, not "no job is held".
        const first = await findStoredResponse(deps, scope, idempotencyKey);
        if (first) {
          const before = (current.fold && stateOfFold(current.fold, now, context)) ?? journeyStateOf(current, await history(), now, deps.deployment);
          return { response: first, state: toStoredState(before), replay: true };
        }
        throw new AbortError(invalidInput(job.error));
      }
      event.jobId = job.jobId;
    }
    // The job's id is part of the event: folded with it.
    const fold = (appendable && continueFold(current.fold!, [event], context)) || foldJourney(current.referredAt, [...(await history()), event], context);
    const after = stateOfFold(fold, now, context) ?? journeyStateOf(current, [...(await history()), event], now, deps.deployment);
    const state = toStoredState(after);
    // The recurring rounds that came due and end with this write (closed by the event, or ended
    // by time since the last write): the journey does not wake to record them.
    const endedLate = dueRoundsEnded(current, state, now);
    const response: StoredResponse = { statusCode: 201, body: { event, phase: state.phase } };
    try {
      await transact(deps, [
        eventPut(deps, current, event),
        profileUpdate(deps, current, state, current.version + 1, rememberEntry(current.idempotencyKeys, idempotencyEntry(scope, idempotencyKey, now), now), fold),
        storedResponsePut(deps, scope, idempotencyKey, response),
        // The journey's park sees an event that landed after its plan in its own write.
        eventVersionUpdate(deps, current.id, current.version + 1, seen ? (seen.record?.taskToken ?? null) : undefined),
        // A contact with a registered employer is the employer's too: the same contact, under the
        // event's id, in the same transaction.
        ...(event.type === "employer-contact" && event.employerId ? [employerContactPut(deps, employerContactOf(event, current))] : []),
        ...endedLate.map((due) => dueRecordUpdate(deps, current.id, due, now)),
      ]);
      return { response, state, replay: false };
    } catch (error) {
      const { conditions, conflicts } = cancelledBy(error);
      if (conditions.includes(2)) {
        // The key was used before (or won a race with us): answer as the first attempt did.
        const first = await findStoredResponse(deps, scope, idempotencyKey);
        if (first) return { response: first, state, replay: true };
      }
      // The profile moved, or the journey parked anew since it was read: read both again.
      if (conditions.includes(1) || conditions.includes(3) || conflicts) {
        let fresh: ParticipantProfile | undefined;
        if (seen) {
          const both = await getParticipantAndJourney(deps, current.id);
          fresh = both.profile;
          seen = { record: both.journey };
        } else fresh = await getParticipant(deps, current.id);
        if (!fresh) throw new AbortError(error as Error);
        if (fresh.erasedAt) throw new AbortError(gone("participant: erased"));
        current = fresh;
        throw new ProfileMoved();
      }
      throw new AbortError(error as Error);
    }
  };
  const outcome = await pRetry(attempt, { ...retryOptions, shouldRetry: ({ error }) => error instanceof ProfileMoved }).catch((error) => {
    if (error instanceof ProfileMoved) throw conflict("the participant changed while recording; try again");
    throw error;
  });
  // A parked journey is woken unless its own wake comes in time; one that has ended (an exit,
  // then a resume) is started again. A replay always wakes it: the first attempt may have
  // stored the event and then failed before the wake.
  const needsWake = (record: JourneyRecord) =>
    outcome.replay || eventNeedsWake(record, current, outcome.state, now, deps.deployment.timeZone);
  // The record read before the transaction is current if the transaction held (its token was
  // the condition); a replay's transaction never ran, so the record is read again.
  const known = seen && !outcome.replay ? (seen.record ?? null) : undefined;
  if (!(await wakeJourney(deps, current.id, event.type, needsWake, known))) await ensureJourneyRunning(deps, current.id);
  // The employer's latest contact, stage and first hire; on a replay too, like the wake.
  const recorded = (outcome.response.body as { event?: ParticipantEvent }).event;
  if (recorded?.type === "employer-contact" && recorded.employerId) {
    await noteOnEmployer(deps, recorded.employerId, { contactAt: recorded.at, stage: recorded.visit });
  }
  if (recorded?.type === "job-start" && recorded.employerId) await noteOnEmployer(deps, recorded.employerId, { hiredAt: recorded.at });
  return outcome.response;
}
