import middy from "@middy/core";
import type * as z from "zod";
import { depsFromEnv, lazyDeps, type Deps } from "../../adapters/deps";
import { logInvocation } from "../../adapters/logging/middleware";
import { parseEvent } from "../middleware/parse-event";
import { planInputSchema } from "../../core/wake/journey-payload";
import { planJourney } from "../../use-cases/journey/plan";

/** Journey step "plan": compute the next due obligation and how long to await it. */
export function createHandler(deps: () => Deps) {
  return middy(async (state: z.output<typeof planInputSchema>) => planJourney(deps(), state))
    .use(logInvocation())
    .use(parseEvent(planInputSchema));
}

// DynamoDB only: its role may call no other service.
export const handler = createHandler(lazyDeps(() => depsFromEnv()));
