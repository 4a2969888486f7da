import { useRef, useState } from "preact/hooks";
import { safeParse, type $ZodError, type $ZodType } from "zod/v4/core";
import { ApiError } from "./api/client";

export type FieldErrors = Record<string, string>;

/** A zod failure as field → message (the first message of each field, its path joined by dots). */
export function fieldErrorsOf(error: $ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[issue.path.map(String).join(".") || "body"] ??= issue.message;
  return errors;
}

export interface Submission<T> {
  submitting: boolean;
  fieldErrors: FieldErrors;
  /** An error not tied to a field (network, 403, 409, 5xx). */
  error: unknown;
  /**
   * Checks the value with the schema the API uses, then sends it. A double tap while sending does
   * nothing; a retry of the same content (after a dropped connection) carries the same
   * Idempotency-Key, so it records once; changed content gets a new key.
   */
  submit(value: unknown, send: (body: unknown, idempotencyKey: string) => Promise<T>): Promise<T | undefined>;
  reset(): void;
}

export function useSubmission<T, S extends $ZodType>(schema: S): Submission<T> {
  const [submitting, setSubmitting] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(undefined);
  const inFlight = useRef(false);
  const attempt = useRef<{ key: string; content: string } | undefined>(undefined);
  return {
    submitting,
    fieldErrors,
    error,
    reset() {
      attempt.current = undefined;
      setFieldErrors({});
      setError(undefined);
    },
    async submit(value, send) {
      if (inFlight.current) return undefined;
      const parsed = safeParse(schema, value);
      if (!parsed.success) {
        setFieldErrors(fieldErrorsOf(parsed.error));
        setError(undefined);
        return undefined;
      }
      const content = JSON.stringify(parsed.data);
      if (attempt.current?.content !== content) attempt.current = { key: crypto.randomUUID(), content };
      inFlight.current = true;
      setSubmitting(true);
      setError(undefined);
      try {
        const result = await send(parsed.data, attempt.current.key);
        attempt.current = undefined;
        setFieldErrors({});
        return result;
      } catch (caught) {
        if (caught instanceof ApiError && Object.keys(caught.fields).length > 0) setFieldErrors(caught.fields);
        else setFieldErrors({});
        setError(caught instanceof ApiError && Object.keys(caught.fields).length > 0 ? undefined : caught);
        return undefined;
      } finally {
        inFlight.current = false;
        setSubmitting(false);
      }
    },
  };
}
