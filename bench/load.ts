import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import * as z from "zod";
import { startLocalSystem } from "../local/system";
import { freePort } from "../local/servers/ports";
import { num, table } from "./lib/report";

/**
 * `npm run bench:load -- --rate 200 --seconds 60`
 *
 * Holds the local HTTP API at a fixed request rate for a while, on loopback only, with a bounded
 * count of requests: a mix of a specialist's reads (their day, caseload, a participant's page)
 * and event writes (each with its own Idempotency-Key), against the whole local system (DynamoDB
 * Local, the journeys on the local engine). It reports latency percentiles and errors beside the
 * same run against a bare Node HTTP server that answers a fixed JSON, which is what the machine
 * and the load generator cost on their own. The load generator runs in this process too.
 */
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";

const { values } = parseArgs({ options: { rate: { type: "string", default: "200" }, seconds: { type: "string", default: "60" } } });
const rate = z.coerce.number().int().min(1).max(2000).parse(values.rate);
const seconds = z.coerce.number().int().min(1).max(600).parse(values.seconds);

const system = await startLocalSystem({
  ports: { api: 0, web: 0, stepFunctions: 0, ses: 0, dynamodb: await freePort() },
  speed: 0,
  seed: true,
});
const bare = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end('{"ok":true}');
});
await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));

try {
  const admin = { authorization: "Bearer dev:admin" };
  const { specialists } = (await (await fetch(`${system.urls.api}/specialists`, { headers: admin })).json()) as { specialists: Array<{ id: string }> };
  const specialistId = specialists[0].id;
  const token = { authorization: `Bearer dev:specialist:${specialistId}` };
  const { participants } = (await (await fetch(`${system.urls.api}/specialists/${specialistId}/caseload`, { headers: token })).json()) as {
    participants: Array<{ id: string }>;
  };
  const now = ((await (await fetch(`${system.urls.api}/local/clock`)).json()) as { now: string }).now;
  let written = 0;
  const mixed: autocannon.Request[] = [
    { method: "GET", path: `/specialists/${specialistId}/day` },
    { method: "GET", path: `/specialists/${specialistId}/caseload` },
    ...participants.map((p) => ({ method: "GET" as const, path: `/participants/${p.id}` })),
    {
      method: "POST",
      path: `/participants/${participants[0].id}/events`,
      // Each write is a new event: its own key, spread over the caseload.
      setupRequest: (request) => {
        const participant = participants[written % participants.length];
        written += 1;
        return {
          ...request,
          path: `/participants/${participant.id}/events`,
          headers: { ...request.headers, "content-type": "application/json", "idempotency-key": `load-${written}` },
          body: JSON.stringify({ type: "follow-up-contact", with: "employer", at: now }),
        };
      },
    },
  ];
  const run = (url: string, requests?: autocannon.Request[]) =>
    autocannon({
      url,
      connections: 20,
      overallRate: rate,
      duration: seconds,
      amount: rate * seconds,
      headers: token,
      ...(requests ? { requests } : {}),
    });
  const bareResult = await run(`http://127.0.0.1:${(bare.address() as AddressInfo).port}`);
  const apiResult = await run(system.urls.api, mixed);
  const row = (name: string, r: autocannon.Result) => [
    name,
    num(r.requests.average),
    num(r.latency.p50),
    num(r.latency.p90),
    num(r.latency.p99),
    num(r.latency.max),
    String(r.errors + r.timeouts + r.non2xx),
  ];
  console.log(`Load: ${rate} requests a second for ${seconds} s, 20 connections, loopback (latency in ms)`);
  console.log(table([row("bare HTTP server", bareResult), row("ipsflow API, mixed", apiResult)], { header: ["", "req/s", "p50", "p90", "p99", "max", "errors"] }));
  console.log(`  event writes: ${written}; target p99 < 100 ms → ${apiResult.latency.p99 < 100 && apiResult.errors + apiResult.non2xx === 0 ? "met" : "MISSED"}`);
} finally {
  bare.close();
  await system.stop();
}
