import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from "aws-lambda";
import * as z from "../../core/zod-mini";
import { invalidInput, parseOrThrow } from "../../core/errors";
import { unauthorized } from "./errors";
import { principalFromClaims, type Claims, type Principal } from "../../core/access/principal";

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyResultV2 & { statusCode: number; body: string };

export function json(statusCode: number, body: unknown): ApiResult {
  return { statusCode, headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(body) };
}

/** The request body as JSON; a missing or malformed body is a 400 naming the body. */
export function jsonBody(event: ApiEvent): unknown {
  if (!event.body) throw invalidInput("body: a JSON body is required");
  const text = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw invalidInput("body: must be valid JSON");
  }
}

/** A request header; names are lower case (the API's header normalizer runs first). */
export function header(event: ApiEvent, name: string): string | undefined {
  return event.headers?.[name.toLowerCase()];
}

export function principalOf(event: ApiEvent): Principal {
  const claims = event.requestContext.authorizer?.jwt?.claims as Claims | undefined;
  const principal = principalFromClaims(claims);
  if (!principal) throw unauthorized();
  return principal;
}

/** The Idempotency-Key header: a replay with the same key gets the first answer and writes nothing new. */
export const idempotencyKeySchema = z
  .string()
  .check(z.trim(), z.minLength(1), z.maxLength(200), z.regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces"));

/** Ids are ULIDs or admin-chosen names: a bounded, URL-safe alphabet. Anything else is a 400 naming the parameter, never a lookup. */
export const pathIdSchema = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9._-]+$/, "must be an id (letters, digits, '.', '_', '-')"));

/** A schema with its description in the OpenAPI document (a copy: the schema itself is unchanged). */
export const described = <T extends z.ZodMiniType>(schema: T, description: string): T => schema.check(z.meta({ description })) as T;

/** Who called, for the audit log: the role with its scope, the sign-in subject, and the caller's address. */
export function callerOf(event: ApiEvent): { actor: string; subject?: string; from: string } {
  const principal = principalOf(event);
  const actor = principal.role === "admin" ? "admin" : principal.role === "specialist" ? `specialist:${principal.specialistId}` : `team:${principal.teamId}`;
  const sub = event.requestContext.authorizer?.jwt?.claims?.sub;
  return { actor, ...(typeof sub === "string" && sub ? { subject: sub } : {}), from: event.requestContext.http?.sourceIp ?? "" };
}

export const pathParam = (event: ApiEvent, name: string): string => parseOrThrow(pathIdSchema, event.pathParameters?.[name] ?? "", name);
