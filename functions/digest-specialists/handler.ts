import middy from "@middy/core";
import { lazyDeps, type Deps } from "../../shared/runtime/deps";
import { logInvocation } from "../../shared/logging/middleware";
import { planDigest } from "../../shared/notify/digest";

/** Digest step 1: is today a working day here, and which specialists to consider. */
export function createHandler(deps: () => Deps) {
  return middy(async () => planDigest(deps())).use(logInvocation());
}

export const handler = createHandler(lazyDeps());
