import { z } from "zod";
import { IANAZone } from "luxon";

/**
 * One deployment = one region's stack (or the local system, which runs as the deployment
 * named "local"). The CDK app and the local runtime both read deployments through this schema,
 * so a bad entry fails `cdk synth` and `npm start` alike, with a message naming the field.
 */

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24-hour)");

const timeZone = z
  .string()
  .refine((zone) => IANAZone.isValidZone(zone), "must be an IANA time zone such as Europe/Oslo");

export const weekdays = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"] as const;

/** Rule overrides: every journey rule default may be tuned per deployment (see shared/journey/rules.ts). */
export const ruleOverridesSchema = z
  .object({
    firstEmployerContactDays: z.number().int().min(1).max(365),
    benefitsCounsellingDays: z.number().int().min(1).max(365),
    jobDevelopmentIntervalDays: z.number().int().min(1).max(90),
    jobStartFollowUpDays: z.number().int().min(1).max(30),
    placementFollowUpIntervalDays: z.number().int().min(1).max(30),
    placementWeeks: z.number().int().min(1).max(52),
    followUpIntervalDays: z.number().int().min(1).max(365),
    jobLossFollowUpDays: z.number().int().min(1).max(30),
    outreachDays: z.number().int().min(1).max(365),
    upcomingDeadlineWindowDays: z.number().int().min(0).max(60),
  })
  .partial()
  .strict();

export type RuleOverrides = z.infer<typeof ruleOverridesSchema>;

export const deploymentSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,30}$/, "must be lower-case letters, digits and dashes, starting with a letter"),
    account: z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id").optional(),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region such as eu-north-1"),
    timeZone: timeZone.default("Europe/Oslo"),
    locale: z.enum(["nb", "en"]).default("nb"),
    senderEmail: z.email(),
    adminEmails: z.array(z.email()).min(1),
    /** Local time of the morning reminder digest, working days only. */
    digestTime: clockTime.default("08:00"),
    summarySchedule: z
      .object({
        day: z.enum(weekdays).default("MON"),
        time: clockTime.default("07:00"),
      })
      .prefault({}),
    /** Base of the links in emails: `${baseUrl}/participants/{id}`. */
    baseUrl: z.url().default("http://127.0.0.1:3000"),
    rules: ruleOverridesSchema.default({}),
  })
  .strict();

export type Deployment = z.infer<typeof deploymentSchema>;

export const deploymentsFileSchema = z
  .object({ deployments: z.array(deploymentSchema).min(1) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.deployments.forEach((d, i) => {
      if (seen.has(d.name)) {
        ctx.addIssue({ code: "custom", path: ["deployments", i, "name"], message: `duplicate deployment name "${d.name}"` });
      }
      seen.add(d.name);
    });
  });

export type DeploymentsFile = z.infer<typeof deploymentsFileSchema>;

/** The local system runs as this deployment. */
export const localDeployment: Deployment = deploymentSchema.parse({
  name: "local",
  region: "eu-north-1",
  senderEmail: "ipsflow@example.org",
  adminEmails: ["admin@example.org"],
});

/**
 * Parses a deployments file; on failure throws one error whose message names each deployment
 * (by name where it has one) and field that is wrong.
 */
export function parseDeployments(raw: unknown, source = "deployments"): DeploymentsFile {
  const result = deploymentsFileSchema.safeParse(raw);
  if (result.success) return result.data;
  const list = (raw as { deployments?: Array<{ name?: unknown }> } | null)?.deployments;
  const lines = result.error.issues.map((issue) => {
    const [top, index, ...rest] = issue.path;
    if (top === "deployments" && typeof index === "number") {
      const name = typeof list?.[index]?.name === "string" ? `"${list[index].name}"` : `#${index + 1}`;
      return `deployment ${name}: ${rest.join(".") || "(entry)"}: ${issue.message}`;
    }
    return `${issue.path.join(".") || "(file)"}: ${issue.message}`;
  });
  throw new Error(`Invalid ${source}:\n  ${lines.join("\n  ")}`);
}
