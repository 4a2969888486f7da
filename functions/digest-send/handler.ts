import middy from "@middy/core";
import * as z from "zod";
import { lazyDeps, type Deps } from "../../shared/runtime/deps";
import { logInvocation } from "../../shared/logging/middleware";
import { parseOrThrow } from "../../shared/http/errors";
import { localDateSchema } from "../../shared/calendar/local-dates";
import { sendDigest } from "../../shared/notify/digest";

const inputSchema = z.object({ specialistId: z.string().min(1), date: localDateSchema });

/** Digest step 2, per specialist: at most one email a morning, recorded before it is sent. */
export function createHandler(deps: () => Deps) {
  return middy(async (event: unknown) => {
    const { specialistId, date } = parseOrThrow(inputSchema, event);
    return sendDigest(deps(), specialistId, date);
  }).use(logInvocation());
}

export const handler = createHandler(lazyDeps());
