import middy from "@middy/core";
import type * as z from "zod";
import { depsFromEnv, lazyDeps, type Deps } from "../../adapters/deps";
import { sfnClient } from "../../adapters/clients/sfn";
import { logInvocation } from "../../adapters/logging/middleware";
import { parseEvent } from "../middleware/parse-event";
import { continueInputSchema } from "../../core/wake/journey-payload";
import { executionName, startJourney } from "../../adapters/stepfunctions/journey-execution";

/**
 * Journey step "continue": starts the next generation (deterministic name, so a retry finds the
 * same execution) before this one ends. The new execution picks up the newest definition.
 */
export function createHandler(deps: () => Deps) {
  return middy(async ({ state }: z.output<typeof continueInputSchema>) => {
    const generation = state.generation + 1;
    try {
      const executionArn = await startJourney(deps(), state.participantId, generation);
      return { executionArn, generation };
    } catch (error) {
      // An event writer may have started that generation already (it found this one ending after an
      // exit) and it may have run to its end: the journey was handed over, so this one ends quietly
      // instead of failing after its retries.
      if ((error as Error).name !== "ExecutionAlreadyExists") throw error;
      return { execution: executionName(state.participantId, generation), generation, alreadyStarted: true };
    }
  })
    .use(logInvocation())
    .use(parseEvent(continueInputSchema));
}

// Besides DynamoDB, the one client its role may call (infra/functions.ts).
export const handler = createHandler(lazyDeps(() => depsFromEnv({ sfn: sfnClient })));
