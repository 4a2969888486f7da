import middy from "@middy/core";
import * as z from "zod";
import { lazyDeps, type Deps } from "../../adapters/deps";
import { logInvocation } from "../../adapters/logging/middleware";
import { parseOrThrow } from "../../core/errors";
import { isoInstant } from "../../core/domain/schemas";
import { planSummaries } from "../../use-cases/summary/send";

/**
 * The execution input: the schedule passes its scheduled time (core/config/schedules.ts), so a
 * start that Scheduler delayed or retried still covers the week it was meant for. A start by hand
 * may pass nothing: then the week is the one before now.
 */
const inputSchema = z.object({ scheduledTime: isoInstant.optional() });

/** Summary step 1: which ISO week is covered and which treatment teams are due a summary of it. */
export function createHandler(deps: () => Deps) {
  return middy(async (event: unknown) => {
    const { scheduledTime } = parseOrThrow(inputSchema, event ?? {});
    return planSummaries(deps(), scheduledTime ? new Date(scheduledTime) : undefined);
  }).use(logInvocation());
}

export const handler = createHandler(lazyDeps());
