import middy from "@middy/core";
import { depsFromEnv, lazyDeps, type Deps } from "../../adapters/deps";
import { logInvocation } from "../../adapters/logging/middleware";
import { planDigest } from "../../use-cases/digest/plan-digest";

/** Digest step 1: is today a working day here, and which specialists to consider. */
export function createHandler(deps: () => Deps) {
  return middy(async () => planDigest(deps())).use(logInvocation());
}

// DynamoDB only: its role may call no other service.
export const handler = createHandler(lazyDeps(() => depsFromEnv()));
