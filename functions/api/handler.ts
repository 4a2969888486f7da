import middy from "@middy/core";
import httpRouterHandler from "@middy/http-router";
import type { Context } from "aws-lambda";
import { HttpError } from "../../shared/http/errors";
import { lazyDeps, type Deps } from "../../shared/runtime/deps";
import { logInvocation } from "../../shared/logging/middleware";
import { logger } from "../../shared/logging/logger";
import { type ApiEvent, type ApiResult, json } from "./http";
import { routes } from "./routes";

/**
 * The HTTP API: one function behind API Gateway's HTTP API (and behind the local HTTP server),
 * routing by method and path. Known errors become 4xx answers that name the field; anything else
 * is a 500 that is logged by name only, never with the request's personal data.
 */
export function createHandler(deps: () => Deps) {
  const router = httpRouterHandler<ApiEvent, ApiResult>({
    routes: routes(deps),
    notFoundResponse: ({ method, path }) => {
      throw new HttpError(404, `no route ${method} ${path}`);
    },
  });
  return middy<ApiEvent, ApiResult, Error, Context>(router)
    .use(logInvocation())
    // Added after the logger's middleware, so middy runs it first: the line below still has the invocation's keys.
    .onError((request) => {
      const error = request.error;
      if (error instanceof HttpError) {
        request.response = json(error.statusCode, { message: error.message, ...(error.details ? { details: error.details } : {}) });
        return;
      }
      const status = (error as { statusCode?: number } | null)?.statusCode;
      if (status && status >= 400 && status < 500) {
        request.response = json(status, { message: error!.message });
        return;
      }
      logger.error("request failed", { error: error?.name, route: request.event.routeKey, path: request.event.rawPath });
      request.response = json(500, { message: "internal error" });
    });
}

export const handler = createHandler(lazyDeps());
