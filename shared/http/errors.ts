import type { z } from "zod";

/** Errors the edge turns into HTTP answers. Anything else is a 500 and is logged without payload. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError(400, message, details);
export const unauthorized = (message = "missing or invalid bearer token") => new HttpError(401, message);
export const forbidden = (message = "not allowed for this role") => new HttpError(403, message);
export const notFound = (what: string) => new HttpError(404, `${what} not found`);
export const conflict = (message: string) => new HttpError(409, message);
/** A record that was there and is no more (an erased participant). */
export const gone = (message: string) => new HttpError(410, message);

/** A zod failure as a 400 whose message names each field, e.g. "teamId: expected string". */
export function validationError(error: z.ZodError, prefix?: string): HttpError {
  const issues = error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    return { field: path || "(body)", message: issue.message };
  });
  return badRequest(issues.map((i) => `${i.field}: ${i.message}`).join("; "), { issues });
}

/** Parses with a schema, throwing a 400 that names the field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, prefix);
  return result.data;
}
