import * as z from "zod";
import {
  createParticipantSchema,
  createSpecialistSchema,
  createTeamSchema,
  eventBodySchema,
} from "../../core/domain/schemas";

/**
 * The OpenAPI document, generated from the same zod schemas that validate the requests, so the
 * document cannot drift from what the API accepts.
 */
const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });

const error = { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
const errors = {
  "400": { ...error, description: "Invalid input; the message names the field" },
  "401": { ...error, description: "Missing or invalid bearer token" },
  "403": { ...error, description: "Outside the caller's role or scope" },
  "404": { ...error, description: "Unknown id" },
};
const body = (ref: string) => ({ required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } } });
const ok = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const weekParam = { name: "week", in: "query", required: false, schema: { type: "string", pattern: "^\\d{4}-W\\d{2}$", example: "2026-W48" } };
const idempotencyKey = (required: boolean) => ({
  name: "Idempotency-Key",
  in: "header",
  required,
  description: "A replay with the same key returns the first result and writes nothing new.",
  schema: { type: "string", maxLength: 200 },
});

let cached: object | undefined;

export function openApiDocument(): object {
  cached ??= {
    openapi: "3.1.0",
    info: {
      title: "ipsflow API",
      version: "1",
      description:
        "IPS (Individual Placement and Support) journeys: teams, specialists, participants and their events. " +
        "Participants are named by a short code only. Locally, authenticate with `Authorization: Bearer dev:<role>:<id>` " +
        "(roles admin, specialist, team); in AWS with a Cognito JWT.",
    },
    security: [{ bearer: [] }],
    paths: {
      "/teams": {
        post: { summary: "Create a treatment team (admin)", parameters: [idempotencyKey(false)], requestBody: body("CreateTeam"), responses: { "201": ok("The team"), ...errors } },
        get: { summary: "List the teams the caller may see", responses: { "200": ok("{teams, count}"), ...errors } },
      },
      "/teams/{id}": { get: { summary: "One team", parameters: [idParam], responses: { "200": ok("The team"), ...errors } } },
      "/teams/{id}/summary": {
        get: {
          summary: "The team's weekly summary figures (team or admin); default week: the last full ISO week",
          parameters: [idParam, weekParam],
          responses: { "200": ok("WeeklySummaryFigures"), ...errors },
        },
      },
      "/teams/{id}/summary/preview": {
        get: {
          summary: "The summary email for a week, rendered but not sent; ?format=html returns the HTML part",
          parameters: [idParam, weekParam, { name: "format", in: "query", required: false, schema: { type: "string", enum: ["json", "html"] } }],
          responses: { "200": ok("{week, subject, html, text}"), ...errors },
        },
      },
      "/teams/{id}/participants": {
        get: { summary: "The team's participants with phase and next due date (team or admin)", parameters: [idParam], responses: { "200": ok("{participants, count}"), ...errors } },
      },
      "/admin/email-events": {
        get: {
          summary: "SES bounces and complaints (admin); default: the last 30 days",
          parameters: [{ name: "since", in: "query", required: false, schema: { type: "string", format: "date-time" } }],
          responses: { "200": ok("{events, count}"), ...errors },
        },
      },
      "/specialists": {
        post: { summary: "Create a job specialist (admin)", parameters: [idempotencyKey(false)], requestBody: body("CreateSpecialist"), responses: { "201": ok("The specialist"), ...errors } },
        get: { summary: "List the job specialists (admin)", responses: { "200": ok("{specialists, count}"), ...errors } },
      },
      "/specialists/{id}/day": {
        get: {
          summary: "What the specialist has to act on today: overdue, due and coming up, a missed 30-day deadline first",
          parameters: [idParam],
          responses: { "200": ok("{date, items, count}"), ...errors },
        },
      },
      "/specialists/{id}/caseload": {
        get: { summary: "A specialist's caseload, by next due date", parameters: [idParam], responses: { "200": ok("{specialist, participants, count, limit}"), ...errors } },
      },
      "/participants": {
        post: {
          summary: "Register a referral and start the participant's journey",
          parameters: [idempotencyKey(false)],
          requestBody: body("CreateParticipant"),
          responses: { "201": ok("The participant, phase referral"), "410": { ...error, description: "A replayed Idempotency-Key whose participant was erased since" }, ...errors },
        },
      },
      "/participants/{id}": {
        get: { summary: "A participant with obligations, jobs and events (410 once erased)", parameters: [idParam], responses: { "200": ok("The participant"), ...errors } },
        delete: {
          summary:
            "Erase a participant (admin; GDPR art. 17): stops the journey, removes the code, preferences and every event's details, keeps only the anonymous remains the team's past figures count; audited, idempotent",
          parameters: [idParam],
          responses: { "200": ok("{id, erasedAt}"), ...errors },
        },
      },
      "/participants/{id}/export": {
        get: { summary: "Everything stored about a participant, as JSON (admin; the data subject's right of access); audited", parameters: [idParam], responses: { "200": ok("{exportedAt, participant, events, journey, dueRecords, missedDeadlines}"), ...errors } },
      },
      "/admin/audit": {
        get: {
          summary: "The audit log: reads of participants, exports, changes of teams and specialists (admin); default: the last 7 days, at most a year back",
          parameters: [{ name: "since", in: "query", required: false, schema: { type: "string", format: "date-time" } }],
          responses: { "200": ok("{entries: [{at, actor, subject?, action, target, from}], count}"), ...errors },
        },
      },
      "/participants/{id}/journey": {
        get: { summary: "The journey's current generation and execution status", parameters: [idParam], responses: { "200": ok("The journey"), ...errors } },
      },
      "/participants/{id}/events": {
        post: {
          summary: "Record an event (may be back-dated, never future-dated or before the referral)",
          parameters: [idParam, idempotencyKey(true)],
          requestBody: body("Event"),
          responses: { "201": ok("{event, phase}"), ...errors },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        CreateTeam: schema(createTeamSchema),
        CreateSpecialist: schema(createSpecialistSchema),
        CreateParticipant: schema(createParticipantSchema),
        Event: schema(eventBodySchema),
        Error: { type: "object", required: ["message"], properties: { message: { type: "string" }, details: {} } },
      },
    },
  };
  return cached;
}
