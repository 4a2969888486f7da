import * as z from "../zod-mini";
import { isTimeZone } from "../calendar/local-dates";
import { holidayCountries } from "../calendar/holiday-table";

/**
 * One deployment = one region's stack (or the local system, which runs as the deployment
 * named "local"). The CDK app and the local runtime both read deployments through this schema,
 * so a bad entry fails `cdk synth` and `npm start` alike, with a message naming the field.
 */

const clockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24-hour)"));

const timeZone = z.string().check(z.refine(isTimeZone, "must be an IANA time zone such as Europe/Oslo"));

/** Hosts on which the web app may be served over plain http: the local runtime on a laptop. */
const loopbackHosts = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Where the web app is served, as an origin: https (or http on a loopback host, for the local
 * runtime), without a path, query or fragment. Kept as the origin, without a trailing slash.
 */
const appOrigin = z.pipe(
  z.url().check(
    z.refine((value) => {
      const url = new URL(value);
      const secure = url.protocol === "https:" || (url.protocol === "http:" && loopbackHosts.has(url.hostname));
      return secure && url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
    }, "must be an https origin without a path, such as https://ips.example.org (the app is served at its root)"),
  ),
  z.transform((value: string) => new URL(value).origin),
);

/** Cognito domain prefixes are global, lower-case, and may not name AWS, Amazon or Cognito. */
const signInDomainPrefix = z.string().check(
  z.regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "must be 1-63 lower-case letters, digits and dashes, neither starting nor ending with a dash"),
  z.refine((prefix) => !/aws|amazon|cognito/.test(prefix), "must not contain aws, amazon or cognito (Cognito reserves them)"),
);

/** CloudFront takes its certificates from ACM in us-east-1 only, whatever the deployment's region. */
const webCertificateArn = z.string().check(
  z.regex(
    /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/,
    "must be the ARN of an ACM certificate in us-east-1 (arn:aws:acm:us-east-1:<account>:certificate/<id>), where CloudFront reads certificates",
  ),
);

/** A whole number within bounds. */
const count = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));

export const weekdays = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"] as const;

/** Rule overrides: every journey rule default may be tuned per deployment (see core/journey/rules.ts). */
export const ruleOverridesSchema = z.partial(
  z.strictObject({
    firstEmployerContactDays: count(1, 365),
    benefitsCounsellingDays: count(1, 365),
    benefitsCounsellingChangeDays: count(1, 90),
    preStartContactDays: count(0, 30),
    jobDevelopmentIntervalDays: count(1, 90),
    jobStartFollowUpDays: count(1, 30),
    placementFollowUpIntervalDays: count(1, 30),
    placementWeeks: count(1, 52),
    followUpIntervalDays: count(1, 365),
    jobLossFollowUpDays: count(1, 30),
    outreachDays: count(1, 365),
    pauseReviewDays: count(1, 365),
    upcomingDeadlineWindowDays: count(0, 60),
  }),
);

export type RuleOverrides = z.infer<typeof ruleOverridesSchema>;

export const deploymentSchema = z.strictObject({
  name: z.string().check(z.regex(/^[a-z][a-z0-9-]{0,30}$/, "must be lower-case letters, digits and dashes, starting with a letter")),
  account: z.optional(z.string().check(z.regex(/^\d{12}$/, "must be a 12-digit AWS account id"))),
  region: z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region such as eu-north-1")),
  timeZone: z._default(timeZone, "Europe/Oslo"),
  locale: z._default(z.enum(["nb", "en"]), "nb"),
  /**
   * The country whose public holidays are days off (no morning digest), as an ISO 3166 code; one
   * of the countries with a committed table (core/calendar/holiday-table.ts).
   */
  holidayCountry: z._default(z.enum(holidayCountries), "NO"),
  senderEmail: z.email(),
  adminEmails: z.array(z.email()).check(z.minLength(1)),
  /** Local time of the morning reminder digest, working days only. */
  digestTime: z._default(clockTime, "08:00"),
  summarySchedule: z.prefault(
    z.object({
      day: z._default(z.enum(weekdays), "MON"),
      time: z._default(clockTime, "07:00"),
    }),
    {},
  ),
  /**
   * The web app's origin, and the base of the links in emails (`${baseUrl}/participants/{id}`).
   * In AWS it is optional: without it the app is served at the CloudFront distribution's own
   * domain (https://<id>.cloudfront.net), and the stack hands that to the functions. With it,
   * the distribution answers on that domain too, with the certificate webCertificateArn.
   */
  baseUrl: z.optional(appOrigin),
  /** ACM certificate (us-east-1) for the host of baseUrl; required exactly when baseUrl is given in AWS. */
  webCertificateArn: z.optional(webCertificateArn),
  /** Prefix of the Cognito sign-in domain (<prefix>.auth.<region>.amazoncognito.com); derived from the deployment when left out. */
  signInDomainPrefix: z.optional(signInDomainPrefix),
  rules: z._default(ruleOverridesSchema, {}),
  /**
   * Employer follow-up (job development with the three cups): an employer at stage 1 or 2 with no
   * contact for `followUpDays` is listed in the responsible specialist's digest ("Besøk … igjen"),
   * and a new hire's employer is due a contact within `newHireContactDays` of the start.
   */
  employers: z._default(
    z.strictObject({
      followUpDays: z._default(count(1, 90), 14),
      newHireContactDays: z._default(count(1, 30), 7),
    }),
    { followUpDays: 14, newHireContactDays: 7 },
  ),
  /**
   * How long the audit log keeps who read, exported or erased what. Access to health records is
   * logged for years (Normen); 10 years by default.
   */
  auditRetentionDays: z._default(count(30, 7_300), 3_650),
});

export type Deployment = z.infer<typeof deploymentSchema>;

/**
 * The web app's origin, where links in emails point. A deployment without one cannot link
 * anywhere, so this throws rather than guess: the stack always passes the app's URL to the
 * functions, and the local runtime its own.
 */
export function appUrlOf(deployment: Pick<Deployment, "name" | "baseUrl">): string {
  if (!deployment.baseUrl) {
    throw new Error(`deployment "${deployment.name}" has no baseUrl: the web app's URL is needed for the links in emails`);
  }
  return deployment.baseUrl;
}

/**
 * The deployments file lists the deployments to AWS. There the app is served by CloudFront: a
 * baseUrl of its own is an https origin whose host the distribution answers on, which needs an
 * ACM certificate for it.
 */
export const deploymentsFileSchema = z.strictObject({ deployments: z.array(deploymentSchema).check(z.minLength(1)) }).check(
  z.superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.deployments.forEach((d, i) => {
      if (seen.has(d.name)) {
        ctx.addIssue({ code: "custom", path: ["deployments", i, "name"], message: `duplicate deployment name "${d.name}"` });
      }
      seen.add(d.name);
      if (d.baseUrl !== undefined && !d.baseUrl.startsWith("https://")) {
        ctx.addIssue({ code: "custom", path: ["deployments", i, "baseUrl"], message: "must be https in AWS (CloudFront serves the app)" });
      }
      if (d.baseUrl !== undefined && d.webCertificateArn === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["deployments", i, "webCertificateArn"],
          message: `required with baseUrl: an ACM certificate in us-east-1 for ${new URL(d.baseUrl).hostname}`,
        });
      }
      if (d.baseUrl === undefined && d.webCertificateArn !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["deployments", i, "webCertificateArn"],
          message: "only for a baseUrl of your own: give baseUrl too, or leave both out to serve the app at its CloudFront domain",
        });
      }
    });
  }),
);

export type DeploymentsFile = z.infer<typeof deploymentsFileSchema>;

/** The local system runs as this deployment. */
export const localDeployment: Deployment = deploymentSchema.parse({
  name: "local",
  region: "eu-north-1",
  senderEmail: "ipsflow@example.org",
  adminEmails: ["admin@example.org"],
  baseUrl: "http://127.0.0.1:3000",
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
