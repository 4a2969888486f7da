import middy from "@middy/core";
import { lazyDeps, type Deps } from "../../shared/runtime/deps";
import { parseOrThrow } from "../../shared/http/errors";
import { continueInputSchema } from "../../shared/workflow/journey-payload";
import { startJourney } from "../../shared/workflow/journey-execution";

/**
 * Journey step "continue": starts the next generation (deterministic name, so a retry finds the
 * same execution) before this one ends. The new execution picks up the newest definition.
 */
export function createHandler(deps: () => Deps) {
  return middy(async (event: unknown) => {
    const { state } = parseOrThrow(continueInputSchema, event);
    const executionArn = await startJourney(deps(), state.participantId, state.generation + 1);
    return { executionArn, generation: state.generation + 1 };
  });
}

export const handler = createHandler(lazyDeps());
