import * as z from "../../core/zod-mini";
import type * as core from "zod/v4/core";
import { invalidInput, parseOrThrow } from "../../core/errors";
import { type ApiEvent, type ApiResult, header, idempotencyKeySchema, jsonBody } from "./http";

/**
 * One route of the HTTP API, with what the OpenAPI document says about it (openapi.ts generates
 * the document from these). The body, query and Idempotency-Key schemas are the ones the handler
 * parses with, through `input`, so the document cannot say other than what the route accepts.
 * Parsing happens when the handler asks, so that a route checks access before it looks at a body.
 */
export interface RouteInput<Body, Query> {
  body(): Body;
  query(): Query;
  /** The Idempotency-Key header: required or optional as the route declares it. */
  idempotencyKey(): string | undefined;
}

export interface RouteSpec<B extends core.$ZodType, Q extends core.$ZodObject> {
  method: "GET" | "POST" | "DELETE";
  path: string;
  /** One line for the OpenAPI document; a route cannot be added without it. */
  summary: string;
  /** Served without a token, locally and in AWS. */
  public?: true;
  /**
   * Served by another function than the api (API Gateway and the local server send it there): the
   * reports, or the OpenAPI document, whose generator no other route needs.
   */
  function?: "reports" | "openapi";
  body?: B;
  query?: Q;
  idempotencyKey?: "optional" | "required";
  /** The answers beside the errors every route may give (400, 401, 403, 404), by status. */
  responses: Partial<Record<200 | 201 | 410, string>>;
  /** The media types of a successful answer, when not JSON only (a report as PDF or HTML, figures as CSV). */
  produces?: string[];
  handler: (event: ApiEvent, input: RouteInput<z.output<B>, z.output<Q>>) => Promise<ApiResult>;
}

export type Route = RouteSpec<core.$ZodType, core.$ZodObject> & { run: (event: ApiEvent) => Promise<ApiResult> };

/** A route whose handler gets its input parsed by the route's own schemas. */
export function route<B extends core.$ZodType = z.ZodMiniNever, Q extends core.$ZodObject = z.ZodMiniObject<Record<string, never>>>(spec: RouteSpec<B, Q>): Route {
  const run = (event: ApiEvent) =>
    spec.handler(event, {
      body: () => parseOrThrow(spec.body ?? z.never(), jsonBody(event)),
      query: () => parseOrThrow(spec.query ?? z.object({}), event.queryStringParameters ?? {}) as z.output<Q>,
      idempotencyKey: () => {
        const key = header(event, "idempotency-key");
        if (key === undefined) {
          if (spec.idempotencyKey === "required") throw invalidInput("Idempotency-Key: header is required");
          return undefined;
        }
        return parseOrThrow(idempotencyKeySchema, key, "Idempotency-Key");
      },
    });
  return { ...(spec as unknown as RouteSpec<core.$ZodType, core.$ZodObject>), run };
}

/** "GET /teams/{id}": the key API Gateway and the local server route by. */
export const routeKey = (r: Pick<Route, "method" | "path">) => `${r.method} ${r.path}`;
