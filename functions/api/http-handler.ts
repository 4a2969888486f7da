import middy from "@middy/core";
import httpRouterHandler from "@middy/http-router";
import httpHeaderNormalizer from "@middy/http-header-normalizer";
import type { Context } from "aws-lambda";
import { logInvocation } from "../../adapters/logging/middleware";
import type { ApiEvent, ApiResult } from "./http";
import { HttpError, httpErrors } from "./errors";
import type { Route } from "./route";

/**
 * A function behind API Gateway's HTTP API (and behind the local HTTP server) serving `routes`,
 * by method and path; errors are answered by the error middleware (errors.ts).
 */
export function httpApiHandler(routes: Route[]) {
  const router = httpRouterHandler<ApiEvent, ApiResult>({
    routes: routes.map((r) => ({ method: r.method, path: r.path, handler: r.run })),
    notFoundResponse: ({ method, path }) => {
      throw new HttpError(404, `no route ${method} ${path}`);
    },
  });
  return middy<ApiEvent, ApiResult, Error, Context>(router)
    .use(logInvocation())
    // Header names in lower case, whatever the client sent (API Gateway passes them as received).
    .use(httpHeaderNormalizer())
    .use(httpErrors());
}
