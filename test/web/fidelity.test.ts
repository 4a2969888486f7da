import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTeam, startTestSystem } from "../support/system";
import { connectBrowser, expectAccessible, expectFitsWidth, newPage, signInAs } from "../support/browser";
import { oslo, scenario, type Team, type TestSystem } from "../workflow/scenario";
import { join } from "node:path";
import { projectRoot } from "../../infra/paths";

/**
 * The fidelity self-score page in a real Chromium against the local system, on a phone (390 px):
 * reached from the team's page, each measured item with its score, the anchor reached and the
 * figures; an item with nothing to score says so; the review's items are listed without a score.
 */
let system: TestSystem;
let browser: Browser;
let team: Team;
let other: Team;

beforeAll(async () => {
  // Monday 4 January 2027: 2026-Q4 has just ended.
  [system, browser] = await Promise.all([startTestSystem({ start: new Date(oslo("2027-01-04T10:00")) }), connectBrowser()]);
  team = await seedTeam(system.api);
  other = await seedTeam(system.api);
  const flow = scenario(system);
  // Referred 1 October, met an employer face to face after 14 days, counselling, a job at ordinary wage.
  const started = await flow.refer(team, "F.S.", oslo("2026-10-01T10:00"));
  await flow.record(team, started, { type: "employer-contact", employer: "Kafé Nord", mode: "face-to-face", at: oslo("2026-10-15T10:00") });
  await flow.record(team, started, { type: "benefits-counselling", at: oslo("2026-10-20T10:00") });
  await flow.record(team, started, { type: "job-start", employer: "Kafé Nord", hoursPerWeek: 12, wage: "ordinary", temporary: false, at: oslo("2026-11-02T09:00") });
  await flow.record(team, started, { type: "participant-meeting", at: oslo("2026-11-04T10:00") });
  // Referred and gone before job search.
  const left = await flow.refer(team, "F.L.", oslo("2026-10-05T10:00"));
  await flow.record(team, left, { type: "exit", reason: "declined-further-support", at: oslo("2026-10-20T10:00") });
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe("the fidelity self-score in the web app", () => {
  it("opens from the team's page with the last complete quarter: scores, the anchor reached, figures and the review's items", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${system.urls.web}/teams/${team.team.id}`);
    await signInAs(page, team.team.name);
    await page.getByRole("link", { name: "Egenvurdering på IPS-kvalitetsskalaen" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/teams/${team.team.id}/fidelity`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`IPS-kvalitet: ${team.team.name}`);
    await expect.poll(() => page.locator(".quarter-label").textContent()).toBe("4. kvartal 2026");
    await expect.poll(() => page.locator("article.fidelity-item").count()).toBe(9);
    // Asked for on 4 January: provisional until the quarter closes.
    expect(await page.locator(".fidelity > p.hint").first().textContent()).toContain("Foreløpig til og med 14. jan. 2027");

    // Rapid job search: 14 days, so 5, and the anchor "within 30 days" is the one reached.
    const rapid = page.locator('[data-item="rapid-job-search"]');
    expect(await rapid.getAttribute("data-score")).toBe("5");
    expect(await rapid.getByRole("heading", { level: 3 }).textContent()).toBe("Rask jobbsøking");
    expect(await rapid.locator(".score").textContent()).toBe("Skår 5 av 5");
    expect(await rapid.locator("p.source").textContent()).toBe("Kvalitetsskalaen, tjenester punkt 4 (Rapid search for competitive job)");
    const reached = rapid.locator("ol.anchors li.reached");
    expect(await reached.getAttribute("data-anchor")).toBe("5");
    expect(await reached.textContent()).toContain("I snitt innen 30 dager");
    expect(await reached.textContent()).toContain("Nådd");
    expect(await rapid.locator("ol.anchors li").count()).toBe(5);
    expect(await rapid.locator("dl.facts").textContent()).toContain("Dager fra henvisning, snitt14");

    // Zero exclusion: one of two referrals left before job search, declining: 50 %, so 3.
    const exclusion = page.locator('[data-item="zero-exclusion"]');
    expect(await exclusion.getAttribute("data-score")).toBe("3");
    expect(await exclusion.locator("ol.anchors li.reached").getAttribute("data-anchor")).toBe("3");
    expect(await exclusion.getByRole("table", { name: "Avsluttet før jobbsøk, etter årsak" }).textContent()).toContain("Ønsker ikke mer oppfølging");
    // Follow-along lists each kind of obligation by the emails' words.
    expect(await page.locator('[data-item="time-unlimited-follow-along"] tr[data-kind="job-start-follow-up"]').textContent()).toContain("Følg opp oppstarten");

    // The job's employer is not in the register: no industry, so no score for diversity of job types.
    const types = page.locator('[data-item="diversity-of-job-types"]');
    expect(await types.getAttribute("data-score")).toBe("none");
    expect(await types.locator(".score").textContent()).toBe("Ingen skår: ingenting å måle i perioden");
    expect(await types.locator("ol.anchors li.reached").count()).toBe(0);

    // How it is measured, and where that departs from the manual, one tap away.
    await types.getByText("Slik måles det").click();
    await expect.poll(() => types.locator("details").textContent()).toContain("arbeidsgiverens næring");

    const review = page.locator("ul.fidelity-review > li");
    expect(await review.count()).toBe(16);
    expect(await page.locator('ul.fidelity-review [data-item="vocational-unit"]').textContent()).toContain("Ingen skår");
    expect(await page.locator(".fidelity-total").textContent()).toContain("poeng på 8 målte punkter");
    await expectAccessible(page);
    await expectFitsWidth(page);
    // The README's picture: the top of the page, through the first item (the whole page is 25 items long).
    await page.screenshot({ path: join(projectRoot, "docs", "screenshots", "fidelity.png"), fullPage: true, clip: { x: 0, y: 0, width: 390, height: 1500 }, animations: "disabled" });

    // Back a quarter: nothing was recorded then; on to the quarter running now, and no further.
    await page.getByRole("button", { name: "Forrige kvartal" }).click();
    await expect.poll(() => new URL(page.url()).search).toBe("?quarter=2026-Q3");
    await expect.poll(() => page.locator(".quarter-label").textContent()).toBe("3. kvartal 2026");
    await expect.poll(() => page.locator('[data-item="rapid-job-search"]').getAttribute("data-score")).toBe("none");
    await page.getByRole("button", { name: "Neste kvartal" }).click();
    await page.getByRole("button", { name: "Neste kvartal" }).click();
    await expect.poll(() => new URL(page.url()).search).toBe("?quarter=2027-Q1");
    await expect.poll(() => page.locator(".fidelity .alert.warning").textContent()).toContain("Kvartalet er ikke over");
    expect(await page.getByRole("button", { name: "Neste kvartal" }).getAttribute("aria-disabled")).toBe("true");
    await expectAccessible(page);

    // In English, the item texts from the same table.
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`IPS fidelity: ${team.team.name}`);
    await expect.poll(() => page.locator('[data-item="rapid-job-search"] h3').textContent()).toBe("Rapid search for competitive job");
    await context.close();
  });

  it("says plainly when the quarter in the address is not one, and refuses another team's members", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${system.urls.web}/teams/${team.team.id}/fidelity?quarter=2026-Q7`);
    await signInAs(page, team.team.name);
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Skriv et kvartal som finnes");
    await expectAccessible(page);
    await context.close();

    const outsider = await newPage(browser);
    await outsider.page.goto(`${system.urls.web}/teams/${team.team.id}/fidelity`);
    await signInAs(outsider.page, other.team.name);
    await expect.poll(() => outsider.page.locator('[data-state="forbidden"]').count()).toBe(1);
    await outsider.context.close();
  });
});
