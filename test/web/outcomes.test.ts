import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSystem } from "../support/system";
import { connectBrowser, expectAccessible, expectFitsWidth, newPage, requestOrigins, signInAs } from "../support/browser";
import type { TestSystem } from "../workflow/scenario";
import { seedOutcomes } from "../e2e/outcome-data";
import { screenshot } from "./screenshots";

/**
 * The outcome report's page in a real Chromium against the local system: a chart of the last
 * eight quarters and every figure in a table, the same numbers the API gives, for a team member
 * and for an admin, on a phone and in English, and the CSV downloaded from it.
 */
let system: TestSystem;
let browser: Browser;
let world: Awaited<ReturnType<typeof seedOutcomes>>;

beforeAll(async () => {
  [system, browser] = await Promise.all([startTestSystem({ start: new Date("2027-01-05T08:00:00Z") }), connectBrowser()]);
  world = await seedOutcomes(system);
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

interface Figures {
  [key: string]: number | null | Figures;
}

/** The figures as the page's table lists them: its rows' keys and the API's value for each. */
function tableValues(f: Figures): Array<[string, number | null, "count" | "share" | "decimal"]> {
  const g = (path: string) => path.split(".").reduce<unknown>((v, k) => (v as Figures)[k], f) as number | null;
  const reasons = ["got-work-no-support-needed", "moved", "declined-further-support", "transferred", "no-contact", "other", "unknown"];
  return [
    ["referrals", g("referrals"), "count"],
    ["active", g("active"), "count"],
    ["activeAtEnd", g("activeAtEnd"), "count"],
    ["firstContactCohort", g("firstEmployerContact.cohort"), "count"],
    ["firstContactWithin30Days", g("firstEmployerContact.within30Days"), "count"],
    ["firstContactShare", g("firstEmployerContact.share"), "share"],
    ["jobStarts", g("jobStarts"), "count"],
    ["firstJobs", g("firstJobs"), "count"],
    ["inWork", g("atEnd.inWork"), "count"],
    ["inSchool", g("atEnd.inSchool"), "count"],
    ["inWorkOrSchool", g("atEnd.inWorkOrSchool"), "count"],
    ["inWorkShare", g("atEnd.inWorkShare"), "share"],
    ["inWorkOrSchoolShare", g("atEnd.inWorkOrSchoolShare"), "share"],
    ["jobsHeld", g("jobsHeld.count"), "count"],
    ["medianHoursPerWeek", g("jobsHeld.medianHoursPerWeek"), "decimal"],
    ["wageOrdinary", g("wage.ordinary"), "count"],
    ["wageSubsidised", g("wage.subsidised"), "count"],
    ["wageUnknown", g("wage.unknown"), "count"],
    ["permanent", g("terms.permanent"), "count"],
    ["temporary", g("terms.temporary"), "count"],
    ["termsUnknown", g("terms.unknown"), "count"],
    ["endedJobs", g("endedJobs.count"), "count"],
    ["medianJobDays", g("endedJobs.medianDays"), "decimal"],
    ["exits", g("exits.total"), "count"],
    ...reasons.map((reason): [string, number | null, "count"] => [`exit-${reason}`, g(`exits.byReason.${reason}`), "count"]),
  ];
}

/** A value as the page shows it in bokmål: decimal comma, shares as percentages with one decimal. */
function shown(value: number | null, kind: "count" | "share" | "decimal"): string {
  if (value === null) return "–";
  const rounded = kind === "share" ? Math.round(value * 1000) / 10 : kind === "decimal" ? Math.round(value * 100) / 100 : value;
  return String(rounded).replace(".", ",") + (kind === "share" ? " %" : "");
}

/** Every cell of the page's table equals the API's figure for its quarter. */
async function expectTableMatchesApi(page: Page, query: string) {
  const quarters = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"];
  for (const quarter of quarters) {
    const api = await system.api.get(`/reports/outcomes?quarter=${quarter}${query}`);
    expect(api.status).toBe(200);
    const expected = tableValues(api.body.figures).map(([key, value, kind]) => [key, shown(value, kind)]);
    // Runs in the page; the test's own tsconfig has no DOM types.
    const cells = await page.evaluate<string[][]>(
      `[...document.querySelectorAll('table tr[data-figure] td[data-quarter="${quarter}"]')].map((td) => [td.parentElement.dataset.figure, td.textContent])`,
    );
    expect(cells, quarter).toEqual(expected);
  }
}

describe("the outcome report in the web app", () => {
  it("shows a team member their team's last eight quarters as a chart and a table with the API's numbers, on a phone", async () => {
    const { a } = world;
    const { context, page } = await newPage(browser);
    const origins = requestOrigins(page);
    await page.goto(`${system.urls.web}/teams/${a.team.id}`);
    await signInAs(page, a.team.name);
    await page.getByRole("link", { name: "Resultater per kvartal" }).click();
    await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe(`/reports/outcomes?teamId=${a.team.id}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Resultater per kvartal: ${a.team.name}`);
    // The chart: uPlot's canvas, named as a picture, with the legend as text.
    await expect.poll(() => page.locator("figure.chart canvas").count()).toBeGreaterThan(0);
    expect(await page.locator("figure.chart [role=img]").getAttribute("aria-label")).toContain("Henvisninger, Jobbstarter");
    expect(await page.locator("ul.chart-legend li").allTextContents()).toEqual(["Henvisninger", "Jobbstarter", "I jobb for første gang", "I jobb ved kvartalets slutt"]);
    const box = await page.locator("figure.chart canvas").first().boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(box!.width).toBeLessThanOrEqual(390);
    // The newest quarter is the last one ended, still provisional on 5 January.
    const headers = await page.locator("table thead th").allTextContents();
    expect(headers).toHaveLength(9);
    expect(headers.at(-1)).toBe("4. kv. 2026 (foreløpig)");
    expect(headers[1]).toBe("1. kv. 2025");
    await expectTableMatchesApi(page, `&teamId=${a.team.id}`);
    // Spot checks against the hand count of outcome-data.ts.
    expect(await page.locator('tr[data-figure="firstContactShare"] td[data-quarter="2026-Q4"]').textContent()).toBe("75 %");
    expect(await page.locator('tr[data-figure="medianJobDays"] td[data-quarter="2026-Q4"]').textContent()).toBe("76,5");
    await expectAccessible(page);
    await expectFitsWidth(page);
    await screenshot(page, "outcomes");

    // The newest quarter as CSV, saved as the file the API names.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Last ned CSV for 4. kv. 2026" }).click()]);
    expect(download.suggestedFilename()).toBe(`ips-resultater-2026-Q4-${a.team.id}.csv`);
    const saved = join(await mkdtemp(join(tmpdir(), "outcomes-")), download.suggestedFilename());
    await download.saveAs(saved);
    const bytes = await readFile(saved);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8").split("\r\n")[0]).toMatch(/^\ufeffKvartal;Team;Team-ID;Henvisninger;/);

    // In English on request; and back a quarter.
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Outcomes by quarter: ${a.team.name}`);
    expect(await page.locator('tr[data-figure="referrals"] th').textContent()).toBe("Referrals");
    await page.getByRole("button", { name: "Previous quarter" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("quarter")).toBe("2026-Q3");
    await expect.poll(() => page.locator("table thead th").last().textContent()).toBe("Q3 2026");
    await page.getByRole("button", { name: "Norsk" }).click();
    // Nothing left the deployment.
    expect([...origins].sort()).toEqual([system.urls.api, system.urls.web].sort());
    await context.close();
  });

  it("shows an admin all teams together, and one team on choosing it; another team's member gets no access", async () => {
    const { a, b } = world;
    const { context, page } = await newPage(browser, { width: 1280, height: 900 });
    await page.goto(`${system.urls.web}/admin`);
    await signInAs(page, "Administrator");
    await page.getByRole("link", { name: "Resultater per kvartal" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Resultater per kvartal: Alle team");
    await expect.poll(() => page.locator("table tr[data-figure]").count()).toBe(31);
    await expectTableMatchesApi(page, "");
    await expectAccessible(page);
    await expectFitsWidth(page);

    await page.getByLabel("Vis for").selectOption({ label: b.team.name });
    await expect.poll(() => new URL(page.url()).searchParams.get("teamId")).toBe(b.team.id);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Resultater per kvartal: ${b.team.name}`);
    await expectTableMatchesApi(page, `&teamId=${b.team.id}`);
    await context.close();

    // Team B's member asking for team A's report: the API's 403, said plainly.
    const other = await newPage(browser);
    await other.page.goto(`${system.urls.web}/reports/outcomes?teamId=${a.team.id}`);
    await signInAs(other.page, b.team.name);
    await expect.poll(() => other.page.locator('[data-state="forbidden"]').count()).toBe(1);
    await other.context.close();
  });
});
