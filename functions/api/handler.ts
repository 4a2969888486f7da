import middy from "@middy/core";
import httpRouterHandler from "@middy/http-router";
import httpHeaderNormalizer from "@middy/http-header-normalizer";
import type { Context } from "aws-lambda";
import { depsFromEnv, lazyDeps, type Deps } from "../../adapters/deps";
import { sfnClient } from "../../adapters/clients/sfn";
import { logInvocation } from "../../adapters/logging/middleware";
import type { ApiEvent, ApiResult } from "./http";
import { HttpError, httpErrors } from "./errors";
import { routes } from "./routes";

/**
 * The HTTP API: one function behind API Gateway's HTTP API (and behind the local HTTP server),
 * routing by method and path; errors are answered by the error middleware (errors.ts).
 */
export function createHandler(deps: () => Deps) {
  const router = httpRouterHandler<ApiEvent, ApiResult>({
    routes: routes(deps).map((r) => ({ method: r.method, path: r.path, handler: r.run })),
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

// Besides DynamoDB, the one client its role may call (infra/functions.ts).
export const handler = createHandler(lazyDeps(() => depsFromEnv({ sfn: sfnClient })));
