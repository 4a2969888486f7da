import { gzipSync } from "node:zlib";
import { parseArgs } from "node:util";
import * as z from "zod";
import { chromium } from "playwright-core";
import { bundleWebApp } from "../web/build";
import { startLocalSystem } from "../local/system";
import { freePort } from "../local/servers/ports";
import { chromiumArgs, chromiumExecutable } from "../test/support/browser";
import { table, num } from "./lib/report";

/**
 * `npm run bench:web -- --runs 20`
 *
 * 1. What a first load of the app sends: the JavaScript and CSS of the build, raw and gzip
 *    (the target is at most 150 KB gzip), from the same build the stack uploads.
 * 2. How long a specialist waits for the page behind an email link: from navigation to the
 *    participant page being usable (its event form's button enabled), in a fresh browser context
 *    each run (nothing cached), on the local system with the demo seed. It is a figure for this
 *    machine, reported with the count of requests it took, which does not depend on the machine.
 */
// Metric lines are for CloudWatch; here they would bury the figures.
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";

const { values } = parseArgs({ options: { runs: { type: "string", default: "20" } } });
const runs = z.coerce.number().int().min(1).max(500).parse(values.runs);

const files = bundleWebApp();
const assets = files.filter((file) => /\.(js|css)$/.test(file.path));
const rows = assets.map((file) => [file.path.replace(/-[A-Z0-9]+\./, "."), num(file.contents.byteLength / 1024), num(gzipSync(file.contents).byteLength / 1024)]);
const gzipTotal = assets.reduce((sum, file) => sum + gzipSync(file.contents).byteLength, 0) / 1024;
const rawTotal = assets.reduce((sum, file) => sum + file.contents.byteLength, 0) / 1024;
console.log("First load: JavaScript and CSS sent (KB)");
console.log(table([...rows, ["total", num(rawTotal), num(gzipTotal)]], { header: ["file", "raw", "gzip"] }));
console.log(`  target: ≤ 150 KB gzip → ${gzipTotal <= 150 ? "met" : "MISSED"} (${num(gzipTotal)} KB)\n`);

const system = await startLocalSystem({
  ports: { api: 0, web: 0, stepFunctions: 0, ses: 0, dynamodb: await freePort() },
  speed: 0,
  seed: true,
});
const browser = await chromium.launch({ executablePath: await chromiumExecutable(), args: chromiumArgs });
try {
  const specialists = (await (await fetch(`${system.urls.api}/specialists`, { headers: { authorization: "Bearer dev:admin" } })).json()) as {
    specialists: Array<{ id: string }>;
  };
  const specialistId = specialists.specialists[0].id;
  const caseload = (await (
    await fetch(`${system.urls.api}/specialists/${specialistId}/caseload`, { headers: { authorization: "Bearer dev:admin" } })
  ).json()) as { participants: Array<{ id: string }> };
  const session = JSON.stringify({ token: `dev:specialist:${specialistId}`, principal: { role: "specialist", specialistId }, label: "bench" });
  const timings: number[] = [];
  let requests = 0;
  for (let run = 0; run < runs; run++) {
    // A Norwegian phone, as the browser tests use: the machine's own locale ("en-US@posix" where
    // LANG is POSIX) is no language tag a browser would report, and Intl refuses it.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "nb-NO", timezoneId: "Europe/Oslo" });
    // Signed in already, as after following a link in the same tab: the wait measured is the page's own.
    await context.addInitScript((value) => sessionStorage.setItem("ipsflow.session", value), session);
    const page = await context.newPage();
    let count = 0;
    page.on("request", () => count++);
    const participant = caseload.participants[run % caseload.participants.length];
    const start = performance.now();
    await page.goto(`${system.urls.web}/participants/${participant.id}`);
    await page.locator("form.event-form button[type=submit]:enabled").waitFor();
    timings.push(performance.now() - start);
    requests = Math.max(requests, count);
    await context.close();
  }
  timings.sort((a, b) => a - b);
  const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))];
  console.log(`Navigation → participant page usable, ${runs} runs, fresh context each (ms)`);
  console.log(table([["median", num(at(0.5))], ["p90", num(at(0.9))], ["fastest", num(timings[0])], ["requests per load", String(requests)]]));
} finally {
  await browser.close();
  // The journeys the seed started stay parked on the engine's timers; closing it first lets the
  // process end (as bench/journeys.ts does), so `npm run bench` goes on to the next benchmark.
  await system.stepFunctions.close();
  await system.stop();
}
