import middy from "@middy/core";
import * as z from "../../core/zod-mini";
import { depsFromEnv, lazyDeps, type Deps } from "../../adapters/deps";
import { sesClient } from "../../adapters/clients/ses";
import { logInvocation } from "../../adapters/logging/middleware";
import { parseEvent } from "../middleware/parse-event";
import { localDateSchema } from "../../core/calendar/local-dates";
import { locales } from "../../core/domain/codes";
import { sendDigest } from "../../use-cases/digest/send-digests";

/** `locale` from the workflow's first step; executions started under the earlier definition pass none. */
const inputSchema = z.object({ specialistId: z.string().check(z.minLength(1)), date: localDateSchema, locale: z.optional(z.enum(locales)) });

/** Digest step 2, per specialist: at most one email a morning, recorded before it is sent. */
export function createHandler(deps: () => Deps) {
  return middy(async ({ specialistId, date, locale }: z.output<typeof inputSchema>) => {
    return sendDigest(deps(), specialistId, date, locale);
  })
    .use(logInvocation())
    .use(parseEvent(inputSchema));
}

// Besides DynamoDB, the one client its role may call (infra/functions.ts).
export const handler = createHandler(lazyDeps(() => depsFromEnv({ ses: sesClient })));
