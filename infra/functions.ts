import { join } from "node:path";

/**
 * Every Lambda of a region's stack, in one list. Each one is the module
 * `functions/<name>/handler.ts` exporting `handler`, the same module the local runtime calls in
 * process. What a function may touch is declared here and granted from here, nothing more.
 */

/** What a function's code does with the table: nothing, reads only, or reads and writes. */
export type TableAccess = "none" | "read" | "readWrite";

export interface FunctionSpec {
  /** Folder under functions/ and suffix of the Lambda's name. */
  readonly name: string;
  readonly description: string;
  readonly table: TableAccess;
  /** Sends email through the deployment's SES identity and configuration set. */
  readonly sendsEmail?: boolean;
  /** Starts journey executions (a new participant, a journey's next generation). */
  readonly startsJourneys?: boolean;
  /** Wakes a parked journey by its task token (SendTaskSuccess / SendTaskFailure). */
  readonly wakesJourneys?: boolean;
  /** Reads the status of journey executions (DescribeExecution). */
  readonly readsJourneys?: boolean;
  /** Stops journey executions for good (StopExecution: the erasure of a participant). */
  readonly stopsJourneys?: boolean;
  /** Subscribed to SES bounce and complaint events (invoked asynchronously by SNS). */
  readonly receivesEmailEvents?: boolean;
  readonly timeoutSeconds: number;
  readonly memoryMiB?: number;
}

const specs = [
  {
    name: "api",
    description: "HTTP API: every route, behind the Cognito JWT authorizer",
    table: "readWrite",
    startsJourneys: true,
    wakesJourneys: true,
    readsJourneys: true,
    stopsJourneys: true,
    timeoutSeconds: 15,
  },
  {
    name: "reports",
    // The PDF library, the fidelity, outcome and weekly summary figures and the email templates
    // are loaded by this function alone, for the routes of functions/reports/routes.ts, which API
    // Gateway sends here; the api, which every page calls, stays small.
    description: "HTTP API: participant reports (PDF, HTML), fidelity self-score, outcome reports, weekly summary figures and preview, behind the same authorizer",
    table: "readWrite",
    timeoutSeconds: 30,
  },
  {
    name: "openapi",
    // The document's generator serves this one public route; the api, which every page calls,
    // does not load it.
    description: "HTTP API: the OpenAPI document (GET /openapi.json, public)",
    table: "none",
    timeoutSeconds: 10,
  },
  {
    name: "journey-plan",
    description: "Journey: computes a participant's next due obligation and hands it back with the task token",
    table: "readWrite",
    // It completes its own task (SendTaskSuccess, or SendTaskFailure to hand over or end).
    wakesJourneys: true,
    timeoutSeconds: 30,
  },
  {
    name: "journey-park",
    // Called only by journeys started under the previous definition (the await stores its token itself now).
    description: "Journey (earlier executions): stores the task token while the journey waits for its next due time",
    table: "readWrite",
    wakesJourneys: true,
    timeoutSeconds: 30,
  },
  {
    name: "journey-record",
    // Called only by journeys started under the previous definition (plan records timeouts now).
    description: "Journey (earlier executions): records what came due, exactly once",
    table: "readWrite",
    timeoutSeconds: 30,
  },
  {
    name: "journey-continue",
    description: "Journey: starts the journey's next generation before the execution limits",
    // It starts the execution and nothing else: the new generation claims the journey record itself (plan).
    table: "none",
    startsJourneys: true,
    timeoutSeconds: 30,
  },
  {
    name: "digest-specialists",
    description: "Morning digest: lists the specialists to mail today",
    table: "read",
    timeoutSeconds: 60,
  },
  {
    name: "digest-send",
    description: "Morning digest: sends one specialist's digest, exactly once",
    table: "readWrite",
    sendsEmail: true,
    timeoutSeconds: 60,
  },
  {
    name: "summary-teams",
    description: "Weekly summary: lists the treatment teams due a summary",
    table: "read",
    timeoutSeconds: 60,
  },
  {
    name: "summary-send",
    description: "Weekly summary: sends one team's summary, at most once per ISO week",
    table: "readWrite",
    sendsEmail: true,
    timeoutSeconds: 120,
  },
  {
    name: "ses-events",
    description: "Records SES bounces and complaints for admins",
    table: "readWrite",
    receivesEmailEvents: true,
    timeoutSeconds: 30,
  },
] as const satisfies readonly FunctionSpec[];

export type FunctionName = (typeof specs)[number]["name"];

export const functionSpecs: ReadonlyArray<FunctionSpec & { readonly name: FunctionName }> = specs;

/** journey-plan → JourneyPlan, for construct ids. */
export function pascalCase(name: string): string {
  return name
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

export function handlerEntry(root: string, name: string): string {
  return join(root, "functions", name, "handler.ts");
}
