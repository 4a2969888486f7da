import type middy from "@middy/core";
import type { Context } from "aws-lambda";
import { Conflict, DomainError, Forbidden, Gone, InvalidInput, NotFound } from "../../core/errors";
import { logger } from "../../adapters/logging/logger";
import { type ApiEvent, type ApiResult, json } from "./http";

/** Refusals that only exist at the HTTP edge: no or a bad token, no such route. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const unauthorized = (message = "missing or invalid bearer token") => new HttpError(401, message);

/** Each kind of domain error and the status it is answered with. */
const statusOf = new Map<new (...args: never[]) => DomainError, number>([
  [InvalidInput, 400],
  [Forbidden, 403],
  [NotFound, 404],
  [Conflict, 409],
  [Gone, 410],
]);

/**
 * The API's error middleware: a domain error or an edge refusal becomes a 4xx whose message names
 * the problem; anything else is a 500 that is logged by name only, never with the request's
 * personal data. Added after the logger's middleware, so middy runs it first and the log line
 * still has the invocation's keys.
 */
export function httpErrors(): middy.MiddlewareObj<ApiEvent, ApiResult, Error, Context> {
  return {
    onError: (request) => {
      const error = request.error;
      if (error instanceof DomainError) {
        const status = statusOf.get(error.constructor as new (...args: never[]) => DomainError) ?? 400;
        request.response = json(status, { message: error.message, ...(error.details ? { details: error.details } : {}) });
        return;
      }
      if (error instanceof HttpError) {
        request.response = json(error.statusCode, { message: error.message });
        return;
      }
      // Middy's own refusals (for example an unparseable body) carry a 4xx statusCode.
      const status = (error as { statusCode?: number } | null)?.statusCode;
      if (status && status >= 400 && status < 500) {
        request.response = json(status, { message: error!.message });
        return;
      }
      logger.error("request failed", { error: error?.name, route: request.event.routeKey, path: request.event.rawPath });
      request.response = json(500, { message: "internal error" });
    },
  };
}
