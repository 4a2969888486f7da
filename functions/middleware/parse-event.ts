import type middy from "@middy/core";
import type * as z from "zod/v4/core";
import { parseOrThrow } from "../../core/errors";

/**
 * Parses a workflow task's input with its schema before the handler runs, and hands the handler
 * the parsed value. An input that does not fit fails the task with `InvalidInput`, whose message
 * names the field (Powertools' parser reports only "Failed to parse schema"), and which the
 * workflows' retry policy never retries: the same input would fail the same way.
 */
export function parseEvent<S extends z.$ZodType>(schema: S): middy.MiddlewareObj<z.output<S>> {
  return {
    before: (request) => {
      request.event = parseOrThrow(schema, request.event);
    },
  };
}
