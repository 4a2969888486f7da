import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTeam, startTestSystem } from "../support/system";
import { connectBrowser } from "../support/browser";
import { pdfLines, renderFirstPage } from "../support/pdf";
import { expectNoPersonalData } from "../support/privacy";
import { oslo, scenario } from "../workflow/scenario";
import { projectRoot } from "../../infra/paths";
import { getParticipant } from "../../adapters/dynamodb/participants";
import { recordEvent } from "../../use-cases/participants/record-event";

/**
 * A participant's interval and end reports (GET /participants/{id}/report), as the specialist
 * shares them with the participant and NAV: what they list for a seeded course, in HTML and in
 * PDF (read back with pdf.js, and page 1 drawn in Chromium), what they never show, and who may
 * read them. The system's clock stands at 2026-11-02 10:00 in Oslo.
 */
let system: Awaited<ReturnType<typeof startTestSystem>>;
let browser: Browser;
let team: Awaited<ReturnType<typeof seedTeam>>;
let participantId: string;

/** Words that would hint at a diagnosis or a treatment; none may appear in a report. */
const healthWords = ["diagnos", "behandl", "treatment", "psyk", "psych", "medisin", "medic", "terapi", "therap", "sykdom", "illness", "innlagt", "helse", "health", "sykemeld"];
const wish = "Barnehageassistent";

/** The seeded course, oldest first: Oslo local times, each at 10:00. */
const course: Array<[string, Record<string, unknown>]> = [
  ["2026-05-06", { type: "participant-meeting" }],
  ["2026-05-12", { type: "employer-contact", employer: "Kiwi Storo", visit: 1 }],
  ["2026-05-20", { type: "benefits-counselling" }],
  ["2026-05-26", { type: "employer-contact", employer: "Rema 1000 Ås", visit: 2 }],
  ["2026-06-02", { type: "employer-contact", employer: "Rema 1000 Ås", visit: 3 }],
  ["2026-06-03", { type: "job-offer", employer: "Rema 1000 Ås", startsAt: oslo("2026-06-15T08:00"), hoursPerWeek: 12 }],
  ["2026-06-15", { type: "job-start", employer: "Rema 1000 Ås", hoursPerWeek: 12, wage: "subsidised", temporary: true }],
  ["2026-06-17", { type: "follow-up-contact", with: "participant" }],
  ["2026-06-24", { type: "follow-up-contact", with: "employer" }],
  ["2026-08-20", { type: "follow-up-contact", with: "participant" }],
  ["2026-08-25", { type: "job-change", hoursPerWeek: 16 }],
  ["2026-09-10", { type: "job-end", reason: "temporary-ended" }],
  ["2026-09-11", { type: "participant-meeting" }],
  ["2026-09-15", { type: "employer-contact", employer: "Bakeri <Øst> & Co", visit: 1 }],
  ["2026-10-01", { type: "benefits-counselling", status: "declined" }],
  ["2026-10-20", { type: "exit", reason: "moved" }],
];

beforeAll(async () => {
  system = await startTestSystem({ start: new Date(oslo("2026-11-02T10:00")) });
  browser = await connectBrowser();
  team = await seedTeam(system.api);
  const s = scenario(system);
  const res = await system.api.post("/participants", {
    code: "K.L.",
    teamId: team.team.id,
    specialistId: team.specialist.id,
    referredAt: oslo("2026-05-04T09:00"),
    preferences: { jobs: [wish] },
  });
  participantId = res.body.id;
  for (const [day, event] of course) await s.record(team, participantId, { ...event, at: oslo(`${day}T10:00`) }, { settle: false });
  await system.clock.settle();
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

interface Answer {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  text: string;
}

/** The report's answer as bytes and text; `token` null sends none. */
async function report(id: string, query: string, token: string | null = "dev:admin"): Promise<Answer> {
  const res = await fetch(`${system.urls.api}/participants/${id}/report?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: new TextDecoder().decode(bytes) };
}

const unescape = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replace(/&ndash;/g, "–")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

const rowsOf = (tableHtml: string) =>
  [...tableHtml.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((cell) => unescape(cell[1])));

/** A report's HTML as data: its facts (label → value), and each section's rows under its header. */
function parse(html: string) {
  const tables = [...html.matchAll(/<table([^>]*)>(.*?)<\/table>/g)];
  const facts = Object.fromEntries(tables.filter(([, attributes]) => attributes.includes('class="facts"')).flatMap(([, , body]) => rowsOf(body)));
  const sections: Record<string, string[][]> = {};
  for (const [, attributes, body] of tables) {
    const name = /data-section="([^"]+)"/.exec(attributes)?.[1];
    if (name) sections[name] = rowsOf(body.replace(/<thead>.*?<\/thead>/, ""));
  }
  const headings = [...html.matchAll(/<h2 id="([^"]+)">/g)].map((match) => match[1]);
  return { facts, sections, headings, title: unescape(/<h1>(.*?)<\/h1>/.exec(html)![1]) };
}

describe("a participant's reports", () => {
  it("an interval report of the last three months lists exactly that period's activities, employer contacts, work, phases and exit, in order", async () => {
    const res = await report(participantId, "kind=interval&format=html");
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const { facts, sections, title } = parse(res.text);
    expect(title).toBe("Intervallrapport");
    expect(facts).toEqual({
      Deltaker: "K.L.",
      Henvist: "04.05.2026",
      Periode: "03.08.2026 – 02.11.2026",
      Jobbspesialist: team.specialist.name,
      "Fase ved periodens start": "Oppfølging",
      "Fase ved periodens slutt": "Avsluttet",
      Avsluttet: "20.10.2026",
      "Årsak til avslutning": "Flyttet",
    });
    expect(sections.activities).toEqual([
      ["20.08.2026", "Oppfølgingskontakt med deltakeren"],
      ["25.08.2026", "Nye vilkår i jobben hos Rema 1000 Ås: 16 timer per uke"],
      ["11.09.2026", "Møte med deltakeren"],
      ["01.10.2026", "Veiledning om trygd og økonomi: takket nei"],
    ]);
    expect(sections["employer-contacts"]).toEqual([["15.09.2026", "Bakeri <Øst> & Co", "1. møte: be om en samtale"]]);
    expect(sections.placements).toEqual([
      ["Jobb: Rema 1000 Ås", "15.06.2026", "10.09.2026 (Midlertidig stilling tok slutt)", "16 timer per uke, lønnstilskudd (NAV), midlertidig"],
    ]);
    expect(sections["phase-changes"]).toEqual([
      ["10.09.2026", "Oppfølging", "Jobbsøk"],
      ["20.10.2026", "Jobbsøk", "Avsluttet"],
    ]);
    expect(sections.counts).toEqual([
      ["Møter med deltakeren", "1"],
      ["Oppfølgingskontakter", "1"],
      ["Veiledning om trygd og økonomi", "1"],
      ["Arbeidsgiverkontakter", "1"],
      ["Jobbtilbud", "0"],
      ["Jobbstarter", "0"],
      ["Skolestarter", "0"],
    ]);
  });

  it("an interval report of a chosen period starts no earlier than the referral and shows work as it stood at the period's end", async () => {
    const res = await report(participantId, "kind=interval&from=2026-05-01&to=2026-07-31&format=html");
    expect(res.status, res.text).toBe(200);
    const { facts, sections, headings } = parse(res.text);
    expect(facts.Periode).toBe("04.05.2026 – 31.07.2026");
    expect([facts["Fase ved periodens start"], facts["Fase ved periodens slutt"]]).toEqual(["Henvist", "Oppfølging"]);
    expect(headings).not.toContain("exit");
    expect(sections.activities).toEqual([
      ["06.05.2026", "Møte med deltakeren"],
      ["20.05.2026", "Veiledning om trygd og økonomi: gjennomført"],
      ["17.06.2026", "Oppfølgingskontakt med deltakeren"],
      ["24.06.2026", "Oppfølgingskontakt med arbeidsgiveren"],
    ]);
    expect(sections["employer-contacts"]).toEqual([
      ["12.05.2026", "Kiwi Storo", "1. møte: be om en samtale"],
      ["26.05.2026", "Rema 1000 Ås", "2. møte: bli kjent med bedriften"],
      ["02.06.2026", "Rema 1000 Ås", "3. møte: presentere en jobbsøker"],
      ["03.06.2026", "Rema 1000 Ås", "Jobbtilbud, oppstart 15.06.2026: 12 timer per uke"],
    ]);
    expect(sections.placements).toEqual([["Jobb: Rema 1000 Ås", "15.06.2026", "pågår", "12 timer per uke, lønnstilskudd (NAV), midlertidig"]]);
    // Placement turns into follow-up four weeks after the start, with no event of its own.
    expect(sections["phase-changes"]).toEqual([
      ["12.05.2026", "Henvist", "Jobbsøk"],
      ["15.06.2026", "Jobbsøk", "Ny i jobb eller skole"],
      ["13.07.2026", "Ny i jobb eller skole", "Oppfølging"],
    ]);
  });

  it("an end report covers the whole participation up to the exit, with its coded reason; in English when asked", async () => {
    const res = await report(participantId, "kind=end&format=html&locale=en");
    expect(res.status, res.text).toBe(200);
    const { facts, sections, title } = parse(res.text);
    expect(title).toBe("End report");
    expect(facts.Period).toBe("4 May 2026 – 20 Oct 2026");
    expect([facts.Exited, facts["Reason for exit"]]).toEqual(["20 Oct 2026", "Moved"]);
    expect(sections.activities.map(([date, what]) => `${date}: ${what}`)).toEqual([
      "6 May 2026: Meeting with the participant",
      "20 May 2026: Benefits counselling: held",
      "17 Jun 2026: Follow-up contact with the participant",
      "24 Jun 2026: Follow-up contact with the employer",
      "20 Aug 2026: Follow-up contact with the participant",
      "25 Aug 2026: New terms in the job at Rema 1000 Ås: 16 hours per week",
      "11 Sept 2026: Meeting with the participant",
      "1 Oct 2026: Benefits counselling: declined",
    ]);
    expect(sections["employer-contacts"].map(([date, employer]) => `${date} ${employer}`)).toEqual([
      "12 May 2026 Kiwi Storo",
      "26 May 2026 Rema 1000 Ås",
      "2 Jun 2026 Rema 1000 Ås",
      "3 Jun 2026 Rema 1000 Ås",
      "15 Sept 2026 Bakeri <Øst> & Co",
    ]);
    expect(sections.placements).toEqual([["Job: Rema 1000 Ås", "15 Jun 2026", "10 Sept 2026 (Temporary post ended)", "16 hours per week, wage subsidy (NAV), temporary"]]);
    expect(sections["phase-changes"].map(([, from, to]) => `${from} → ${to}`)).toEqual([
      "Referred → Job search",
      "Job search → New in work or school",
      "New in work or school → Follow-up",
      "Follow-up → Job search",
      "Job search → Exited",
    ]);
  });

  it("renders the end report as a PDF with the same content, in order, and a page 1 that shows it", async () => {
    const res = await report(participantId, "kind=end", team.specialistToken);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode(res.bytes.slice(0, 5))).toBe("%PDF-");
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toBe(`inline; filename="ips-end-report-${participantId}-2026-05-04-2026-10-20.pdf"`);

    const pages = await pdfLines(res.bytes);
    const lines = pages.flat();
    const html = parse((await report(participantId, "kind=end&format=html", team.specialistToken)).text);
    expect(lines[0]).toBe("Sluttrapport");
    expect(lines).toContain("Deltaker | K.L.");
    expect(lines).toContain("Årsak til avslutning | Flyttet");
    // Every row of these sections is one line of the PDF, in the HTML's order.
    for (const section of ["activities", "employer-contacts", "phase-changes"]) {
      const rows = html.sections[section].map((row) => row.join(" | "));
      expect(lines.filter((line) => rows.includes(line)), section).toEqual(rows);
    }
    expect(lines.some((line) => line.startsWith("Jobb: Rema 1000 Ås | 15.06.2026 | 10.09.2026"))).toBe(true);
    expect(pages.every((page, i) => page.at(-1) === `Sluttrapport – K.L. – Side ${i + 1} av ${pages.length}`)).toBe(true);

    const drawn = await renderFirstPage(browser, res.bytes, join(projectRoot, "docs", "screenshots", "participant-report.png"));
    expect(drawn.pages).toBe(pages.length);
    expect(drawn.width).toBeGreaterThan(800);
    // Text and rules cover a few percent of an A4 page; a blank page has no ink at all.
    expect(drawn.ink / (drawn.width * drawn.height)).toBeGreaterThan(0.005);
  });

  it("writes characters outside the PDF fonts' encoding without failing", async () => {
    const s = scenario(system);
    const id = (await system.api.post("/participants", { code: "S.Á.", teamId: team.team.id, specialistId: team.specialist.id, referredAt: oslo("2026-10-05T09:00") })).body.id;
    await s.record(team, id, { type: "employer-contact", employer: "Čáhcesullo ŋ AS 🙂", at: oslo("2026-10-06T10:00") });
    const res = await report(id, "kind=interval");
    expect(res.status, res.text).toBe(200);
    const lines = (await pdfLines(res.bytes)).flat();
    expect(lines.some((line) => line.includes("Cáhcesullo ? AS ?"))).toBe(true);
    expect(lines).toContain("Deltaker | S.Á.");
  });
});

describe("what a report never shows", () => {
  it("no health words, no free text, no wishes; the participant by code only, and never in the file name", async () => {
    for (const query of ["kind=interval&format=html", "kind=end&format=html", "kind=end&format=html&locale=en", "kind=interval", "kind=end&locale=en"]) {
      const res = await report(participantId, query);
      expect(res.status).toBe(200);
      const text = res.headers.get("content-type") === "application/pdf" ? (await pdfLines(res.bytes)).flat().join("\n") : res.text;
      expectNoPersonalData(text, [...healthWords, wish]);
      expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^inline; filename="ips-(interval|end)-report-${participantId}-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.(pdf|html)"$`));
      expect(res.headers.get("content-disposition")).not.toContain("K.L.");
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("a reason stored as free text before the codes reads as other", async () => {
    const id = (await system.api.post("/participants", { code: "F.T.", teamId: team.team.id, specialistId: team.specialist.id, referredAt: oslo("2026-09-01T09:00") })).body.id;
    const s = scenario(system);
    const job = await s.record(team, id, { type: "job-start", employer: "Coop", hoursPerWeek: 10, wage: "ordinary", temporary: false, at: oslo("2026-09-07T10:00") });
    const profile = await getParticipant(system.deps, id);
    await recordEvent(system.deps, profile!, { type: "job-end", at: oslo("2026-09-20T10:00"), jobId: job.event.id, reason: "sykemeldt" as "other" }, "free-text-1");
    await recordEvent(system.deps, (await getParticipant(system.deps, id))!, { type: "exit", at: oslo("2026-10-01T10:00"), reason: "innlagt på psykiatrisk avdeling" as "other" }, "free-text-2");
    const res = await report(id, "kind=end&format=html");
    expect(res.status, res.text).toBe(200);
    const { facts, sections } = parse(res.text);
    expect(facts["Årsak til avslutning"]).toBe("Annet");
    expect(sections.placements[0][2]).toBe("20.09.2026 (Annet)");
    expectNoPersonalData(res.text, healthWords);
  });

  it("escapes everything it prints: an employer's name never becomes markup", async () => {
    const { text } = await report(participantId, "kind=end&format=html");
    expect(text).toContain("Bakeri &lt;Øst&gt; &amp; Co");
    expect(text).not.toContain("<Øst>");
    expect(text).not.toMatch(/<script/i);
  });

  it("serves its HTML under a policy that runs no script", async () => {
    const res = await report(participantId, "kind=interval&format=html");
    expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("asking for a report", () => {
  it("refuses what it cannot answer, naming the parameter", async () => {
    const exited = participantId;
    const active = (await system.api.post("/participants", { code: "A.K.", teamId: team.team.id, specialistId: team.specialist.id, referredAt: oslo("2026-10-01T09:00") })).body.id;
    const cases: Array<[string, string, RegExp]> = [
      [active, "", /^kind: /],
      [active, "kind=final", /^kind: /],
      [active, "kind=end", /^kind: the participant has not exited/],
      [exited, "kind=end&from=2026-06-01", /^from: an end report covers the whole participation/],
      [exited, "kind=end&to=2026-06-01", /^to: an end report covers the whole participation/],
      [active, "kind=interval&from=2026-10-20&to=2026-10-10", /^from: must not be after to/],
      [active, "kind=interval&to=2026-11-03", /^to: must not be after today \(2026-11-02\)/],
      [active, "kind=interval&to=2026-09-30", /^to: must not be before the referral \(2026-10-01\)/],
      [active, "kind=interval&from=2026-02-30", /^from: /],
      [active, "kind=interval&format=docx", /^format: /],
      [active, "kind=interval&locale=sv", /^locale: /],
    ];
    for (const [id, query, message] of cases) {
      const res = await report(id, query);
      expect(res.status, query).toBe(400);
      expect(JSON.parse(res.text).message, query).toMatch(message);
    }
  });

  it("is documented in the OpenAPI document with its query parameters and media types", async () => {
    const document = (await system.api.get("/openapi.json")).body;
    const operation = document.paths["/participants/{id}/report"].get;
    expect(operation.parameters.map((p: { in: string; name: string }) => `${p.in}:${p.name}`).sort()).toEqual([
      "path:id",
      "query:format",
      "query:from",
      "query:kind",
      "query:locale",
      "query:to",
    ]);
    expect(Object.keys(operation.responses["200"].content)).toEqual(["application/pdf", "text/html"]);
  });
});

describe("who may read a report", () => {
  it("the specialist of the caseload, their team and admins; no other specialist or team; no token 401; erased 410; each read audited", async () => {
    const other = await seedTeam(system.api);
    const en = await seedTeam(system.api, { locale: "en" });
    const refer = async (code: string) =>
      (await system.api.post("/participants", { code, teamId: en.team.id, specialistId: en.specialist.id, referredAt: oslo("2026-10-01T09:00") })).body.id as string;
    const id = await refer("R.E.");
    const allowed = ["dev:admin", en.specialistToken, en.teamToken];
    for (const token of allowed) {
      const res = await report(id, "kind=interval&format=html", token);
      expect(res.status, token).toBe(200);
      // The team's language, without asking.
      expect(parse(res.text).title, token).toBe("Interval report");
    }
    for (const token of [other.specialistToken, other.teamToken, team.specialistToken]) {
      const res = await report(id, "kind=interval", token);
      expect(res.status, token).toBe(403);
      expect(JSON.parse(res.text)).toEqual({ message: expect.any(String) });
      expect(res.text).not.toContain("R.E.");
    }
    expect((await report(id, "kind=interval", null)).status).toBe(401);

    const erased = await refer("E.X.");
    expect((await system.api.call("DELETE", `/participants/${erased}`, { token: "dev:admin" })).status).toBe(200);
    for (const token of ["dev:admin", en.specialistToken]) expect((await report(erased, "kind=interval", token)).status).toBe(410);

    const audit = (await system.api.get("/admin/audit")).body.entries as Array<{ action: string; target: string; actor: string }>;
    const reads = audit.filter((entry) => entry.action === "participant.report" && entry.target === id).map((entry) => entry.actor);
    expect(reads).toEqual(["admin", `specialist:${en.specialist.id}`, `team:${en.team.id}`]);
  });
});
