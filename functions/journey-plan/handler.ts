import middy from "@middy/core";
import type * as z from "zod/v4/core";
import { depsFromEnv, lazyDeps, type Deps } from "../../adapters/deps";
import { sfnClient } from "../../adapters/clients/sfn";
import { logInvocation } from "../../adapters/logging/middleware";
import { journeyCheckIns } from "../../adapters/logging/metrics";
import { parseEvent } from "../middleware/parse-event";
import { planInputSchema } from "../../core/wake/journey-payload";
import { planJourney } from "../../use-cases/journey/plan";
import { handBack, leaveLoop } from "../../adapters/stepfunctions/journey-execution";

/**
 * Journey step "plan": compute the next due obligation and how long to await it.
 *
 * The definition runs it as a callback task: the result goes back with the task's token, and a
 * decision to hand over or to end fails the task with the error the definition routes there
 * (`endWith`), so no Choice state follows every plan and no function fails for it. Executions
 * started under the earlier definition call it without a token and take its return value.
 */
export function createHandler(deps: () => Deps) {
  const checkIn = journeyCheckIns();
  return middy(async (input: z.output<typeof planInputSchema>) => {
    const d = deps();
    const result = await planJourney(d, input);
    if (result.action === "await") checkIn(d.deployment.name);
    if (!input.taskToken) return result;
    if (result.action === "continue" || result.action === "end") {
      if (!input.endWith) throw new Error(`plan: decided "${result.action}" but the definition routes no error to it`);
      await leaveLoop(d, input.taskToken, input.endWith[result.action]);
    } else {
      await handBack(d, input.taskToken, result);
    }
    return { action: result.action };
  })
    .use(logInvocation())
    .use(parseEvent(planInputSchema));
}

// Besides DynamoDB, Step Functions: it hands its result back with the task's token.
export const handler = createHandler(lazyDeps(() => depsFromEnv({ sfn: sfnClient })));
