import { depsFromEnv, lazyDeps, type Deps } from "../../adapters/deps";
import { sfnClient } from "../../adapters/clients/sfn";
import { httpApiHandler } from "./http-handler";
import { routes } from "./routes";

/**
 * The HTTP API: every route of the route table but those another function serves (`function`:
 * the reports, the OpenAPI document), which API Gateway and the local server send there.
 */
export function createHandler(deps: () => Deps) {
  return httpApiHandler(routes(deps).filter((r) => r.function === undefined));
}

// Besides DynamoDB, the one client its role may call (infra/functions.ts).
export const handler = createHandler(lazyDeps(() => depsFromEnv({ sfn: sfnClient })));
