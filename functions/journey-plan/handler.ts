import middy from "@middy/core";
import { lazyDeps, type Deps } from "../../adapters/deps";
import { logInvocation } from "../../adapters/logging/middleware";
import { parseOrThrow } from "../../core/errors";
import { planInputSchema } from "../../core/wake/journey-payload";
import { planJourney } from "../../use-cases/journey/plan";

/** Journey step "plan": compute the next due obligation and how long to await it. */
export function createHandler(deps: () => Deps) {
  return middy(async (event: unknown) => planJourney(deps(), parseOrThrow(planInputSchema, event))).use(logInvocation());
}

export const handler = createHandler(lazyDeps());
