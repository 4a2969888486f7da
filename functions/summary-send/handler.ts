import middy from "@middy/core";
import * as z from "../../core/zod-mini";
import { depsFromEnv, lazyDeps, type Deps } from "../../adapters/deps";
import { sesClient } from "../../adapters/clients/ses";
import { logInvocation } from "../../adapters/logging/middleware";
import { parseEvent } from "../middleware/parse-event";
import { isoWeekSchema } from "../../core/calendar/weeks";
import { sendTeamSummary } from "../../use-cases/summary/send";

const inputSchema = z.object({ teamId: z.string().check(z.minLength(1), z.maxLength(64)), week: isoWeekSchema });

/** Summary step 2, per team: at most one summary per ISO week, recorded before it is sent. */
export function createHandler(deps: () => Deps) {
  return middy(async ({ teamId, week }: z.output<typeof inputSchema>) => {
    const { outcome } = await sendTeamSummary(deps(), teamId, week);
    // Only ids and the outcome go back: the Map collects every team's result in the execution's state.
    return { teamId, week, outcome };
  })
    .use(logInvocation())
    .use(parseEvent(inputSchema));
}

// Besides DynamoDB, the one client its role may call (infra/functions.ts).
export const handler = createHandler(lazyDeps(() => depsFromEnv({ ses: sesClient })));
