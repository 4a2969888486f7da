import { Logger, LogFormatter, LogItem } from "@aws-lambda-powertools/logger";
import type { LogAttributes, UnformattedAttributes } from "@aws-lambda-powertools/logger/types";

/**
 * Fields that may carry personal or health data. They are dropped from every log line, however
 * deeply nested, so that a careless `logger.info(..., { participant })` cannot leak them.
 */
const personalFields = new Set([
  "code",
  "name",
  "email",
  "emails",
  "reason",
  "employer",
  "preferences",
  "jobs",
  "body",
  "html",
  "text",
  "subject",
  "to",
]);

export function dropPersonalFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropPersonalFields);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !personalFields.has(key))
        .map(([key, inner]) => [key, dropPersonalFields(inner)]),
    );
  }
  return value;
}

/**
 * Powertools' standard keys, the invocation's among them (set by `logInvocation` in every handler:
 * request id, cold start, function), then the caller's attributes without personal fields.
 */
class PrivacyFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const lambda = attributes.lambdaContext;
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: attributes.message,
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        cold_start: lambda?.coldStart,
        function_name: lambda?.functionName,
        function_arn: lambda?.invokedFunctionArn,
        function_memory_size: lambda?.memoryLimitInMB,
        function_request_id: lambda?.awsRequestId,
        xray_trace_id: attributes.xRayTraceId,
        ...(dropPersonalFields(additional) as LogAttributes),
      },
    });
  }
}

export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "ipsflow",
  logLevel: (process.env.LOG_LEVEL as "INFO" | undefined) ?? "INFO",
  logFormatter: new PrivacyFormatter(),
});
