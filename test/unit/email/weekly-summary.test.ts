import { describe, expect, it } from "vitest";
import { renderWeeklySummary, type WeeklySummaryFigures } from "../../../core/email";
import { expectNoPersonalData } from "../../support/privacy";
import { weekBounds } from "../../../core/calendar/weeks";
import { baseUrl, expectInBothParts, expectSelfContainedHtml, healthWords, summaryFigures, textSection } from "./fixtures";

const nb = { locale: "nb", timeZone: "Europe/Oslo", baseUrl } as const;
const en = { locale: "en", timeZone: "Europe/Oslo", baseUrl } as const;

const quietWeek = (overrides: Partial<WeeklySummaryFigures> = {}): WeeklySummaryFigures =>
  summaryFigures({
    newReferrals: [],
    employerContacts: { total: 0, target: 6, perSpecialist: [] },
    starts: [],
    ends: [],
    overdue: [],
    comingFollowUps: [],
    caseloads: [],
    ...overrides,
  });

describe("renderWeeklySummary subject", () => {
  it("names the ISO week, the participants in the program and this week's job starts (nb)", () => {
    // Three starts, one of them education: only the two jobs count as new jobs. The participants are
    // all but the exited ones (15), new referrals and paused ones included, not only the 13 active.
    expect(renderWeeklySummary(summaryFigures(), nb).subject).toBe("IPS-oppsummering uke 48: 15 deltakere, 2 nye jobber");
  });

  it("says the same in English", () => {
    expect(renderWeeklySummary(summaryFigures(), en).subject).toBe("IPS summary week 48: 15 participants, 2 new jobs");
  });

  it("uses the singular for one participant and one new job", () => {
    const one = summaryFigures({
      participantsByPhase: { referral: 0, "job-search": 0, placement: 1, "follow-up": 0, paused: 0, exited: 3 },
      outcomes: { inWork: 1, inSchool: 0, inWorkOrSchool: 1, active: 1, employmentRate: 1, inWorkOrSchoolRate: 1 },
      starts: [summaryFigures().starts[0]!],
    });
    expect(renderWeeklySummary(one, nb).subject).toBe("IPS-oppsummering uke 48: 1 deltaker, 1 ny jobb");
    expect(renderWeeklySummary(one, en).subject).toBe("IPS summary week 48: 1 participant, 1 new job");
  });

  it("uses the plural for none", () => {
    const none = quietWeek({
      participantsByPhase: { referral: 0, "job-search": 0, placement: 0, "follow-up": 0, paused: 0, exited: 2 },
      outcomes: { inWork: 0, inSchool: 0, inWorkOrSchool: 0, active: 0, employmentRate: 0, inWorkOrSchoolRate: 0 },
    });
    expect(renderWeeklySummary(none, nb).subject).toBe("IPS-oppsummering uke 48: 0 deltakere, 0 nye jobber");
    expect(renderWeeklySummary(none, en).subject).toBe("IPS summary week 48: 0 participants, 0 new jobs");
  });

  it("takes the week number from the ISO week, across a year end", () => {
    const bounds = weekBounds("2026-W53", "Europe/Oslo");
    const email = renderWeeklySummary(quietWeek({ week: "2026-W53", weekStart: bounds.start, weekEnd: bounds.end }), nb);
    expect(email.subject).toMatch(/^IPS-oppsummering uke 53:/);
    expect(email.text).toContain("DPS Nord: mandag 28. desember – søndag 3. januar 2027");
    expect(renderWeeklySummary(quietWeek({ week: "2027-W01" }), en).subject).toMatch(/^IPS summary week 1:/);
  });

  it("shows the two weeks a fortnightly summary covers", () => {
    const email = renderWeeklySummary(
      quietWeek({ week: "2026-W48", weekStart: weekBounds("2026-W47", "Europe/Oslo").start, weekEnd: weekBounds("2026-W48", "Europe/Oslo").end }),
      nb,
    );
    expect(email.text).toContain("DPS Nord: mandag 16. november – søndag 29. november 2026");
  });

  it("refuses a week that is not an ISO week", () => {
    expect(() => renderWeeklySummary(quietWeek({ week: "2026-48" }), nb)).toThrow(/ISO week/);
  });
});

describe("renderWeeklySummary content (nb)", () => {
  const email = renderWeeklySummary(summaryFigures(), nb);

  it("opens with the team and the week's dates", () => {
    expectInBothParts(email, ["IPS-oppsummering uke 48", "DPS Nord: mandag 23. november – søndag 29. november 2026"]);
  });

  it("gives the outcomes among the active participants: in work, in school, in either, and the shares in percent", () => {
    const section = textSection(email.text, "Resultater");
    expectInBothParts(email, ["Av 13 aktive deltakere er 10 i jobb, 2 i skole og 11 i jobb eller skole."]);
    // 10 / 13 = 76.9 %, 11 / 13 = 84.6 %; bokmål writes a (non-breaking) space before the percent sign.
    for (const part of [email.text, email.html]) {
      expect(part).toMatch(/Andel i jobb: 77\s%/);
      expect(part).toMatch(/Andel i jobb eller skole: 85\s%/);
    }
    expect(section).toContain("Aktive deltakere er henvist før perioden og verken på pause eller avsluttet.");
  });

  it("counts participants by phase", () => {
    const phases = textSection(email.text, "Deltakere etter fase");
    for (const line of ["Henvist: 2", "Jobbsøk: 5", "Ny i jobb eller skole: 1", "Oppfølging: 6", "Pause: 1", "Avsluttet: 4"]) {
      expect(phases).toContain(line);
    }
  });

  it("lists new referrals with the referral date", () => {
    expect(textSection(email.text, "Nye henvisninger")).toContain("R.E. · Henvist: tirsdag 24. november");
  });

  it("gives employer contacts in total and per specialist against each one's target, flagging those below", () => {
    const section = textSection(email.text, "Arbeidsgiverkontakter");
    expect(section).toContain("8 arbeidsgiverkontakter for teamets deltakere denne uken. Mål: 6 per uke for en jobbspesialist i full stilling.");
    expect(section).toContain("Ola Jobbmann · Kontakter: 7 · Mål: 6 · målet nådd");
    // Half time: target 3; 2 contacts in all, 1 of them for this team.
    expect(section).toContain("Siri Spesialist · Kontakter: 2 (1 i dette teamet) · Mål: 3 (50\u00a0% stilling) · under målet (!)");
    expect(section).toContain("Kontaktene per jobbspesialist gjelder alle deltakerne deres, også i andre team.");
    expect(email.html).toMatch(/<span style="color:#b00020;[^"]*">under målet<\/span>/);
    expect(email.html).not.toMatch(/<span[^>]*>målet nådd/);
  });

  it("measures a part-time specialist against their own target, shown to one decimal", () => {
    const figures = summaryFigures({
      employerContacts: {
        total: 4,
        target: 6,
        perSpecialist: [{ specialistId: "sp-2", specialistName: "Siri Spesialist", count: 4, inTeam: 4, fte: 0.55, target: 3.3 }],
      },
    });
    const section = textSection(renderWeeklySummary(figures, nb).text, "Arbeidsgiverkontakter");
    expect(section).toContain("Siri Spesialist · Kontakter: 4 · Mål: 3,3 (55\u00a0% stilling) · målet nådd");
  });

  it("gives the median days from referral to the first employer contact of the period's first contacts", () => {
    expectInBothParts(email, ["Fra henvisning til første arbeidsgiverkontakt: median 12 dager (3 deltakere med første arbeidsgiverkontakt i perioden)."]);
    const half = renderWeeklySummary(summaryFigures({ rapidJobSearch: { count: 2, medianDays: 12.5 } }), nb).text;
    expect(half).toContain("median 12,5 dager (2 deltakere med første");
    const one = renderWeeklySummary(summaryFigures({ rapidJobSearch: { count: 1, medianDays: 1 } }), nb).text;
    expect(one).toContain("median 1 dag (1 deltaker med første arbeidsgiverkontakt i perioden)");
    const none = renderWeeklySummary(quietWeek({ rapidJobSearch: { count: 0, medianDays: null } }), nb).text;
    expect(textSection(none, "Arbeidsgiverkontakter")).toContain("Ingen deltakere fikk sin første arbeidsgiverkontakt i perioden.");
  });

  it("lists job and school starts with hours, wage type and contract", () => {
    const section = textSection(email.text, "Nye jobber og utdanninger");
    expect(section).toContain("S.T. · Start: onsdag 25. november · Jobb hos Rema 1000 Sentrum · 7,5 timer per uke, lønnstilskudd (NAV), midlertidig");
    expect(section).toContain("U.V. · Start: torsdag 26. november · Jobb hos Bakeriet · 20 timer per uke, ordinær lønn, fast");
    expect(section).toContain("E.D. · Start: fredag 27. november · Utdanning");
    expectInBothParts(email, ["Jobb hos Rema 1000 Sentrum", "7,5 timer per uke, lønnstilskudd (NAV), midlertidig", "ordinær lønn, fast"]);
  });

  it("lists ends", () => {
    expect(textSection(email.text, "Avsluttede jobber og utdanninger")).toContain("W.X. · Slutt: fredag 27. november · Jobb");
  });

  it("flags missed 30-day deadlines apart from other overdue items", () => {
    const missed = textSection(email.text, "30-dagersfristen for første arbeidsgiverkontakt er overskredet");
    expect(missed).toContain("Y.Z. · Jobbspesialist: Ola Jobbmann · Ta første arbeidsgiverkontakt · Frist: fredag 20. november · 9 dager over fristen (!)");
    expect(missed).not.toContain("A.B.");
    const other = textSection(email.text, "Andre forfalte oppgaver");
    expect(other).toContain("A.B. · Jobbspesialist: Siri Spesialist · Tilby rådgivning om økonomi og ytelser · Frist: fredag 27. november · 2 dager over fristen (!)");
    expect(other).not.toContain("Y.Z.");
    // The HTML row names the specialist in its own cell, beside the participant's code.
    expect(email.html).toMatch(/01JLATE"[^>]*>A\.B\.<\/a><\/td><td[^>]*>Siri Spesialist<\/td>/);
  });

  it("lists the follow-ups of the coming week", () => {
    expect(textSection(email.text, "Oppfølging den kommende uken")).toContain("C.D. · Følg opp oppstarten · Frist: tirsdag 1. desember");
  });

  it("gives each specialist's caseload against the limit and flags only those over it", () => {
    const section = textSection(email.text, "Deltakere per jobbspesialist");
    expect(section).toContain("Ola Jobbmann · Deltakere: 22 · Grense: 20 · over grensen (!)");
    // Half time: the limit of 20 for full time becomes 10.
    expect(section).toMatch(/^- Siri Spesialist · Deltakere: 9 · Grense: 10 \(50\u00a0% stilling\)$/m);
    expect(email.html.match(/over grensen/g)).toHaveLength(1);
  });

  it("links every participant in both parts", () => {
    for (const id of ["01JREF", "01JSTART1", "01JSTART3", "01JEND", "01JMISSED", "01JLATE", "01JNEXT"]) {
      expect(email.html).toContain(`href="${baseUrl}/participants/${id}"`);
      expect(email.text).toContain(`${baseUrl}/participants/${id}`);
    }
  });

  it("says so when a list is empty", () => {
    const quiet = renderWeeklySummary(quietWeek(), nb).text;
    for (const heading of [
      "Nye henvisninger",
      "Nye jobber og utdanninger",
      "Avsluttede jobber og utdanninger",
      "30-dagersfristen for første arbeidsgiverkontakt er overskredet",
      "Andre forfalte oppgaver",
      "Oppfølging den kommende uken",
      "Deltakere per jobbspesialist",
    ]) {
      expect(textSection(quiet, heading).trim(), heading).toBe("Ingen.");
    }
  });
});

describe("renderWeeklySummary content (en)", () => {
  const email = renderWeeklySummary(summaryFigures(), en);

  it("carries the same facts in English", () => {
    expectInBothParts(email, [
      "IPS summary week 48",
      "DPS Nord: Monday 23 November – Sunday 29 November 2026",
      "Of 13 active participants, 10 are in work, 2 in school and 11 in work or school.",
      "Employment rate: 77%",
      "Share in work or school: 85%",
      "2 (1 for this team)",
      "3 (50% FTE)",
      "From referral to first employer contact: median 12 days (3 participants with their first employer contact in this period).",
      "Job at Rema 1000 Sentrum",
      "7.5 hours per week, wage subsidy (NAV), temporary",
      "20 hours per week, ordinary wage, permanent",
      "The 30-day deadline for the first employer contact is missed",
      "9 days overdue",
      "Follow-ups in the coming week",
      "over the limit",
      "below target",
    ]);
    // (The HTML part escapes the apostrophe.)
    expect(email.text).toContain("8 employer contacts for the team's participants this week. Target: 6 a week for a full-time specialist.");
    expect(textSection(email.text, "Participants by phase")).toContain("Job search: 5");
    expect(email.html).toContain('<html lang="en">');
    expect(email.text).not.toMatch(/deltaker|oppfølging|frist/i);
  });
});

describe("renderWeeklySummary safety", () => {
  it("escapes codes, employers, team and specialist names in the HTML part", () => {
    const base = summaryFigures();
    const figures = summaryFigures({
      teamName: "Team <b>Nord</b>",
      newReferrals: [{ ...base.newReferrals[0]!, code: "<script>x</script>" }],
      starts: [{ ...base.starts[0]!, employer: `Bakeri & Co <img src="http://evil.example/x.png">` }],
      caseloads: [{ ...base.caseloads[0]!, specialistName: `O'Neil <i>&</i>` }],
      overdue: [{ ...base.overdue[0]!, specialistName: "<u>Ola</u> & co" }],
    });
    const email = renderWeeklySummary(figures, nb);
    expect(email.html).toContain("Team &lt;b&gt;Nord&lt;/b&gt;");
    expect(email.html).toContain("&lt;script&gt;x&lt;/script&gt;");
    expect(email.html).toContain("Jobb hos Bakeri &amp; Co &lt;img src=&quot;http://evil.example/x.png&quot;&gt;");
    expect(email.html).toContain("O&#39;Neil &lt;i&gt;&amp;&lt;/i&gt;");
    expect(email.html).toContain("&lt;u&gt;Ola&lt;/u&gt; &amp; co");
    expect(email.html).not.toContain("<b>Nord");
    expectSelfContainedHtml(email.html);
    expect(email.text).toContain(`Jobb hos Bakeri & Co <img src="http://evil.example/x.png">`);
  });

  it("is a self-contained HTML document", () => {
    expectSelfContainedHtml(renderWeeklySummary(summaryFigures(), en).html);
  });

  it("names specialists but shows nothing of a participant but the code, even when the figures carry more", () => {
    const base = summaryFigures();
    const figures = summaryFigures({
      newReferrals: [{ ...base.newReferrals[0]!, fullName: "Kari Nordmann", diagnosis: "Bipolar lidelse" } as WeeklySummaryFigures["newReferrals"][number]],
      overdue: base.overdue.map((o) => ({ ...o, treatment: "Depotmedisin hver 14. dag", name: "Per Hansen" })),
    });
    const email = renderWeeklySummary(figures, nb);
    for (const part of [email.subject, email.html, email.text]) {
      expectNoPersonalData(part, ["Kari Nordmann", "Per Hansen", "Bipolar lidelse", "Depotmedisin", ...healthWords]);
    }
    expectInBothParts(email, ["R.E.", "Y.Z.", "Ola Jobbmann", "Siri Spesialist"]);
  });
});
