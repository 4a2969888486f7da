import middy from "@middy/core";
import * as z from "../../core/zod-mini";
import { depsFromEnv, lazyDeps, type Deps } from "../../adapters/deps";
import { logInvocation } from "../../adapters/logging/middleware";
import { parseEvent } from "../middleware/parse-event";
import { isoInstantSchema } from "../../core/calendar/instants";
import { planSummaries } from "../../use-cases/summary/plan";

/**
 * The execution input: the schedule passes its scheduled time (core/config/schedules.ts), so a
 * start that Scheduler delayed or retried still covers the week it was meant for. A start by hand
 * may pass nothing: then the week is the one before now.
 */
const inputSchema = z.pipe(
  z.transform((input: unknown) => input ?? {}),
  z.object({ scheduledTime: z.optional(isoInstantSchema) }),
);

/** Summary step 1: which ISO week is covered and which treatment teams are due a summary of it. */
export function createHandler(deps: () => Deps) {
  return middy(async ({ scheduledTime }: z.output<typeof inputSchema>) => {
    return planSummaries(deps(), scheduledTime ? new Date(scheduledTime) : undefined);
  })
    .use(logInvocation())
    .use(parseEvent(inputSchema));
}

// DynamoDB only: its role may call no other service.
export const handler = createHandler(lazyDeps(() => depsFromEnv()));
