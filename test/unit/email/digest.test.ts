import { describe, expect, it } from "vitest";
import { renderDigest, type DigestItem } from "../../../shared/email";
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

describe("renderDigest subject", () => {
  it("counts today's tasks and the overdue ones (nb)", () => {
    const email = renderDigest(digestInput([overdueItem, dueItem, secondDue]));
    expect(email.subject).toBe("IPS: 3 oppgaver i dag (1 forfalt)");
  });

  it("counts today's tasks and the overdue ones (en)", () => {
    const email = renderDigest(digestInput([overdueItem, dueItem, secondDue], { locale: "en" }));
    expect(email.subject).toBe("IPS: 3 tasks today (1 overdue)");
  });

  it("uses the singular for one task and leaves out an empty overdue count", () => {
    expect(renderDigest(digestInput([dueItem])).subject).toBe("IPS: 1 oppgave i dag");
    expect(renderDigest(digestInput([dueItem], { locale: "en" })).subject).toBe("IPS: 1 task today");
  });

  it("inflects the overdue count in bokmål", () => {
    const twoLate = [overdueItem, { ...overdueItem, participantId: "01JOVERDUE2", code: "Q.R." }];
    expect(renderDigest(digestInput(twoLate)).subject).toBe("IPS: 2 oppgaver i dag (2 forfalte)");
    expect(renderDigest(digestInput(twoLate, { locale: "en" })).subject).toBe("IPS: 2 tasks today (2 overdue)");
  });

  it("counts coming deadlines apart from today's tasks", () => {
    expect(renderDigest(digestInput([dueItem, upcomingItem])).subject).toBe("IPS: 1 oppgave i dag, 1 frist nærmer seg");
    const twoComing = [upcomingItem, { ...upcomingItem, participantId: "01JUP2", code: "G.H." }];
    expect(renderDigest(digestInput(twoComing)).subject).toBe("IPS: 2 frister nærmer seg");
    expect(renderDigest(digestInput(twoComing, { locale: "en" })).subject).toBe("IPS: 2 deadlines coming up");
  });
});

describe("renderDigest content", () => {
  it("lists overdue, due-today and coming items in that order, each with what to do and when (nb)", () => {
    const email = renderDigest(digestInput([upcomingItem, dueItem, overdueItem]));
    const text = email.text;
    expect(text.indexOf("Forfalt (1)")).toBeLessThan(text.indexOf("Å gjøre i dag (1)"));
    expect(text.indexOf("Å gjøre i dag (1)")).toBeLessThan(text.indexOf("Frister som nærmer seg (1)"));
    expect(textSection(text, "Forfalt (1)")).toContain(
      "K.L. · Ta første arbeidsgiverkontakt · Frist: fredag 20. november · 3 dager over fristen",
    );
    expect(textSection(text, "Å gjøre i dag (1)")).toContain("P-0193 · Ta oppfølgingskontakt med deltaker eller arbeidsgiver · Frist: mandag 23. november");
    expect(textSection(text, "Frister som nærmer seg (1)")).toContain("M.N. · Ta første arbeidsgiverkontakt · Frist: fredag 27. november · om 4 dager");
    expect(text).toMatch(/^IPS-oppgaver mandag 23\. november$/m);
    expectInBothParts(email, [
      "IPS-oppgaver mandag 23. november",
      "Forfalt (1)",
      "Å gjøre i dag (1)",
      "Frister som nærmer seg (1)",
      "Ta første arbeidsgiverkontakt",
      "fredag 20. november",
      "3 dager over fristen",
      "om 4 dager",
    ]);
  });

  it("lists the same in English", () => {
    const email = renderDigest(digestInput([upcomingItem, dueItem, overdueItem], { locale: "en" }));
    expect(textSection(email.text, "Overdue (1)")).toContain("K.L. · Make the first employer contact · Due: Friday 20 November · 3 days overdue");
    expect(textSection(email.text, "Deadlines coming up (1)")).toContain("in 4 days");
    expectInBothParts(email, ["IPS tasks for Monday 23 November", "To do today (1)", "Make a follow-up contact with the participant or employer"]);
    expect(email.html).toContain('<html lang="en">');
    expect(email.text).not.toMatch(/frist|oppgave/i);
  });

  it("lists under today's work what falls due on the coming days off, saying when", () => {
    // Friday 27 November: Saturday's item is listed as work for today, due in one day.
    const friday: DigestItem = { ...dueItem, dueAt: "2026-11-27T07:00:00.000Z" };
    const saturday: DigestItem = { ...dueItem, participantId: "01JSATURDAY", dueAt: "2026-11-28T09:00:00.000Z" };
    const email = renderDigest(digestInput([saturday, friday], { today: "2026-11-27" }));
    const section = textSection(email.text, "Å gjøre i dag (2)");
    expect(section).toContain("Frist: fredag 27. november · i dag");
    expect(section).toContain("Frist: lørdag 28. november · om 1 dag");
    expect(renderDigest(digestInput([saturday], { today: "2026-11-27", locale: "en" })).text).toContain("Due: Saturday 28 November · in 1 day");
  });

  it("leaves out sections with nothing in them", () => {
    const email = renderDigest(digestInput([dueItem]));
    expect(email.text).not.toContain("Forfalt");
    expect(email.text).not.toContain("Frister som nærmer seg");
    expect(email.html).not.toContain("Forfalt");
  });

  it("uses the singular for one day over the deadline", () => {
    const email = renderDigest(digestInput([{ ...overdueItem, daysOverdue: 1 }]));
    expect(email.text).toContain("1 dag over fristen");
    expect(renderDigest(digestInput([{ ...overdueItem, daysOverdue: 1 }], { locale: "en" })).text).toContain("1 day overdue");
  });

  it("counts the days overdue from today when the item does not say", () => {
    const { daysOverdue: _, ...withoutCount } = overdueItem;
    expect(renderDigest(digestInput([withoutCount])).text).toContain("3 dager over fristen");
  });

  it("shows dates on the calendar of the given time zone", () => {
    const oslo = renderDigest(digestInput([upcomingItem]));
    expect(oslo.text).toContain("fredag 27. november");
    const newYork = renderDigest(digestInput([upcomingItem], { timeZone: "America/New_York" }));
    expect(newYork.text).toContain("torsdag 26. november");
    expect(newYork.text).toContain("om 3 dager");
  });

  it("adds the year to a date from another year", () => {
    const email = renderDigest(digestInput([{ ...overdueItem, dueAt: "2026-12-28T09:00:00.000Z", daysOverdue: 7 }], { today: "2027-01-04" }));
    expect(email.text).toContain("Frist: mandag 28. desember 2026");
    expect(email.text).toMatch(/^IPS-oppgaver mandag 4\. januar$/m);
  });

  it("links every participant to its page in both parts", () => {
    const email = renderDigest(digestInput([overdueItem, dueItem, upcomingItem]));
    for (const id of ["01JOVERDUE", "01JDUE", "01JUPCOMING"]) {
      expect(email.html).toContain(`href="${baseUrl}/participants/${id}"`);
      expect(email.text).toContain(`\n  ${baseUrl}/participants/${id}\n`);
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
