import middy from "@middy/core";
import { lazyDeps, type Deps } from "../../adapters/deps";
import { logInvocation } from "../../adapters/logging/middleware";
import { planDigest } from "../../use-cases/digest/send-digests";

/** Digest step 1: is today a working day here, and which specialists to consider. */
export function createHandler(deps: () => Deps) {
  return middy(async () => planDigest(deps())).use(logInvocation());
}

export const handler = createHandler(lazyDeps());
