import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import type { EventBody, ParticipantEvent } from "../../../core/domain/schemas";
import { reportPeriod } from "../../../core/reports/period";
import { buildParticipantReport, phaseChangesOf } from "../../../core/reports/model";
import { reportDocument } from "../../../core/reports/document";
import { renderReportHtml } from "../../../core/reports/html";
import { encodable, renderReportPdf } from "../../../core/reports/pdf";
import { reportCatalogues } from "../../../core/reports/i18n";
import { resolveRules } from "../../../core/journey/rules";
import { pdfLines } from "../../support/pdf";

/** The pure part of a participant's report: its period, what it holds, and both renderings. */
const zone = "Europe/Oslo";
const deployment = { timeZone: zone, rules: {} };
const referredAt = "2026-05-04T07:00:00Z";
let n = 0;
/** An event's body without its time, kind by kind. */
type Body = EventBody extends infer E ? (E extends EventBody ? Omit<E, "at"> : never) : never;
const event = (at: string, body: Body): ParticipantEvent => ({ ...body, at, id: `E${String(++n).padStart(4, "0")}`, recordedAt: at }) as ParticipantEvent;
const now = new Date("2026-11-02T09:00:00Z");

describe("the period of a report", () => {
  const facts = { referredAt, now, timeZone: zone };

  it("an interval covers the three months up to today by default, from the day after the same date three months earlier", () => {
    expect(reportPeriod({ kind: "interval" }, facts)).toEqual({ from: "2026-08-03", to: "2026-11-02" });
    expect(reportPeriod({ kind: "interval", to: "2026-08-31" }, facts)).toEqual({ from: "2026-06-01", to: "2026-08-31" });
    expect(reportPeriod({ kind: "interval", from: "2026-10-01", to: "2026-10-01" }, facts)).toEqual({ from: "2026-10-01", to: "2026-10-01" });
  });

  it("never starts before the referral nor ends after today (in the deployment's zone)", () => {
    expect(reportPeriod({ kind: "interval", to: "2026-06-30" }, facts)).toEqual({ from: "2026-05-04", to: "2026-06-30" });
    // 23:30 UTC on 2 November is already 3 November in Oslo.
    expect(reportPeriod({ kind: "interval", to: "2026-11-03" }, { ...facts, now: new Date("2026-11-02T23:30:00Z") }).to).toBe("2026-11-03");
    expect(() => reportPeriod({ kind: "interval", to: "2026-11-03" }, facts)).toThrow(/^to: must not be after today/);
    expect(() => reportPeriod({ kind: "interval", to: "2026-05-03" }, facts)).toThrow(/^to: must not be before the referral/);
    expect(() => reportPeriod({ kind: "interval", from: "2026-10-02", to: "2026-10-01" }, facts)).toThrow(/^from: must not be after to/);
  });

  it("an end report covers referral to exit, and only after an exit", () => {
    expect(reportPeriod({ kind: "end" }, { ...facts, exitedAt: "2026-10-19T22:30:00Z" })).toEqual({ from: "2026-05-04", to: "2026-10-20" });
    expect(() => reportPeriod({ kind: "end" }, facts)).toThrow(/^kind: /);
    expect(() => reportPeriod({ kind: "end", to: "2026-10-01" }, { ...facts, exitedAt: "2026-10-19T22:30:00Z" })).toThrow(/^to: /);
  });
});

describe("phase changes", () => {
  it("follow the journey: job search, placement, follow-up by time alone, a pause and its end, exit and a return", () => {
    const events = [
      event("2026-05-12T08:00:00Z", { type: "employer-contact", employer: "Kiwi" }),
      event("2026-06-15T06:00:00Z", { type: "job-start", employer: "Kiwi", hoursPerWeek: 8, wage: "ordinary", temporary: false }),
      // A second start in placement starts placement again: no change of phase.
      event("2026-06-20T06:00:00Z", { type: "education-start" }),
      event("2026-08-01T08:00:00Z", { type: "pause" }),
      event("2026-08-20T08:00:00Z", { type: "resume" }),
      event("2026-09-01T08:00:00Z", { type: "exit", reason: "moved" }),
      event("2026-10-01T08:00:00Z", { type: "resume" }),
    ];
    const changes = phaseChangesOf({ referredAt }, events, now.getTime(), { timeZone: zone, rules: resolveRules({}) });
    expect(changes.map(({ at, from, to }) => `${at.slice(0, 10)} ${from} → ${to}`)).toEqual([
      "2026-05-12 referral → job-search",
      "2026-06-15 job-search → placement",
      // Four weeks after the latest start (20 June): 18 July 00:00 in Oslo, 22:00 UTC the day before.
      "2026-07-17 placement → follow-up",
      "2026-08-01 follow-up → paused",
      "2026-08-20 paused → follow-up",
      "2026-09-01 follow-up → exited",
      // Back after exit, still in work and school: follow-up again.
      "2026-10-01 exited → follow-up",
    ]);
  });
});

describe("what a report holds", () => {
  const events = [
    event("2026-07-30T08:00:00Z", { type: "participant-meeting" }),
    event("2026-08-02T22:30:00Z", { type: "employer-contact", employer: "Oslo Sveis", visit: 2 }),
    event("2026-08-10T08:00:00Z", { type: "follow-up-interval", days: 14 }),
    event("2026-11-02T08:00:00Z", { type: "participant-meeting" }),
  ];

  it("takes an event by its local date: 00:30 in Oslo on 3 August is in a period from 3 August; settings are no activity", () => {
    const report = buildParticipantReport({ kind: "interval", period: { from: "2026-08-03", to: "2026-11-01" }, profile: { id: "P", code: "K.L.", referredAt }, events, now, deployment });
    expect(report.employerContacts).toEqual([{ at: "2026-08-02T22:30:00Z", kind: "employer-contact", employer: "Oslo Sveis", visit: 2 }]);
    expect(report.activities).toEqual([]);
    expect(report.counts.participantMeetings).toBe(0);
  });

  it("prints every value escaped in its HTML", () => {
    const hostile = [event("2026-08-05T08:00:00Z", { type: "employer-contact", employer: `"><script>alert(1)</script><img src=x onerror=alert(2)>` })];
    const report = buildParticipantReport({ kind: "interval", period: { from: "2026-08-03", to: "2026-11-02" }, profile: { id: "P", code: "K&L.", referredAt }, events: hostile, now, deployment });
    const html = renderReportHtml(reportDocument(report, { locale: "nb", timeZone: zone }));
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;");
    expect(html).toContain("<td>K&amp;L.</td>");
  });

  it("has every word in both languages, and none that hints at health", () => {
    const flat = (value: unknown): string[] =>
      typeof value === "string" ? [value] : typeof value === "function" ? [String(value(1, 2))] : Object.values(value as object).flatMap(flat);
    for (const words of Object.values(reportCatalogues)) {
      const all = flat(words).join("\n").toLowerCase();
      for (const word of ["diagnos", "behandl", "treatment", "psyk", "psych", "medisin", "medic", "terapi", "therap", "helse", "health", "sykdom", "illness"]) {
        expect(all).not.toContain(word);
      }
    }
    expect(Object.keys(reportCatalogues.en).sort()).toEqual(Object.keys(reportCatalogues.nb).sort());
  });
});

describe("the PDF", () => {
  it("goes on over pages with the table's header again, and numbers every page", async () => {
    const many = Array.from({ length: 90 }, (_, i) =>
      event(new Date(Date.parse("2026-08-03T08:00:00Z") + i * 86_400_000).toISOString(), { type: "employer-contact", employer: `Arbeidsgiver ${i + 1} med et langt navn som må brytes over flere linjer i kolonnen` }),
    );
    const report = buildParticipantReport({ kind: "interval", period: { from: "2026-08-03", to: "2026-11-02" }, profile: { id: "P", code: "K.L.", referredAt }, events: many, now, deployment });
    const pages = await pdfLines(await renderReportPdf(reportDocument(report, { locale: "nb", timeZone: zone }), { createdAt: now }));
    expect(pages.length).toBeGreaterThan(2);
    const header = "Dato | Arbeidsgiver | Hva";
    // The table starts on page 1 or 2 and every later page it runs on starts with its header.
    const continued = pages.slice(1).filter((page) => page.some((line) => line.startsWith("Arbeidsgiver 90") || /^\d\d\.\d\d\.2026 \| Arbeidsgiver/.test(line)));
    expect(continued.length).toBeGreaterThan(1);
    for (const page of continued) expect(page[0]).toBe(header);
    pages.forEach((page, i) => expect(page.at(-1)).toBe(`Intervallrapport – K.L. – Side ${i + 1} av ${pages.length}`));
    const text = pages.flat().join("\n");
    for (let i = 1; i <= 90; i++) expect(text).toContain(`Arbeidsgiver ${i} med`);
  });

  it("writes what the standard fonts cannot encode as its base letter or '?', and control characters as spaces", async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    expect(encodable("Ærlig Øl på Å – «god» €5", font)).toBe("Ærlig Øl på Å – «god» €5");
    expect(encodable("Čáhcesullo ŋ 🙂\tAS\u0000", font)).toBe("Cáhcesullo ? ? AS ");
  });
});
