import middy from "@middy/core";
import type * as z from "zod";
import { depsFromEnv, lazyDeps, type Deps } from "../../adapters/deps";
import { logInvocation } from "../../adapters/logging/middleware";
import { parseEvent } from "../middleware/parse-event";
import { recordInputSchema } from "../../core/wake/journey-payload";
import { recordDue } from "../../use-cases/journey/record-due";

/** Journey step "record": what came due is recorded exactly once (and a missed deadline flagged). */
export function createHandler(deps: () => Deps) {
  return middy(async ({ state }: z.output<typeof recordInputSchema>) => {
    return recordDue(deps(), state.participantId);
  })
    .use(logInvocation())
    .use(parseEvent(recordInputSchema));
}

// DynamoDB only: its role may call no other service.
export const handler = createHandler(lazyDeps(() => depsFromEnv()));
