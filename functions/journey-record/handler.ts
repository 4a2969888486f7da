import middy from "@middy/core";
import { lazyDeps, type Deps } from "../../adapters/deps";
import { logInvocation } from "../../adapters/logging/middleware";
import { parseOrThrow } from "../../core/errors";
import { recordInputSchema } from "../../core/wake/journey-payload";
import { recordDue } from "../../use-cases/journey/record-due";

/** Journey step "record": what came due is recorded exactly once (and a missed deadline flagged). */
export function createHandler(deps: () => Deps) {
  return middy(async (event: unknown) => {
    const { state } = parseOrThrow(recordInputSchema, event);
    return recordDue(deps(), state.participantId);
  }).use(logInvocation());
}

export const handler = createHandler(lazyDeps());
