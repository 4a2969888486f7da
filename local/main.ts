import { parseArgs } from "node:util";
import * as z from "zod";
import { startLocalSystem } from "./system";

/**
 * `npm start`: the whole of ipsflow on this machine. Options:
 *   --data-dir DIR   where data lives (default .data/); it survives a restart
 *   --no-seed        start empty instead of with the demo
 *   --speed N        run the virtual clock N times faster than real time
 *   --sign-in-issuer URL --sign-in-client-id ID --sign-in-domain URL
 *                    sign in through an OpenID Connect provider (a Cognito user pool: its issuer,
 *                    app client and managed login domain) instead of the local sign-in page
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

const signInOptions = z
  .union([
    z.object({ "sign-in-issuer": z.undefined(), "sign-in-client-id": z.undefined(), "sign-in-domain": z.undefined() }),
    z.object({ "sign-in-issuer": z.url(), "sign-in-client-id": z.string().min(1), "sign-in-domain": z.url() }),
  ])
  .safeParse(values);
if (!signInOptions.success) {
  console.error("--sign-in-issuer, --sign-in-client-id, --sign-in-domain: give all three (URLs and the app client's id) or none");
  process.exit(2);
}
const signIn = signInOptions.data["sign-in-issuer"]
  ? { issuer: signInOptions.data["sign-in-issuer"], clientId: signInOptions.data["sign-in-client-id"]!, signInDomain: signInOptions.data["sign-in-domain"]! }
  : undefined;

// Metrics lines are for CloudWatch; locally they would only clutter the terminal.
process.env.IPSFLOW_METRICS ??= "off";
process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";

const system = await startLocalSystem({
  dataDir: values["data-dir"],
  seed: !values["no-seed"],
  speed: speed.data,
  signIn,
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
