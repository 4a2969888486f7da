import middy from "@middy/core";
import type * as z from "zod";
import { depsFromEnv, lazyDeps, type Deps } from "../../adapters/deps";
import { sfnClient } from "../../adapters/clients/sfn";
import { logInvocation } from "../../adapters/logging/middleware";
import { parseEvent } from "../middleware/parse-event";
import { parkInputSchema, superseded } from "../../core/wake/journey-payload";
import { leaveLoop, parkJourney, sendWake } from "../../adapters/stepfunctions/journey-execution";
import { journeyCheckIns } from "../../adapters/logging/metrics";

/**
 * Journey step "await": stores the callback token that an event uses to wake the journey. If an
 * event arrived after the plan, the token is handed back at once, so no event is ever slept through.
 * When plan decided to hand over or to end, the task is failed at once with the error the
 * definition routes there (`endWith`).
 */
export function createHandler(deps: () => Deps) {
  const checkIn = journeyCheckIns();
  return middy(async ({ state, taskToken, endWith }: z.output<typeof parkInputSchema>) => {
    const d = deps();
    if (state.action === "continue" || state.action === "end") {
      if (!endWith) throw new Error(`park: plan decided "${state.action}" but the definition routes no error to it`);
      await leaveLoop(d, taskToken, endWith[state.action]);
      return { outcome: state.action };
    }
    const outcome = await parkJourney(d, state.participantId, state.generation, taskToken, state.plannedVersion ?? 0, state.wakeAt);
    // Handed back at once: a stale plan plans again; a superseded execution ends (through plan
    // on definitions without `endWith`).
    if (outcome === "stale") await sendWake(d, taskToken, "changed-while-planning");
    if (outcome === "superseded") await (endWith ? leaveLoop(d, taskToken, endWith.end) : sendWake(d, taskToken, superseded));
    checkIn(d.deployment.name);
    return { outcome };
  })
    .use(logInvocation())
    .use(parseEvent(parkInputSchema));
}

// Besides DynamoDB, the one client its role may call (infra/functions.ts).
export const handler = createHandler(lazyDeps(() => depsFromEnv({ sfn: sfnClient })));
