import * as z from "zod";

/**
 * What the fault injector does, as rates between 0 and 1: how often a workflow's Lambda task
 * throws, how often SES answers a send with throttling, how often a wake (SendTaskSuccess) is lost
 * on its way to Step Functions. Written `lambda=0.1,ses=0.05,wake=0.02,seed=7` on the command line
 * (`npm start -- --faults ...`); every part is optional and defaults to 0 (seed 1).
 */
export const faultPlanSchema = z
  .object({
    lambda: z.coerce.number().min(0).max(1).default(0),
    ses: z.coerce.number().min(0).max(1).default(0),
    wake: z.coerce.number().min(0).max(1).default(0),
    seed: z.coerce.number().int().default(1),
  })
  .strict();

export type FaultPlan = z.infer<typeof faultPlanSchema>;

/** Parses `lambda=0.1,ses=0.05`; the message names the part that is wrong. */
export function parseFaultPlan(text: string): FaultPlan {
  const entries = text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [name, value, ...rest] = part.split("=");
      if (value === undefined || rest.length > 0) throw new Error(`--faults: "${part}" must read name=value`);
      return [name, value] as const;
    });
  const parsed = faultPlanSchema.safeParse(Object.fromEntries(entries));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join(".") || (issue.code === "unrecognized_keys" ? issue.keys.join(", ") : "");
    throw new Error(`--faults: ${field}: ${issue.code === "unrecognized_keys" ? "unknown; use lambda, ses, wake and seed" : issue.message}`);
  }
  return parsed.data;
}
