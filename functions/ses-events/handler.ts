import middy from "@middy/core";
import type { SNSEvent } from "aws-lambda";
import { depsFromEnv, lazyDeps, type Deps } from "../../adapters/deps";
import { logInvocation } from "../../adapters/logging/middleware";
import { parseOrThrow } from "../../core/errors";
import { recordEmailEvent, sesNotificationSchema } from "../../adapters/dynamodb/email-events";
import { logger } from "../../adapters/logging/logger";

/** Records SES bounces and complaints (delivered through SNS) for admins to see. */
export function createHandler(deps: () => Deps) {
  return middy(async (event: SNSEvent) => {
    let recorded = 0;
    for (const record of event.Records ?? []) {
      const notification = parseOrThrow(sesNotificationSchema, JSON.parse(record.Sns.Message));
      if (await recordEmailEvent(deps(), notification)) recorded++;
    }
    logger.info("email events recorded", { recorded });
    return { recorded };
  }).use(logInvocation());
}

// DynamoDB only: its role may call no other service.
export const handler = createHandler(lazyDeps(() => depsFromEnv()));
