import * as z from "../../core/zod-mini";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { createParticipantSchema, createSpecialistSchema, createTeamSchema, eventBodySchema } from "../../core/domain/schemas";
import { described, idempotencyKeySchema, pathIdSchema } from "./http";
import type { Route } from "./route";

/**
 * The OpenAPI document, generated (zod-openapi) from the route table: each route's summary, its
 * path, query, header and body schemas (the ones it parses with) and its answers. A route cannot
 * be added without a summary, and a test checks that the document has every route and nothing else.
 */
const errorSchema = described(z.object({ message: z.string(), details: z.optional(z.unknown()) }), "What was wrong; a 400 names the field");

const errorAnswers = {
  "400": { description: "Invalid input; the message names the field", content: { "application/json": { schema: errorSchema } } },
  "401": { description: "Missing or invalid bearer token", content: { "application/json": { schema: errorSchema } } },
  "403": { description: "Outside the caller's role or scope", content: { "application/json": { schema: errorSchema } } },
  "404": { description: "Unknown id", content: { "application/json": { schema: errorSchema } } },
};

function operationOf(route: Route): ZodOpenApiOperationObject {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  const key = described(idempotencyKeySchema, "A replay with the same key returns the first result and writes nothing new.");
  const header =
    route.idempotencyKey === undefined ? undefined : z.object({ "Idempotency-Key": route.idempotencyKey === "required" ? key : z.optional(key) });
  const answers = Object.fromEntries(
    Object.entries(route.responses).map(([status, description]) => [
      status,
      {
        description,
        content:
          status !== "410" && route.produces
            ? Object.fromEntries(route.produces.map((type) => [type, { schema: type === "application/json" ? z.looseObject({}) : z.string() }]))
            : { "application/json": { schema: status === "410" ? errorSchema : z.looseObject({}) } },
      },
    ]),
  );
  return {
    summary: route.summary,
    ...(route.public ? { security: [] } : {}),
    requestParams: {
      ...(pathParams.length > 0 ? { path: z.object(Object.fromEntries(pathParams.map((name) => [name, pathIdSchema]))) } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(header ? { header } : {}),
    },
    ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: route.body } } } } : {}),
    responses: { ...answers, ...(route.public ? {} : errorAnswers) },
  };
}

const cache = new WeakMap<readonly Route[], object>();

export function openApiDocument(routes: readonly Route[]): object {
  let document = cache.get(routes);
  if (document) return document;
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const methods = (paths[route.path] ??= {}) as Record<string, ZodOpenApiOperationObject>;
    methods[route.method.toLowerCase()] = operationOf(route);
  }
  document = createDocument({
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
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        CreateTeam: createTeamSchema,
        CreateSpecialist: createSpecialistSchema,
        CreateParticipant: createParticipantSchema,
        Event: eventBodySchema,
        Error: errorSchema,
      },
    },
  });
  cache.set(routes, document);
  return document;
}
