import { describe, expect, it } from "vitest";
import { renderDigest, type DigestItem } from "../../../core/email";
import { expectNoPersonalData } from "../../support/privacy";
import {
  baseUrl,
  digestInput,
  dueItem,
  expectInBothParts,
  expectSelfContainedHtml,
  healthWords,
  overdueItem,
  textSection,
  upcomingItem,
} from "./fixtures";

const secondDue: DigestItem = { ...dueItem, participantId: "01JDUE2", code: "T.U.", kind: "job-start-follow-up" };
/** Another participant's item, long overdue (20 days). */
const longOverdue: DigestItem = {
  participantId: "01JLONG",
  code: "A.A.",
  kind: "job-start-follow-up",
  dueAt: "2026-11-02T23:00:00.000Z",
  section: "overdue",
  daysOverdue: 20,
};
/** K.L.'s other items: benefits counselling overdue with the deadline, outreach due today. */
const klCounselling: DigestItem = { ...overdueItem, kind: "benefits-counselling" };
const klOutreach: DigestItem = { ...dueItem, participantId: overdueItem.participantId, code: overdueItem.code, kind: "outreach" };

/** The text part's participant rows ("- code · task (status) · …"). */
const rowLines = (text: string) => text.split("\n").filter((line) => line.startsWith("- "));
/** The HTML part's table rows, headers left out. */
const htmlRows = (html: string) => [...html.matchAll(/<tbody>(.*?)<\/tbody>/gs)].flatMap((m) => m[1].match(/<tr>.*?<\/tr>/gs) ?? []);

describe("renderDigest subject", () => {
  it("counts what is overdue and what is due today (nb)", () => {
    const email = renderDigest(digestInput([overdueItem, dueItem, secondDue]));
    expect(email.subject).toBe("IPS: 1 over fristen, 2 i dag");
  });

  it("counts what is overdue and what is due today (en)", () => {
    const email = renderDigest(digestInput([overdueItem, dueItem, secondDue], { locale: "en" }));
    expect(email.subject).toBe("IPS: 1 overdue, 2 due today");
  });

  it("counts items, not participants", () => {
    const oneParticipant = [overdueItem, klCounselling, klOutreach];
    expect(renderDigest(digestInput(oneParticipant)).subject).toBe("IPS: 2 over fristen, 1 i dag");
    expect(renderDigest(digestInput(oneParticipant, { locale: "en" })).subject).toBe("IPS: 2 overdue, 1 due today");
  });

  it("leaves out a part that would be zero", () => {
    expect(renderDigest(digestInput([dueItem])).subject).toBe("IPS: 1 i dag");
    expect(renderDigest(digestInput([dueItem], { locale: "en" })).subject).toBe("IPS: 1 due today");
    const twoLate = [overdueItem, longOverdue];
    expect(renderDigest(digestInput(twoLate)).subject).toBe("IPS: 2 over fristen");
    expect(renderDigest(digestInput(twoLate, { locale: "en" })).subject).toBe("IPS: 2 overdue");
  });

  it("counts what falls due on the coming days off as due today", () => {
    const saturday: DigestItem = { ...dueItem, dueAt: "2026-11-28T09:00:00.000Z" };
    expect(renderDigest(digestInput([saturday, overdueItem], { today: "2026-11-27" })).subject).toBe("IPS: 1 over fristen, 1 i dag");
  });

  it("names coming deadlines only when there is nothing else", () => {
    const twoComing = [upcomingItem, { ...upcomingItem, participantId: "01JUP2", code: "G.H." }];
    expect(renderDigest(digestInput(twoComing)).subject).toBe("IPS: 2 frister nærmer seg");
    expect(renderDigest(digestInput(twoComing, { locale: "en" })).subject).toBe("IPS: 2 deadlines coming up");
    expect(renderDigest(digestInput([upcomingItem])).subject).toBe("IPS: 1 frist nærmer seg");
    expect(renderDigest(digestInput([upcomingItem], { locale: "en" })).subject).toBe("IPS: 1 deadline coming up");
    expect(renderDigest(digestInput([dueItem, upcomingItem])).subject).toBe("IPS: 1 i dag");
    expect(renderDigest(digestInput([overdueItem, upcomingItem], { locale: "en" })).subject).toBe("IPS: 1 overdue");
  });
});

describe("renderDigest content", () => {
  it("shows one row per participant with all their items, each with its status (nb)", () => {
    const email = renderDigest(digestInput([klOutreach, upcomingItem, dueItem, klCounselling, overdueItem]));
    expect(rowLines(email.text)).toEqual([
      "- K.L. (!) · Ta første arbeidsgiverkontakt (3 dager over fristen) · Tilby rådgivning om økonomi og ytelser (3 dager over fristen) · Nå ut til deltakeren – ingen kontakt på 30 dager (i dag)",
      "- P-0193 · Ta oppfølgingskontakt med deltaker eller arbeidsgiver (i dag)",
      "- M.N. · Ta første arbeidsgiverkontakt (om 4 dager)",
    ]);
    const rows = htmlRows(email.html);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/>K\.L\.<\/a>/);
    expect(rows[0]).toContain("Ta første arbeidsgiverkontakt (3 dager over fristen) · Tilby rådgivning om økonomi og ytelser (3 dager over fristen) · Nå ut til deltakeren – ingen kontakt på 30 dager (i dag)");
    expect(email.text).toMatch(/^IPS-oppgaver mandag 23\. november$/m);
    expectInBothParts(email, ["IPS-oppgaver mandag 23. november", "Over fristen", "Å gjøre i dag", "Frister som nærmer seg"]);
    expect(email.html).toContain(">Deltaker</th>");
    expect(email.html).toContain(">Oppgaver</th>");
  });

  it("puts a participant with a missed 30-day deadline first, then the most overdue, then today's, then coming deadlines", () => {
    const missedOneDay: DigestItem = { ...overdueItem, dueAt: "2026-11-21T23:00:00.000Z", daysOverdue: 1 };
    const twoDaysLate: DigestItem = { ...longOverdue, participantId: "01JLATE", code: "0-17", dueAt: "2026-11-20T23:00:00.000Z", daysOverdue: 2 };
    const email = renderDigest(digestInput([upcomingItem, dueItem, twoDaysLate, longOverdue, missedOneDay]));
    expect(rowLines(email.text).map((line) => line.split(" · ")[0])).toEqual(["- K.L. (!)", "- A.A. (!)", "- 0-17 (!)", "- P-0193", "- M.N."]);
    expect(htmlRows(email.html).map((row) => /<a [^>]*>([^<]*)<\/a>/.exec(row)![1])).toEqual(["K.L.", "A.A.", "0-17", "P-0193", "M.N."]);
  });

  it("sets each row under the heading of its most urgent item and leaves out empty headings", () => {
    const email = renderDigest(digestInput([klOutreach, upcomingItem, { ...upcomingItem, participantId: "01JDUE", code: "P-0193" }, dueItem, overdueItem]));
    const text = email.text;
    expect(text.indexOf("Over fristen\n")).toBeLessThan(text.indexOf("Å gjøre i dag\n"));
    expect(text.indexOf("Å gjøre i dag\n")).toBeLessThan(text.indexOf("Frister som nærmer seg\n"));
    expect(textSection(text, "Over fristen")).toContain("K.L. (!) · Ta første arbeidsgiverkontakt (3 dager over fristen) · Nå ut til deltakeren – ingen kontakt på 30 dager (i dag)");
    // P-0193 has something due today and a deadline coming: one row, under today's heading.
    expect(textSection(text, "Å gjøre i dag")).toContain(
      "P-0193 · Ta oppfølgingskontakt med deltaker eller arbeidsgiver (i dag) · Ta første arbeidsgiverkontakt (om 4 dager)",
    );
    expect(textSection(text, "Frister som nærmer seg")).toContain("M.N. · Ta første arbeidsgiverkontakt (om 4 dager)");
    expect(textSection(text, "Frister som nærmer seg")).not.toContain("P-0193");

    const todayOnly = renderDigest(digestInput([dueItem]));
    for (const part of [todayOnly.text, todayOnly.html]) {
      expect(part).not.toContain("Over fristen");
      expect(part).not.toContain("Frister som nærmer seg");
    }
  });

  it("flags a participant with anything overdue, not the others", () => {
    const email = renderDigest(digestInput([overdueItem, klOutreach, dueItem]));
    const [late, onTime] = htmlRows(email.html);
    expect(late).toMatch(/<span style="color:#b00020;font-weight:bold;"><a [^>]*>K\.L\.<\/a><\/span>/);
    expect(onTime).not.toContain("#b00020");
    expect(rowLines(email.text)).toEqual([
      "- K.L. (!) · Ta første arbeidsgiverkontakt (3 dager over fristen) · Nå ut til deltakeren – ingen kontakt på 30 dager (i dag)",
      "- P-0193 · Ta oppfølgingskontakt med deltaker eller arbeidsgiver (i dag)",
    ]);
  });

  it("shows the same in English", () => {
    const email = renderDigest(digestInput([upcomingItem, dueItem, klOutreach, overdueItem], { locale: "en" }));
    expect(rowLines(email.text)).toEqual([
      "- K.L. (!) · Make the first employer contact (3 days overdue) · Reach out to the participant – no contact for 30 days (today)",
      "- P-0193 · Make a follow-up contact with the participant or employer (today)",
      "- M.N. · Make the first employer contact (in 4 days)",
    ]);
    expectInBothParts(email, ["IPS tasks for Monday 23 November", "Overdue", "To do today", "Deadlines coming up"]);
    expect(email.html).toContain(">Participant</th>");
    expect(email.html).toContain(">Tasks</th>");
    expect(email.html).toContain('<html lang="en">');
    expect(email.text).not.toMatch(/frist|oppgave|deltaker/i);
  });

  it("lists under today's work what falls due on the coming days off, saying when", () => {
    // Friday 27 November: Saturday's item is listed as work for today, due in one day.
    const friday: DigestItem = { ...dueItem, dueAt: "2026-11-27T07:00:00.000Z" };
    const saturday: DigestItem = { ...dueItem, participantId: "01JSATURDAY", code: "S.A.", dueAt: "2026-11-28T09:00:00.000Z" };
    const email = renderDigest(digestInput([saturday, friday], { today: "2026-11-27" }));
    expect(textSection(email.text, "Å gjøre i dag").split("\n").filter((line) => line.startsWith("- "))).toEqual([
      "- P-0193 · Ta oppfølgingskontakt med deltaker eller arbeidsgiver (i dag)",
      "- S.A. · Ta oppfølgingskontakt med deltaker eller arbeidsgiver (om 1 dag)",
    ]);
    expect(renderDigest(digestInput([saturday], { today: "2026-11-27", locale: "en" })).text).toContain(
      "S.A. · Make a follow-up contact with the participant or employer (in 1 day)",
    );
  });

  it("uses the singular for one day over the deadline", () => {
    const email = renderDigest(digestInput([{ ...overdueItem, daysOverdue: 1 }]));
    expect(email.text).toContain("(1 dag over fristen)");
    expect(renderDigest(digestInput([{ ...overdueItem, daysOverdue: 1 }], { locale: "en" })).text).toContain("(1 day overdue)");
  });

  it("counts the days overdue from today when the item does not say, and orders by them", () => {
    const { daysOverdue: _, ...withoutCount } = overdueItem;
    const { daysOverdue: __, ...longWithoutCount } = longOverdue;
    expect(renderDigest(digestInput([withoutCount])).text).toContain("(3 dager over fristen)");
    const plain = { ...withoutCount, kind: "outreach" as const };
    const email = renderDigest(digestInput([plain, longWithoutCount]));
    expect(rowLines(email.text)).toEqual([
      "- A.A. (!) · Følg opp oppstarten (20 dager over fristen)",
      "- K.L. (!) · Nå ut til deltakeren – ingen kontakt på 30 dager (3 dager over fristen)",
    ]);
  });

  it("counts the days on the calendar of the given time zone", () => {
    // 00:30 on Friday 27 November in Oslo is still Thursday 26 November in New York.
    expect(renderDigest(digestInput([upcomingItem])).text).toContain("(om 4 dager)");
    expect(renderDigest(digestInput([upcomingItem], { timeZone: "America/New_York" })).text).toContain("(om 3 dager)");
  });

  it("links every participant to its page in both parts, once per participant", () => {
    const email = renderDigest(digestInput([overdueItem, klCounselling, klOutreach, dueItem, upcomingItem]));
    for (const id of ["01JOVERDUE", "01JDUE", "01JUPCOMING"]) {
      expect(email.html.split(`href="${baseUrl}/participants/${id}"`)).toHaveLength(2);
      expect(email.text.split(`\n  ${baseUrl}/participants/${id}\n`)).toHaveLength(2);
    }
    expect(email.html).toMatch(new RegExp(`<a href="${baseUrl}/participants/01JOVERDUE"[^>]*>K\\.L\\.</a>`));
  });

  it("joins the base URL without a double slash and encodes the id", () => {
    const email = renderDigest(digestInput([{ ...dueItem, participantId: "a/b c" }], { baseUrl: `${baseUrl}/` }));
    expect(email.text).toContain(`${baseUrl}/participants/a%2Fb%20c`);
  });

  it("refuses a base URL that is not http(s)", () => {
    expect(() => renderDigest(digestInput([dueItem], { baseUrl: "javascript:alert(1)" }))).toThrow(/http/);
  });

  it("throws when there is nothing to send", () => {
    expect(() => renderDigest(digestInput([]))).toThrow(/at least one item/);
  });

  it("throws on an unknown time zone or an unreadable date", () => {
    expect(() => renderDigest(digestInput([dueItem], { timeZone: "Europe/Atlantis" }))).toThrow(/time zone/);
    expect(() => renderDigest(digestInput([{ ...dueItem, dueAt: "soon" }]))).toThrow(/01JDUE/);
  });
});

describe("renderDigest safety", () => {
  it("escapes every code in the HTML part and keeps it readable in the text part", () => {
    const hostile: DigestItem = { ...dueItem, code: `<script>alert("x")</script>&Co` };
    const email = renderDigest(digestInput([hostile]));
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;Co");
    expect(email.text).toContain(`<script>alert("x")</script>&Co`);
    expectSelfContainedHtml(email.html);
  });

  it("is a self-contained HTML document", () => {
    expectSelfContainedHtml(renderDigest(digestInput([overdueItem, dueItem, upcomingItem])).html);
  });

  it("shows nothing of a participant but the code, even when the item carries more", () => {
    const leaky = {
      ...overdueItem,
      fullName: "Kari Nordmann",
      diagnosis: "Paranoid schizofreni",
      notes: "Bytter medisin neste uke",
    } as DigestItem;
    const email = renderDigest(digestInput([leaky]));
    for (const part of [email.subject, email.html, email.text]) {
      expectNoPersonalData(part, ["Kari Nordmann", "Nordmann", "Paranoid schizofreni", "Bytter medisin", ...healthWords]);
    }
    expect(email.text).toContain("K.L.");
  });
});
