import { parseArgs } from "node:util";
import * as z from "zod";

/**
 * The command-line options every benchmark of a generated caseload takes (bench/lib/population.ts):
 * `--participants`, `--seed`, `--concurrency`, `--start`, `--referral-days`, and the length of the
 * span in the unit the benchmark names (`--years` for the journeys, `--days` for the faults).
 */
export function populationArgs<S extends z.ZodType>(span: { name: string; fallback: string; schema: S }, participants: string) {
  const { values } = parseArgs({
    options: {
      participants: { type: "string", default: participants },
      [span.name]: { type: "string", default: span.fallback },
      seed: { type: "string", default: "42" },
      concurrency: { type: "string", default: "16" },
      start: { type: "string", default: "2027-01-04T06:00:00.000Z" },
      "referral-days": { type: "string", default: "90" },
    },
  });
  const args = z
    .object({
      participants: z.coerce.number().int().min(1).max(100_000),
      seed: z.coerce.number().int(),
      concurrency: z.coerce.number().int().min(1).max(256),
      start: z.iso.datetime({ offset: true }),
      "referral-days": z.coerce.number().min(0).max(3650),
    })
    .parse(values);
  return { ...args, span: span.schema.parse(values[span.name]) as z.infer<S> };
}
