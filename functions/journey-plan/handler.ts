import middy from "@middy/core";
import { lazyDeps, type Deps } from "../../shared/runtime/deps";
import { logInvocation } from "../../shared/logging/middleware";
import { parseOrThrow } from "../../shared/http/errors";
import { planInputSchema } from "../../shared/workflow/journey-payload";
import { planJourney } from "../../shared/workflow/plan";

/** Journey step "plan": compute the next due obligation and how long to await it. */
export function createHandler(deps: () => Deps) {
  return middy(async (event: unknown) => planJourney(deps(), parseOrThrow(planInputSchema, event))).use(logInvocation());
}

export const handler = createHandler(lazyDeps());
