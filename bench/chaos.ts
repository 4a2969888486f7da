import * as z from "zod";
import { populationArgs } from "./lib/population-args";
import { startDynamoDb } from "../local/servers/dynamodb";
import { startSes } from "../local/servers/ses";
import { freePort } from "../local/servers/ports";
import { compare } from "./chaos/compare";
import { simulate, noFaults, chaosFaults, type FaultRates, type Simulation } from "./chaos/simulate";
import { count as int, seconds, table } from "./lib/report";

/**
 * `npm run chaos -- --participants 1000 --days 365`
 *
 * The same caseload twice through the local runtime, started as its own process on the virtual
 * clock: once without faults, once while AWS fails as it sometimes does. The fault injector sits
 * outside the handlers (local/faults/: the Lambda service in front of each workflow task, a hop in
 * front of SES and of Step Functions) and the client (bench/chaos/client.ts):
 * - 10 % of workflow Lambda tasks throw (half before the function ran, half after: its effect
 *   happened and the answer was lost);
 * - 5 % of SES sends are answered with throttling (429);
 * - 5 % of API requests arrive twice at once (the same Idempotency-Key);
 * - 2 % of wakes (SendTaskSuccess) are lost: answered as delivered, never delivered;
 * - the runtime is killed (SIGKILL) twice, each time on a working morning just after the digest
 *   started, and started again on the same data (DynamoDB Local and the SES inbox outlive it).
 * Then both runs are read from the outside and compared: every event once, every journey running
 * once, every reminder of the fault-free run sent, no specialist two digests on a morning, no team
 * two summaries in a week, nothing personal in any email or log line. Exits 1 when a check fails.
 * Population and mix: bench/lib/population.ts, as in `npm run bench:journeys`.
 */
const parsed = populationArgs({ name: "days", fallback: "365", schema: z.coerce.number().int().min(1).max(3660) }, "1000");
const args = { ...parsed, days: parsed.span };

const progress = (line: string) => process.stderr.write(`${line}\n`);
const dynamodb = await startDynamoDb({ port: await freePort() });
const ses = await startSes({ port: await freePort() });
try {
  const run = (faults: FaultRates) =>
    simulate({
      participants: args.participants,
      days: args.days,
      referralDays: args["referral-days"],
      seed: args.seed,
      start: new Date(args.start),
      concurrency: args.concurrency,
      faults,
      dynamodbEndpoint: dynamodb.endpoint,
      sesEndpoint: ses.endpoint,
      progress,
    });
  progress(`Fault-free run: ${args.participants} participants over ${args.days} days...`);
  const clean = await run(noFaults);
  progress(`Run under faults (the same seed)...`);
  const faulty = await run(chaosFaults);
  const checks = compare(clean, faulty);
  report(clean, faulty);
  console.log(`\nChecks:\n${table(checks.map((c) => [c.what, int(c.count), c.ok ? "ok" : "FAILED"]), { header: ["check", "count", ""] })}`);
  for (const check of checks.filter((c) => (c.detail?.length ?? 0) > 0)) {
    console.log(`\n${check.what}:\n${check.detail!.slice(0, 10).map((line) => `  ${line}`).join("\n")}${check.detail!.length > 10 ? `\n  ... ${check.detail!.length - 10} more` : ""}`);
  }
  process.exitCode = checks.every((c) => c.ok) ? 0 : 1;
} finally {
  await ses.stop();
  await dynamodb.stop();
}

function report(clean: Simulation, faulty: Simulation) {
  const injected = (sim: Simulation, kind: string) => sim.injected.get(kind) ?? 0;
  console.log(`\nInjected faults (run under faults):`);
  console.log(
    table(
      [
        ["workflow Lambda task threw before running", int(injected(faulty, "lambda-throw-before"))],
        ["workflow Lambda task threw after running", int(injected(faulty, "lambda-throw-after"))],
        ["SES send throttled (429)", int(injected(faulty, "ses-throttle"))],
        ["wake (SendTaskSuccess) lost", int(injected(faulty, "wake-lost"))],
        [`API request arrived twice (of ${int(faulty.client.requests)})`, int(faulty.client.duplicated)],
        ["runtime killed (SIGKILL) and restarted", `${faulty.kills.length}: ${faulty.kills.map((k) => `${k.at} during ${k.during}`).join(", ")}`],
        ["requests sent again after a lost answer, 5xx or 409", int(faulty.client.retried)],
      ],
      { header: ["fault", "count"] },
    ),
  );
  console.log(`\nBoth runs:`);
  const row = (what: string, f: (s: Simulation) => string | number) => [what, String(f(clean)), String(f(faulty))];
  console.log(
    table(
      [
        row("participants", (s) => int(s.observed.participants.size)),
        row("events recorded", (s) => int([...s.observed.participants.values()].reduce((n, p) => n + p.events.length, 0))),
        row("requests refused with a 4xx (the population's own mistakes)", (s) => int([...s.client.refused.values()].reduce((n, c) => n + c, 0))),
        row("digests sent", (s) => int(s.observed.digests.emails)),
        row("reminders in them (participant, task, morning)", (s) => int(s.observed.reminders.length)),
        row("summaries sent", (s) => int(s.observed.summaries.emails)),
        row("wall time", (s) => seconds(s.wallMs)),
      ],
      { header: ["", "fault-free", "under faults"] },
    ),
  );
}
