import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { logger } from "./logger";

/**
 * The middy middleware every handler starts with: Powertools' own, so that each line the logger
 * writes during an invocation carries that invocation's request id, cold start and function, and
 * the keys appended during one invocation are gone before the next (`resetKeys`, also after an
 * error). The event itself is never logged, whatever POWERTOOLS_LOGGER_LOG_EVENT says: events
 * carry personal data in strings (SNS messages, request bodies) that no field filter can see into.
 */
export const logInvocation = () => injectLambdaContext(logger, { resetKeys: true, logEvent: false });
