import { tz } from "@date-fns/tz";
import { addDays, format, parseISO } from "date-fns";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTeam } from "../support/system";
import { connectBrowser, expectAccessible, expectFitsWidth, newPage, requestOrigins, signInAs } from "../support/browser";
import { digestOn, oslo, scenario, type Team, type TestSystem } from "../workflow/scenario";
import { startTestSystem } from "../support/system";
import { screenshot } from "./screenshots";

/**
 * A job specialist's work through the web app, in a real Chromium against the local system: the
 * link in a real morning digest, sign-in, recording what was done, and what the next digest says.
 */
let system: TestSystem;
let browser: Browser;
let team: Team;
let flow: ReturnType<typeof scenario>;

beforeAll(async () => {
  [system, browser] = await Promise.all([startTestSystem(), connectBrowser()]);
  team = await seedTeam(system.api);
  flow = scenario(system);
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const firstContactTask = "Ta første arbeidsgiverkontakt";

/** The participant link in an email's text part. */
const linkIn = (text: string, participantId: string) => {
  const link = text.match(/https?:\/\/\S+\/participants\/\S+/g)?.find((url) => url.endsWith(participantId));
  expect(link, "a link to the participant in the email").toBeDefined();
  return link!;
};

const eventsOf = async (participantId: string, type: string) =>
  ((await flow.participant(participantId)).events as Array<{ type: string; at: string; employer?: string }>).filter((e) => e.type === type);

async function openParticipant(page: Page, participantId: string) {
  await page.goto(`${system.urls.web}/participants/${participantId}`);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/^Deltaker /);
}

describe("a specialist in the web app", () => {
  it("opens the link from the morning digest, signs in, records the employer contact, and the next digest no longer lists it", async () => {
    // Referred 31 days ago: the first employer contact is overdue.
    const id = await flow.refer(team, "K.L.", oslo("2026-10-02T10:00"));
    await flow.advanceTo("2026-11-03T08:30");
    const digest = await digestOn(team, "2026-11-03");
    expect(digest?.body.text).toContain(firstContactTask);
    const link = linkIn(digest!.body.text!, id);
    expect(link).toBe(`${system.urls.web}/participants/${id}`);

    const { context, page } = await newPage(browser);
    const origins = requestOrigins(page);
    await page.goto(link);
    // Not signed in: sign-in first, then back to the page the email asked for.
    await signInAs(page, team.specialist.name);
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/participants/${id}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Deltaker K.L.");
    await expect.poll(() => page.locator('[data-kind="first-employer-contact"]').getAttribute("data-status")).toBe("overdue");
    await expectAccessible(page);
    await expectFitsWidth(page);

    const form = page.locator("form.event-form");
    await expect.poll(() => form.getByLabel("Hva skjedde?").inputValue()).toBe("employer-contact");
    await form.getByLabel("Arbeidsgiver").fill("Rema 1000 Storo");
    await form.getByRole("button", { name: "Lagre" }).click();
    await expect.poll(() => form.getByRole("status").textContent()).toContain("Arbeidsgiverkontakt er registrert");
    await expect.poll(() => page.locator('[data-kind="first-employer-contact"]').getAttribute("data-status")).toBe("done");
    await expect.poll(() => page.locator(".timeline li").first().textContent()).toContain("Rema 1000 Storo");
    // The journey's own state, as the API's /journey tells it.
    await expect.poll(() => page.locator('[data-field="journey-status"]').textContent()).toBe("Går");
    await screenshot(page, "participant");
    // Nothing left the deployment, and the browser keeps the session only (this tab), no data.
    expect([...origins].sort()).toEqual([system.urls.api, system.urls.web].sort());
    const storage = await page.evaluate<{ local: string[]; session: string[] }>(
      "({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) })",
    );
    expect(storage.local).toEqual([]);
    expect(storage.session).toEqual(["ipsflow.session"]);
    expect(await page.evaluate<string>("sessionStorage.getItem('ipsflow.session')")).not.toContain("K.L.");
    await context.close();

    const recorded = await eventsOf(id, "employer-contact");
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ employer: "Rema 1000 Storo" });
    // "Når" defaults to the system's now (the virtual clock, from the API's Date header), not the device's.
    expect(new Date(recorded[0].at).toISOString()).toBe(oslo("2026-11-03T08:30"));

    await system.clock.settle();
    await flow.advanceTo("2026-11-04T08:30");
    const next = await digestOn(team, "2026-11-04");
    // Benefits counselling is still overdue, so there is a digest, and it names K.L.; not for the contact.
    expect(next?.body.text).toContain("K.L.");
    expect(next?.body.text).not.toContain(firstContactTask);
  });

  it("starts on My day with the missed deadline first, and records from there with one tap and a save", async () => {
    const missed = await flow.refer(team, "M.D.", oslo("2026-10-01T10:00"));
    const { context, page } = await newPage(browser);
    await page.goto(system.urls.web);
    await signInAs(page, team.specialist.name);
    await expect.poll(() => new URL(page.url()).pathname).toBe("/day");
    const first = page.locator("li.task").first();
    await expect.poll(() => first.getAttribute("data-kind")).toBe("first-employer-contact");
    await expect.poll(() => first.textContent()).toContain("30-dagersfristen for første arbeidsgiverkontakt er overskredet");
    expect(await first.getAttribute("data-participant")).toBe(missed);
    await expectAccessible(page);
    await expectFitsWidth(page);
    await screenshot(page, "my-day");

    await first.getByRole("button", { name: /Registrer arbeidsgiverkontakt/ }).click();
    await first.getByLabel("Arbeidsgiver").fill("Bakeriet AS");
    await first.getByRole("button", { name: /Lagre/ }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("registrert for M.D.");
    await expect.poll(() => page.locator(`li.task[data-participant="${missed}"][data-kind="first-employer-contact"]`).count()).toBe(0);
    expect(await eventsOf(missed, "employer-contact")).toHaveLength(1);
    await context.close();
  });

  it("shows a validation error at its field and keeps what was typed, from the form's check and from the API", async () => {
    const id = await flow.refer(team, "V.E.");
    const { context, page } = await newPage(browser);
    await page.goto(`${system.urls.web}/participants/${id}`);
    await signInAs(page, team.specialist.name);
    const form = page.locator("form.event-form");
    await form.getByLabel("Hva skjedde?").selectOption("job-start");
    await form.getByLabel("Arbeidsgiver").fill("Kiwi Majorstuen");
    await form.getByLabel("Timer per uke").fill("mange");
    await form.getByRole("button", { name: "Lagre" }).click();
    const hours = form.locator(".field", { has: page.getByLabel("Timer per uke") });
    await expect.poll(() => hours.locator(".field-error").count()).toBe(1);
    expect(await form.getByLabel("Timer per uke").getAttribute("aria-invalid")).toBe("true");
    expect(await form.getByLabel("Arbeidsgiver").inputValue()).toBe("Kiwi Majorstuen");
    expect(await form.getByLabel("Timer per uke").inputValue()).toBe("mange");
    await expectAccessible(page);

    // A date in the future passes the form's check; the API refuses it and names the field "at".
    await form.getByLabel("Timer per uke").fill("12,5");
    await form.getByLabel("Når").fill("2027-01-15T09:00");
    await form.getByRole("button", { name: "Lagre" }).click();
    const at = form.locator(".field", { has: page.getByLabel("Når") });
    await expect.poll(() => at.locator(".field-error").textContent()).toContain("must not be in the future");
    expect(await hours.locator(".field-error").count()).toBe(0);
    expect(await form.getByLabel("Arbeidsgiver").inputValue()).toBe("Kiwi Majorstuen");
    expect(await form.getByLabel("Timer per uke").inputValue()).toBe("12,5");
    expect(await eventsOf(id, "job-start")).toHaveLength(0);
    await context.close();
  });

  it("records an event with the keyboard alone", async () => {
    const id = await flow.refer(team, "K.B.");
    const { context, page } = await newPage(browser);
    await page.goto(`${system.urls.web}/participants/${id}`);
    await signInAs(page, team.specialist.name);
    await openParticipant(page, id);
    await expect.poll(() => page.locator("form.event-form").count()).toBe(1);
    // Tab from the top of the page to the employer field, type, tab on to the button and press Enter.
    const focused = () => page.evaluate<string>("document.activeElement?.getAttribute('name') ?? document.activeElement?.textContent ?? ''");
    await page.locator("body").focus();
    let steps = 0;
    while ((await focused()) !== "employer" && steps++ < 40) await page.keyboard.press("Tab");
    expect(await focused()).toBe("employer");
    await page.keyboard.type("Clas Ohlson");
    while ((await focused()) !== "Lagre" && steps++ < 60) await page.keyboard.press("Tab");
    expect(await focused()).toBe("Lagre");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("form.event-form").getByRole("status").textContent()).toContain("registrert");
    expect((await eventsOf(id, "employer-contact")).map((e) => e.employer)).toEqual(["Clas Ohlson"]);
    await context.close();
  });

  it("records a job offer with a start ahead, and ends the right one of two jobs, with a coded reason", async () => {
    const id = await flow.refer(team, "T.J.");
    await flow.record(team, id, { type: "job-start", employer: "Kiwi", hoursPerWeek: 8, wage: "ordinary", temporary: false });
    await flow.record(team, id, { type: "job-start", employer: "Rema", hoursPerWeek: 6, wage: "ordinary", temporary: true });
    const { context, page } = await newPage(browser);
    await page.goto(`${system.urls.web}/participants/${id}`);
    await signInAs(page, team.specialist.name);
    const form = page.locator("form.event-form");
    await form.getByLabel("Hva skjedde?").selectOption("job-end");
    await form.getByLabel("Hvilken jobb").selectOption({ label: "Rema" });
    await form.getByLabel("Årsak").selectOption({ label: "Midlertidig stilling tok slutt" });
    await form.getByRole("button", { name: "Lagre" }).click();
    await expect.poll(() => form.getByRole("status").textContent()).toContain("registrert");
    const jobs = (await flow.participant(id)).jobs as Array<{ employer: string; endedAt?: string }>;
    expect(jobs.map((job) => [job.employer, Boolean(job.endedAt)])).toEqual([
      ["Kiwi", false],
      ["Rema", true],
    ]);
    await expect.poll(() => page.locator(".timeline li").first().textContent()).toContain("Midlertidig stilling tok slutt");

    // An offer for a job that starts in ten days: a contact is due a week before the start.
    const startsAt = format(addDays(parseISO(await flow.now(), { in: tz("Europe/Oslo") }), 10), "yyyy-MM-dd'T'08:00");
    await form.getByLabel("Hva skjedde?").selectOption("job-offer");
    await form.getByLabel("Arbeidsgiver").fill("Coop Extra");
    await form.getByLabel("Starter").fill(startsAt);
    await form.getByRole("button", { name: "Lagre" }).click();
    await expect.poll(() => page.locator('[data-kind="pre-start-contact"]').getAttribute("data-status")).toBe("upcoming");
    await expectAccessible(page);
    await context.close();
  });

  it("records one event for a double tap, and one for a retry after the connection dropped", async () => {
    const id = await flow.refer(team, "D.T.");
    const { context, page } = await newPage(browser);
    await page.goto(`${system.urls.web}/participants/${id}`);
    await signInAs(page, team.specialist.name);
    const form = page.locator("form.event-form");
    await form.getByLabel("Arbeidsgiver").fill("Coop Mega");
    await form.getByRole("button", { name: "Lagre" }).dblclick();
    await expect.poll(() => form.getByRole("status").textContent()).toContain("registrert");
    expect(await eventsOf(id, "employer-contact")).toHaveLength(1);

    // The request reaches the API and is recorded, but the answer never arrives; the retry carries
    // the same Idempotency-Key and the API answers with the first result.
    const keys: string[] = [];
    let dropped = false;
    await page.route("**/participants/*/events", async (route) => {
      keys.push((await route.request().headerValue("idempotency-key")) ?? "");
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch();
      await route.abort("connectionreset");
    });
    await form.getByLabel("Arbeidsgiver").fill("Meny Ullevål");
    await form.getByRole("button", { name: "Lagre" }).click();
    await expect.poll(() => form.getByRole("alert").textContent()).toContain("Fikk ikke kontakt");
    expect(await form.getByLabel("Arbeidsgiver").inputValue()).toBe("Meny Ullevål");
    await form.getByRole("button", { name: "Lagre" }).click();
    await expect.poll(() => form.getByRole("status").textContent()).toContain("registrert");
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const contacts = await eventsOf(id, "employer-contact");
    expect(contacts.map((e) => e.employer).sort()).toEqual(["Coop Mega", "Meny Ullevål"]);
    await context.close();
  });

  it("says plainly when a participant is another caseload's, or unknown", async () => {
    const other = await seedTeam(system.api);
    const id = await flow.refer(team, "A.C.");
    const { context, page } = await newPage(browser);
    await page.goto(`${system.urls.web}/participants/${id}`);
    await signInAs(page, other.specialist.name);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Ingen tilgang");
    expect(await page.locator("form").count()).toBe(0);
    await expectAccessible(page);
    await expectFitsWidth(page);

    await page.goto(`${system.urls.web}/participants/01UNKNOWN0000000000000000`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Finnes ikke");
    await expectAccessible(page);
    await context.close();
  });

  it("sends an expired session through sign-in and back to the same page", async () => {
    const id = await flow.refer(team, "S.E.");
    const { context, page } = await newPage(browser);
    await page.goto(`${system.urls.web}/participants/${id}`);
    await signInAs(page, team.specialist.name);
    await openParticipant(page, id);
    // The token is no longer accepted (401): what an expired Cognito token gets from API Gateway.
    await page.evaluate(() => {
      const session = JSON.parse(sessionStorage.getItem("ipsflow.session")!);
      sessionStorage.setItem("ipsflow.session", JSON.stringify({ ...session, token: "expired" }));
    });
    await page.reload();
    await signInAs(page, team.specialist.name);
    await openParticipant(page, id);
    expect(new URL(page.url()).pathname).toBe(`/participants/${id}`);
    await context.close();
  });

  it("lists the caseload against its limit and registers a new referral", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${system.urls.web}/specialists/${team.specialist.id}`);
    await signInAs(page, team.specialist.name);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Deltakere");
    const before = (await system.api.get(`/specialists/${team.specialist.id}/caseload`)).body.count as number;
    await expect.poll(() => page.getByText(`${before} aktive av maks 20`).count()).toBe(1);
    await expectAccessible(page);
    await expectFitsWidth(page);
    await screenshot(page, "caseload");

    await page.getByLabel(/^Kode/).fill("Kari Nord");
    await page.getByRole("button", { name: "Ny henvisning" }).click();
    await expect.poll(() => page.locator(".field-error").first().textContent()).toContain("full name");
    await page.getByLabel(/^Kode/).fill("N.R.");
    await page.getByRole("button", { name: "Ny henvisning" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("N.R. er registrert som henvist");
    await expect.poll(() => page.getByRole("link", { name: "N.R." }).count()).toBe(1);
    expect((await system.api.get(`/specialists/${team.specialist.id}/caseload`)).body.count).toBe(before + 1);
    await context.close();
  });
});
