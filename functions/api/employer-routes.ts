import * as z from "../../core/zod-mini";
import type { Deps } from "../../adapters/deps";
import { createEmployerSchema, employerContactSchema, type Employer, type EmployerContact } from "../../core/domain/employers";
import { canWriteParticipant, require } from "../../core/access/policy";
import { forbidden, gone, invalidInput, notFound } from "../../core/errors";
import { createEmployer, getEmployer, listEmployerContacts, listEmployers } from "../../adapters/dynamodb/employers";
import { getSpecialist } from "../../adapters/dynamodb/specialists";
import { getParticipantAndJourney } from "../../adapters/stepfunctions/journey-execution";
import { recordEmployerContact } from "../../use-cases/employers/record-contact";
import { relationshipOf } from "../../core/employers/relationship";
import { json, pathIdSchema, pathParam, principalOf } from "./http";
import { route, type Route } from "./route";

/**
 * A contact as the employer's pages show it: whether it was about a job seeker, never which one
 * (no participant appears next to an employer in a list that the whole team reads).
 */
const shownContact = ({ participantId, ...contact }: EmployerContact) => ({ ...contact, forParticipant: participantId !== undefined });

/** An employer with where the relationship stands (core/employers/relationship.ts). */
const shownEmployer = (employer: Employer) => ({ ...employer, relationship: relationshipOf(employer) });

/** The employer register and its contacts (the three cups of tea). */
export function employerRoutes(deps: () => Deps): Route[] {
  const employerOf = async (id: string): Promise<Employer> => {
    const employer = await getEmployer(deps(), id);
    if (!employer) throw notFound("employer");
    return employer;
  };
  return [
    route({
      method: "POST",
      path: "/employers",
      summary: "Register an employer (admin, or a specialist for themself): name, organisation number (mod-11 checked), sector, municipality, the responsible specialist",
      body: createEmployerSchema,
      idempotencyKey: "optional",
      responses: { 201: "The employer" },
      handler: async (event, input) => {
        const principal = principalOf(event);
        require(principal.role === "admin" || principal.role === "specialist");
        const body = input.body();
        if (principal.role === "specialist" && principal.specialistId !== body.specialistId) throw forbidden("a specialist registers employers for themself");
        if (!(await getSpecialist(deps(), body.specialistId))) throw invalidInput(`specialistId: no specialist with id ${body.specialistId}`);
        return json(201, shownEmployer(await createEmployer(deps(), body, input.idempotencyKey())));
      },
    }),
    route({
      method: "GET",
      path: "/employers",
      summary: "The employer register, by name; ?specialistId= those one specialist is responsible for",
      query: z.object({ specialistId: z.optional(pathIdSchema) }),
      responses: { 200: "{employers, count}" },
      handler: async (event, input) => {
        principalOf(event);
        const employers = (await listEmployers(deps(), input.query().specialistId)).map(shownEmployer);
        return json(200, { employers, count: employers.length });
      },
    }),
    route({
      method: "GET",
      path: "/employers/{id}",
      summary: "One employer with its contacts, oldest first (whether a contact was about a job seeker, never which one)",
      responses: { 200: "{...employer, contacts}" },
      handler: async (event) => {
        principalOf(event);
        const employer = await employerOf(pathParam(event, "id"));
        const contacts = await listEmployerContacts(deps(), employer.id);
        return json(200, { ...shownEmployer(employer), contacts: contacts.map(shownContact) });
      },
    }),
    route({
      method: "POST",
      path: "/employers/{id}/contacts",
      summary:
        "Record a contact with the employer: {at, mode, decisionMaker, stage?, participantId?, made?}; with participantId it is also that participant's employer-contact event (recorded once)",
      body: employerContactSchema,
      idempotencyKey: "required",
      responses: { 201: "{contact, phase?}", 410: "The participant was erased" },
      handler: async (event, input) => {
        const principal = principalOf(event);
        require(principal.role === "admin" || principal.role === "specialist");
        const employer = await employerOf(pathParam(event, "id"));
        const body = input.body();
        const key = input.idempotencyKey()!;
        if (body.participantId !== undefined) {
          // The profile and the journey record in one read, as the events route reads them.
          const { profile: participant, journey } = await getParticipantAndJourney(deps(), body.participantId);
          if (!participant) throw invalidInput(`participantId: no participant with id ${body.participantId}`);
          require(canWriteParticipant(principal, participant));
          if (participant.erasedAt) throw gone("participant: erased");
          const by = { specialistId: participant.specialistId, participant, journey: { record: journey } };
          const { statusCode, body: answer } = await recordEmployerContact(deps(), employer, body, by, key);
          return json(statusCode, answer);
        }
        const specialistId = principal.role === "specialist" ? principal.specialistId : employer.specialistId;
        const { statusCode, body: answer } = await recordEmployerContact(deps(), employer, body, { specialistId }, key);
        return json(statusCode, answer);
      },
    }),
  ];
}
