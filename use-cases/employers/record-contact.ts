import type { Deps } from "../../adapters/deps";
import { employerContactOf, type Employer, type EmployerContact, type EmployerContactInput } from "../../core/domain/employers";
import type { ParticipantEvent } from "../../core/domain/schemas";
import type { ParticipantProfile } from "../../core/participants/profile";
import { invalidInput } from "../../core/errors";
import { newId } from "../../core/ids";
import { createOnce } from "../../adapters/dynamodb/idempotency";
import { employerContactPut, noteOnEmployer } from "../../adapters/dynamodb/employers";
import { recordEvent } from "../participants/record-event";
import type { JourneyRecord } from "../../adapters/stepfunctions/journey-execution";

/**
 * Records a contact with an employer. A contact about one job seeker is that participant's
 * `employer-contact` event (it closes their employer-contact obligations and wakes their journey)
 * and, under the same id, the employer's contact: recorded once, by the event writer. A general
 * job-development contact is the employer's only. Either way the employer's latest contact and
 * stage follow, and a replayed Idempotency-Key gets the first answer.
 */
export async function recordEmployerContact(
  deps: Deps,
  employer: Employer,
  input: EmployerContactInput,
  /** Who made it; about a participant, their profile and (when read with it) their journey record. */
  by: { specialistId: string; participant?: ParticipantProfile; journey?: { record: JourneyRecord | undefined } },
  idempotencyKey: string,
): Promise<{ statusCode: number; body: { contact: EmployerContact; phase?: string } }> {
  const now = deps.clock.now();
  if (new Date(input.at) > now) throw invalidInput("at: must not be in the future");
  const at = new Date(input.at).toISOString();

  if (by.participant) {
    const { statusCode, body } = await recordEvent(
      deps,
      by.participant,
      {
        type: "employer-contact",
        at,
        employer: employer.name,
        employerId: employer.id,
        mode: input.mode,
        decisionMaker: input.decisionMaker,
        ...(input.stage ? { visit: input.stage } : {}),
        ...(input.made ? { made: input.made } : {}),
      },
      idempotencyKey,
      by.journey,
    );
    const { event, phase } = body as { event: ParticipantEvent & { type: "employer-contact" }; phase: string };
    const contact = employerContactOf(event, by.participant);
    return { statusCode, body: { contact, phase } };
  }

  const answer = await createOnce<{ contact: EmployerContact }>(deps, { scope: `employer-contacts:${employer.id}`, key: idempotencyKey }, async () => {
    const contact: EmployerContact = {
      id: newId(),
      employerId: employer.id,
      at,
      mode: input.mode,
      decisionMaker: input.decisionMaker,
      ...(input.stage ? { stage: input.stage } : {}),
      ...(input.made ? { made: input.made } : {}),
      specialistId: by.specialistId,
      recordedAt: now.toISOString(),
    };
    return { items: [employerContactPut(deps, contact)], response: { statusCode: 201, body: { contact } } };
  });
  // On a replay too: the first attempt may have stored the contact and stopped before this.
  await noteOnEmployer(deps, employer.id, { contactAt: answer.body.contact.at, stage: answer.body.contact.stage });
  return answer;
}
