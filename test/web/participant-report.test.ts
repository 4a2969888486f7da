import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTeam, startTestSystem } from "../support/system";
import { connectBrowser, expectAccessible, newPage, signInAs } from "../support/browser";
import type { TestSystem } from "../workflow/scenario";

/**
 * The participant's page offers the interval report, and the end report once they have left, as
 * PDFs saved under the name the API gives (which holds no code), fetched with the session's token.
 */
let system: TestSystem;
let browser: Browser;

beforeAll(async () => {
  [system, browser] = await Promise.all([startTestSystem(), connectBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe("reports from the participant's page", () => {
  it("saves the interval report, and the end report after the exit, as PDFs", async () => {
    const team = await seedTeam(system.api);
    const id = (
      await system.api.post("/participants", { code: "R.P.", teamId: team.team.id, specialistId: team.specialist.id, referredAt: "2026-10-01T10:00:00Z" })
    ).body.id as string;
    await system.api.post(`/participants/${id}/events`, { type: "participant-meeting", at: "2026-10-20T10:00:00Z" }, team.specialistToken, { "Idempotency-Key": "r-1" });

    const { context, page } = await newPage(browser);
    await page.goto(`${system.urls.web}/participants/${id}`);
    await signInAs(page, team.specialist.name);
    const interval = page.getByRole("button", { name: "Intervallrapport, siste tre måneder (PDF)" });
    await expect.poll(() => interval.count()).toBe(1);
    expect(await page.getByRole("button", { name: "Sluttrapport (PDF)" }).count()).toBe(0);
    await expectAccessible(page);

    const saved = async (button: ReturnType<typeof page.getByRole>) => {
      const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
      const file = join(await mkdtemp(join(tmpdir(), "report-")), download.suggestedFilename());
      await download.saveAs(file);
      return { name: download.suggestedFilename(), bytes: await readFile(file) };
    };
    const intervalPdf = await saved(interval);
    expect(intervalPdf.name).toMatch(new RegExp(`^ips-interval-report-${id}-.*\\.pdf$`));
    expect(intervalPdf.name).not.toContain("R.P.");
    expect(intervalPdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    await system.api.post(`/participants/${id}/events`, { type: "exit", at: "2026-10-30T10:00:00Z", reason: "moved" }, team.specialistToken, { "Idempotency-Key": "r-2" });
    await page.reload();
    const end = page.getByRole("button", { name: "Sluttrapport (PDF)" });
    await expect.poll(() => end.count()).toBe(1);
    const endPdf = await saved(end);
    expect(endPdf.name).toMatch(new RegExp(`^ips-end-report-${id}-.*\\.pdf$`));
    expect(endPdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await context.close();
  });
});
