import middy from "@middy/core";
import * as z from "zod";
import { lazyDeps, type Deps } from "../../shared/runtime/deps";
import { logInvocation } from "../../shared/logging/middleware";
import { parseOrThrow } from "../../shared/http/errors";
import { isoInstant } from "../../shared/domain/schemas";
import { planSummaries } from "../../shared/summary/send";

/**
 * The execution input: the schedule passes its scheduled time (shared/config/schedules.ts), so a
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
