import middy from "@middy/core";
import { lazyDeps, type Deps } from "../../shared/runtime/deps";
import { logInvocation } from "../../shared/logging/middleware";
import { parseOrThrow } from "../../shared/http/errors";
import { recordInputSchema } from "../../shared/workflow/journey-payload";
import { recordDue } from "../../shared/workflow/record-due";

/** Journey step "record": what came due is recorded exactly once (and a missed deadline flagged). */
export function createHandler(deps: () => Deps) {
  return middy(async (event: unknown) => {
    const { state } = parseOrThrow(recordInputSchema, event);
    return recordDue(deps(), state.participantId);
  }).use(logInvocation());
}

export const handler = createHandler(lazyDeps());
