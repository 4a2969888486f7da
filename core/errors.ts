import * as z from "zod/v4/core";

/**
 * What went wrong, in the domain's terms. The core knows nothing of HTTP: the API's error
 * middleware (functions/api/errors.ts) answers each kind with its status, and a workflow task
 * fails with the error's name, which the workflows' retry policy never retries (workflows/retry.ts):
 * the same input would fail the same way.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

// Each name is written out, not taken from the class: the bundles are minified, and the name is
// what a failed workflow task reports (Lambda's errorType), which the retry policy matches.

/** The input breaks a rule; the message names the field. */
export class InvalidInput extends DomainError {
  override readonly name = "InvalidInput";
}
/** Outside the caller's role or scope. */
export class Forbidden extends DomainError {
  override readonly name = "Forbidden";
}
/** No record with that id. */
export class NotFound extends DomainError {
  override readonly name = "NotFound";
}
/** Another writer changed the record meanwhile; asking again may succeed. */
export class Conflict extends DomainError {
  override readonly name = "Conflict";
}
/** A record that was there and is no more (an erased participant). */
export class Gone extends DomainError {
  override readonly name = "Gone";
}

export const invalidInput = (message: string, details?: unknown) => new InvalidInput(message, details);
export const forbidden = (message = "not allowed for this role") => new Forbidden(message);
export const notFound = (what: string) => new NotFound(`${what} not found`);
export const conflict = (message: string) => new Conflict(message);
export const gone = (message: string) => new Gone(message);

/** A zod failure as invalid input whose message names each field, e.g. "teamId: expected string". */
export function validationError(error: z.$ZodError, prefix?: string): InvalidInput {
  const issues = error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    return { field: path || "(body)", message: issue.message };
  });
  return invalidInput(issues.map((i) => `${i.field}: ${i.message}`).join("; "), { issues });
}

/** Parses with a schema, throwing invalid input that names the field. */
export function parseOrThrow<S extends z.$ZodType>(schema: S, value: unknown, prefix?: string): z.output<S> {
  const result = z.safeParse(schema, value);
  if (!result.success) throw validationError(result.error, prefix);
  return result.data;
}
