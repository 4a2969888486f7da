import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTeam, startTestSystem } from "../support/system";
import { connectBrowser, expectAccessible, expectFitsWidth, newPage, signInAs } from "../support/browser";
import { capturedMail } from "../support/deps";
import { oslo, scenario, type Team, type TestSystem } from "../workflow/scenario";
import { screenshot } from "./screenshots";
import { recordEmailEvent, sesNotificationSchema } from "../../adapters/dynamodb/email-events";

/**
 * The treatment team, the admin and a demo driver in the web app, in a real Chromium against the
 * local system. Every page passes axe-core (no serious or critical violation) and fits 390 px.
 */
let system: TestSystem;
let browser: Browser;
let team: Team;
let participantId: string;

beforeAll(async () => {
  [system, browser] = await Promise.all([startTestSystem(), connectBrowser()]);
  team = await seedTeam(system.api);
  const flow = scenario(system);
  // Referred five weeks ago, with a job start last week: the team's week has figures to show.
  participantId = await flow.refer(team, "T.M.", oslo("2026-09-28T10:00"));
  await flow.record(team, participantId, { type: "employer-contact", employer: "Kiwi", at: oslo("2026-10-20T10:00") });
  await flow.record(team, participantId, { type: "job-start", employer: "Kiwi", hoursPerWeek: 8, wage: "ordinary", temporary: true, at: oslo("2026-10-28T09:00") });
  await flow.refer(team, "O.V.", oslo("2026-09-30T10:00"));
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe("the web app for a treatment team, an admin and a demo", () => {
  it("signs in locally from a page that lists the people there are, marked as local only", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${system.urls.web}/`);
    await expect.poll(() => new URL(page.url()).pathname).toBe("/signin");
    await expect.poll(() => page.getByRole("button", { name: team.specialist.name }).count()).toBe(1);
    expect(await page.getByRole("button", { name: team.team.name }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Administrator" }).count()).toBe(1);
    expect(await page.locator("[data-local-only]").textContent()).toContain("Bare lokalt");
    await expectAccessible(page);
    await expectFitsWidth(page);
    await screenshot(page, "sign-in");
    await context.close();
  });

  it("shows a team member the team's participants and weekly summary, with the email's figures and no forms", async () => {
    const week = "2026-W44";
    const figures = (await system.api.get(`/teams/${team.team.id}/summary?week=${week}`, team.teamToken)).body;
    expect(figures.starts).toHaveLength(1);

    const { context, page } = await newPage(browser);
    await page.goto(`${system.urls.web}/teams/${team.team.id}?week=${week}`);
    await signInAs(page, team.team.name);
    await expect.poll(() => new URL(page.url()).search).toBe(`?week=${week}`);
    await expect.poll(() => page.getByRole("heading", { name: "Ukeoppsummering, uke 44 2026" }).count()).toBe(1);
    await expect.poll(() => page.getByRole("link", { name: "T.M." }).count()).toBeGreaterThan(0);
    const starts = page.getByRole("table", { name: "Nye jobber og utdanninger" });
    await expect.poll(() => starts.textContent()).toContain("Kiwi");
    expect(await page.locator("form").count()).toBe(0);
    await expectAccessible(page);
    await expectFitsWidth(page);
    await screenshot(page, "team");

    await page.getByRole("button", { name: "Forrige uke" }).click();
    await expect.poll(() => new URL(page.url()).search).toBe("?week=2026-W43");
    await expect.poll(() => page.getByRole("heading", { name: "Ukeoppsummering, uke 43 2026" }).count()).toBe(1);

    // The same words in English, on request.
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Weekly summary, week 43 2026" }).count()).toBe(1);
    await page.getByRole("button", { name: "Norsk" }).click();

    // A participant of the team: readable, and nothing to record.
    await page.goto(`${system.urls.web}/participants/${participantId}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Deltaker T.M.");
    expect(await page.locator("form").count()).toBe(0);
    expect(await page.getByText("Du kan se deltakeren, men ikke registrere hendelser.").count()).toBe(1);
    await expectAccessible(page);
    await context.close();
  });

  it("lets an admin create a team and a specialist, keeping what was typed on an error, and see bounced email", async () => {
    // A bounce as SES reports it to the ses-events function (no local SES produces one).
    const bouncedAt = await system.api.get("/local/clock").then((res) => res.body.now as string);
    await recordEmailEvent(
      system.deps,
      sesNotificationSchema.parse({
        eventType: "Bounce",
        mail: { messageId: "bounce-1", timestamp: bouncedAt, destination: ["gammel@example.org"] },
        bounce: { bounceType: "Permanent", bounceSubType: "General", bouncedRecipients: [{ emailAddress: "gammel@example.org" }] },
      }),
    );
    const { context, page } = await newPage(browser);
    await page.goto(`${system.urls.web}/admin`);
    await signInAs(page, "Administrator");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Administrasjon");
    await expectAccessible(page);
    await expectFitsWidth(page);
    await expect.poll(() => page.getByRole("table", { name: /Avviste e-poster/ }).textContent()).toContain("gammel@example.org");

    const teamForm = page.locator("form", { has: page.getByRole("button", { name: "Opprett team" }) });
    await teamForm.getByLabel("Navn").fill("Team Sør");
    await teamForm.getByLabel(/E-postadresser/).fill("team-sor@example.org\nikke-en-adresse");
    await teamForm.getByRole("button", { name: "Opprett team" }).click();
    await expect.poll(() => teamForm.locator(".field.invalid .field-error").first().textContent()).toContain("ikke-en-adresse");
    expect(await teamForm.getByLabel("Navn").inputValue()).toBe("Team Sør");
    await teamForm.getByLabel(/E-postadresser/).fill("team-sor@example.org");
    await teamForm.getByRole("button", { name: "Opprett team" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Teamet Team Sør er opprettet." }).count()).toBe(1);
    const teams = (await system.api.get("/teams")).body.teams as Array<{ id: string; name: string; emails: string[] }>;
    const created = teams.find((t) => t.name === "Team Sør");
    expect(created?.emails).toEqual(["team-sor@example.org"]);

    const specialistForm = page.locator("form", { has: page.getByRole("button", { name: "Opprett jobbspesialist" }) });
    await specialistForm.getByLabel("Navn").fill("Siri Spesialist");
    await specialistForm.getByLabel("E-post").fill("siri@example.org");
    await specialistForm.getByLabel("Team Sør").check();
    await specialistForm.getByLabel("Stillingsandel").fill("0,5");
    await specialistForm.getByRole("button", { name: "Opprett jobbspesialist" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Siri Spesialist er opprettet." }).count()).toBe(1);
    const specialists = (await system.api.get("/specialists")).body.specialists as Array<{ id: string; name: string; teamIds: string[]; fte: number }>;
    const siri = specialists.find((s) => s.name === "Siri Spesialist");
    expect(siri).toMatchObject({ teamIds: [created!.id], fte: 0.5 });
    // Half time: half the caseload limit on the caseload page too.
    expect((await system.api.get(`/specialists/${siri!.id}/caseload`)).body.limit).toBe(10);
    await expect.poll(() => page.getByRole("link", { name: "Siri Spesialist" }).count()).toBe(1);
    await screenshot(page, "admin");
    await context.close();
  });

  it("works on a desktop screen too: every page of every role passes axe and fits", async () => {
    const pages = [
      { who: team.specialist.name, paths: ["/day", `/specialists/${team.specialist.id}`, `/participants/${participantId}`] },
      { who: team.team.name, paths: [`/teams/${team.team.id}`] },
      { who: "Administrator", paths: ["/admin", "/local/clock"] },
    ];
    for (const { who, paths } of pages) {
      const { context, page } = await newPage(browser, { width: 1280, height: 800 });
      await page.goto(`${system.urls.web}${paths[0]}`);
      await signInAs(page, who);
      for (const path of paths) {
        await page.goto(`${system.urls.web}${path}`);
        await expect.poll(() => page.locator("main h1").count()).toBe(1);
        await expect.poll(() => page.locator(".loading").count()).toBe(0);
        await expectAccessible(page);
        await expectFitsWidth(page);
      }
      await context.close();
    }
  });

  it("moves the virtual clock from the browser, and the morning's digest arrives", async () => {
    const before = (await capturedMail(team.specialist.email)).length;
    const { context, page } = await newPage(browser);
    await page.goto(`${system.urls.web}/local/clock`);
    await signInAs(page, team.specialist.name);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Klokke (bare lokalt)");
    expect(await page.getByRole("link", { name: /Åpne e-postinnboksen/ }).getAttribute("href")).toBe(system.urls.inbox);
    await expectAccessible(page);
    await expectFitsWidth(page);
    await page.getByLabel("Flytt fram (dager)").fill("1");
    await page.getByRole("button", { name: "Flytt fram" }).click();
    await expect.poll(() => page.getByRole("status").textContent(), { timeout: 30_000 }).toContain("Klokka er nå");
    await screenshot(page, "clock");
    const after = await capturedMail(team.specialist.email);
    expect(after.length).toBeGreaterThan(before);
    expect(after.at(-1)!.subject).toMatch(/^IPS: /);
    await context.close();
  });
});
