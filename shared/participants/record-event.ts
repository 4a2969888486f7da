import type { Deps } from "../runtime/deps";
import type { EventBody, ParticipantEvent } from "../domain/schemas";
import { badRequest, conflict } from "../http/errors";
import { eventPut, getParticipant, listEvents, type ParticipantProfile, profileUpdate, transact } from "../data/participants";
import { conditionFailedAt, findStoredResponse, storedResponsePut, type StoredResponse } from "../data/idempotency";
import { newId } from "../ids";
import { derivedState, journeyStateOf } from "./state";
import { type JourneyRecord, wakeJourney } from "../workflow/journey-execution";
import { eventNeedsWake } from "../workflow/wake-needed";
import { ensureJourneyRunning } from "../workflow/ensure-running";
import { jobFor } from "./jobs";

/** Concurrent writers to one participant are rare; a few optimistic retries settle them. */
const MAX_ATTEMPTS = 5;

/**
 * Records one event for a participant. The event, the recomputed profile and the idempotency
 * record land in one transaction, so nothing is ever half-written and a replayed key returns the
 * first answer. Then the participant's journey is woken to plan again.
 */
export async function recordEvent(
  deps: Deps,
  profile: ParticipantProfile,
  body: EventBody,
  idempotencyKey: string,
): Promise<StoredResponse> {
  const scope = `events:${profile.id}`;
  // A replayed key is found by the transaction below (its idempotency put is refused), which
  // then answers with the first response: no read ahead of every recording for the rare replay.
  const now = deps.clock.now();
  const at = new Date(body.at);
  if (at > now) throw badRequest("at: must not be in the future");
  if (at < new Date(profile.referredAt)) throw badRequest("at: must not be before the referral");

  const event = { ...body, at: at.toISOString(), id: newId(), recordedAt: now.toISOString() } as ParticipantEvent;
  let current = profile;
  for (let attempt = 1; ; attempt++) {
    const recorded = await listEvents(deps, current.id);
    if (event.type === "job-end" || event.type === "job-change") {
      // The event names its job, so that the record says which of several jobs ended or changed.
      const job = jobFor(recorded, event.at, body.type === "job-end" || body.type === "job-change" ? body.jobId : undefined);
      if ("error" in job) throw badRequest(job.error);
      event.jobId = job.jobId;
    }
    const events = [...recorded, event];
    const state = derivedState(journeyStateOf(current, events, now, deps.deployment));
    const response: StoredResponse = { statusCode: 201, body: { event, phase: state.phase } };
    try {
      await transact(deps, [
        eventPut(deps, current, event),
        profileUpdate(deps, current, state, current.version + 1),
        storedResponsePut(deps, scope, idempotencyKey, response),
      ]);
      // A parked journey is woken unless its own wake comes in time; one that has ended (an exit,
      // then a resume) is started again.
      const needsWake = (record: JourneyRecord) => eventNeedsWake(record, current, state, now, deps.deployment.timeZone);
      if (!(await wakeJourney(deps, current.id, event.type, needsWake))) await ensureJourneyRunning(deps, current.id);
      return response;
    } catch (error) {
      const failed = conditionFailedAt(error);
      if (failed.includes(2)) {
        // The same key won a race with us: answer as it did.
        const first = await findStoredResponse(deps, scope, idempotencyKey);
        if (first) return first;
      }
      if (!failed.includes(1) || attempt >= MAX_ATTEMPTS) {
        if (failed.length > 0) throw conflict("the participant changed while recording; try again");
        throw error;
      }
      const fresh = await getParticipant(deps, current.id);
      if (!fresh) throw error;
      current = fresh;
    }
  }
}
