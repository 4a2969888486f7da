import { parseArgs } from "node:util";
import * as z from "zod";
import { startLocalSystem } from "./system";
import { FaultInjector, parseFaultPlan } from "./faults";

/**
 * `npm start`: the whole of ipsflow on this machine. Options:
 *   --data-dir DIR   where data lives (default .data/); it survives a restart
 *   --no-seed        start empty instead of with the demo
 *   --speed N        run the virtual clock N times faster than real time
 *   --sign-in-issuer URL --sign-in-client-id ID --sign-in-domain URL
 *                    sign in through an OpenID Connect provider (a Cognito user pool: its issuer,
 *                    app client and managed login domain) instead of the local sign-in page
 *   --faults lambda=0.1,ses=0.05,wake=0.02,seed=7
 *                    let AWS fail at these rates: workflow tasks throw, SES throttles, wakes are
 *                    lost (local/faults/); each fault is printed as a JSON line
 *   --dynamodb-endpoint URL --ses-endpoint URL --table NAME
 *                    use a DynamoDB and an SES that already run (and that table) instead of
 *                    starting them: they outlive this process, as AWS's would
 *   --start ISO      the virtual time to start at when the data folder holds none
 * Ports: IPSFLOW_API_PORT (3000), IPSFLOW_WEB_PORT (3001), IPSFLOW_SES_PORT (8005), IPSFLOW_DYNAMODB_PORT (8000),
 * IPSFLOW_SFN_PORT (8083).
 */
const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: ".data" },
    "no-seed": { type: "boolean", default: false },
    speed: { type: "string", default: "1" },
    "sign-in-issuer": { type: "string" },
    "sign-in-client-id": { type: "string" },
    "sign-in-domain": { type: "string" },
    faults: { type: "string" },
    "dynamodb-endpoint": { type: "string" },
    "ses-endpoint": { type: "string" },
    table: { type: "string" },
    start: { type: "string" },
  },
});

const port = (name: string, fallback: number) => {
  const parsed = z.coerce.number().int().min(1).max(65535).safeParse(process.env[name] ?? fallback);
  if (!parsed.success) throw new Error(`${name}: must be a port number (1-65535)`);
  return parsed.data;
};
const speed = z.coerce.number().min(0).max(1_000_000).safeParse(values.speed);
if (!speed.success) {
  console.error("--speed: must be a number >= 0");
  process.exit(2);
}

// All three or none: a missing key is absent, not undefined, to zod.
const signInOptions = z
  .object({ "sign-in-issuer": z.url().optional(), "sign-in-client-id": z.string().min(1).optional(), "sign-in-domain": z.url().optional() })
  .refine((o) => [o["sign-in-issuer"], o["sign-in-client-id"], o["sign-in-domain"]].filter((v) => v === undefined).length % 3 === 0)
  .safeParse(values);
if (!signInOptions.success) {
  console.error("--sign-in-issuer, --sign-in-client-id, --sign-in-domain: give all three (URLs and the app client's id) or none");
  process.exit(2);
}
const signIn = signInOptions.data["sign-in-issuer"]
  ? { issuer: signInOptions.data["sign-in-issuer"], clientId: signInOptions.data["sign-in-client-id"]!, signInDomain: signInOptions.data["sign-in-domain"]! }
  : undefined;

const servers = z
  .object({
    "dynamodb-endpoint": z.url().optional(),
    "ses-endpoint": z.url().optional(),
    table: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, "3-255 letters, digits, _ . -").optional(),
    start: z.iso.datetime({ offset: true }).optional(),
  })
  .safeParse(values);
if (!servers.success) {
  const issue = servers.error.issues[0];
  console.error(`--${issue.path.join(".")}: ${issue.message}`);
  process.exit(2);
}
let faults: FaultInjector | undefined;
if (values.faults !== undefined) {
  try {
    faults = new FaultInjector(parseFaultPlan(values.faults), (fault) => console.log(JSON.stringify(fault)));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

// Metrics lines are for CloudWatch; locally they would only clutter the terminal.
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";

const system = await startLocalSystem({
  dataDir: values["data-dir"],
  seed: !values["no-seed"],
  speed: speed.data,
  signIn,
  faults,
  dynamodbEndpoint: servers.data["dynamodb-endpoint"],
  sesEndpoint: servers.data["ses-endpoint"],
  tableName: servers.data.table,
  start: servers.data.start ? new Date(servers.data.start) : undefined,
  ports: {
    api: port("IPSFLOW_API_PORT", 3000),
    web: port("IPSFLOW_WEB_PORT", 3001),
    ses: port("IPSFLOW_SES_PORT", 8005),
    dynamodb: port("IPSFLOW_DYNAMODB_PORT", 8000),
    stepFunctions: port("IPSFLOW_SFN_PORT", 8083),
  },
  log: (line) => console.log(line),
});

console.log(`
ipsflow is running (virtual time ${system.clock.now().toISOString()}, speed ${speed.data}x)
  Web app          ${system.urls.web}   (${signIn ? `sign-in through ${signIn.issuer}` : "local sign-in: pick a person, no password"})
  HTTP API         ${system.urls.api}   (OpenAPI: ${system.urls.api}/openapi.json)
  Mail inbox       ${system.urls.inbox}
  DynamoDB Local   ${system.urls.dynamodb}
  Step Functions   ${system.urls.stepFunctions}
  Data folder      ${values["data-dir"]}
Try: curl -H 'Authorization: Bearer dev:admin' ${system.urls.api}/teams
Move time: curl -X POST -d '{"days": 7}' ${system.urls.api}/local/clock/advance
Ctrl-C stops everything.`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping...");
  await system.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
