import { expect } from "vitest";
import type { DigestEmailInput, DigestItem, RenderedEmail, WeeklySummaryFigures } from "../../../core/email";

export const baseUrl = "https://ips.example.no";

/** Words that must never reach an email: names of people, diagnoses, treatment. */
export const healthWords = ["diagnos", "schizofreni", "psykose", "depresjon", "bipolar", "medisin", "medication", "rusmiddel", "substance"];

export function digestInput(items: DigestItem[], overrides: Partial<DigestEmailInput> = {}): DigestEmailInput {
  return { locale: "nb", timeZone: "Europe/Oslo", baseUrl, today: "2026-11-23", items, ...overrides };
}

export const overdueItem: DigestItem = {
  participantId: "01JOVERDUE",
  code: "K.L.",
  kind: "first-employer-contact",
  dueAt: "2026-11-20T10:00:00.000Z",
  section: "overdue",
  daysOverdue: 3,
};
export const dueItem: DigestItem = {
  participantId: "01JDUE",
  code: "P-0193",
  kind: "follow-up",
  dueAt: "2026-11-23T07:00:00.000Z",
  section: "due",
};
export const upcomingItem: DigestItem = {
  participantId: "01JUPCOMING",
  code: "M.N.",
  kind: "first-employer-contact",
  // 00:30 on Friday 27 November in Oslo, still Thursday in UTC.
  dueAt: "2026-11-26T23:30:00.000Z",
  section: "upcoming",
};

/** Week 48 of 2026: Monday 23 to Sunday 29 November. */
export function summaryFigures(overrides: Partial<WeeklySummaryFigures> = {}): WeeklySummaryFigures {
  return {
    teamId: "team-1",
    teamName: "DPS Nord",
    week: "2026-W48",
    weekStart: "2026-11-22T23:00:00.000Z",
    weekEnd: "2026-11-29T23:00:00.000Z",
    participantsByPhase: { referral: 2, "job-search": 5, placement: 1, "follow-up": 6, paused: 1, exited: 4 },
    newReferrals: [{ participantId: "01JREF", code: "R.E.", referredAt: "2026-11-24T09:00:00.000Z" }],
    employerContacts: {
      total: 8,
      target: 6,
      perSpecialist: [
        { specialistId: "sp-1", specialistName: "Ola Jobbmann", count: 7, inTeam: 7, fte: 1, target: 6 },
        // Half time, and in another team too: 2 contacts in all, 1 of them for this team's participants.
        { specialistId: "sp-2", specialistName: "Siri Spesialist", count: 2, inTeam: 1, fte: 0.5, target: 3 },
      ],
    },
    starts: [
      { participantId: "01JSTART1", code: "S.T.", kind: "job", at: "2026-11-25T08:00:00.000Z", employer: "Rema 1000 Sentrum", hoursPerWeek: 7.5, wage: "subsidised", temporary: true },
      { participantId: "01JSTART2", code: "U.V.", kind: "job", at: "2026-11-26T08:00:00.000Z", employer: "Bakeriet", hoursPerWeek: 20, wage: "ordinary", temporary: false },
      { participantId: "01JSTART3", code: "E.D.", kind: "education", at: "2026-11-27T08:00:00.000Z" },
    ],
    ends: [{ participantId: "01JEND", code: "W.X.", kind: "job", at: "2026-11-27T15:00:00.000Z" }],
    // 15 in the program; the paused one and this week's referral are not active.
    outcomes: { inWork: 10, inSchool: 2, inWorkOrSchool: 11, active: 13, employmentRate: 10 / 13, inWorkOrSchoolRate: 11 / 13 },
    rapidJobSearch: { count: 3, medianDays: 12 },
    overdue: [
      {
        participantId: "01JMISSED",
        code: "Y.Z.",
        specialistId: "sp-1",
        specialistName: "Ola Jobbmann",
        kind: "first-employer-contact",
        dueAt: "2026-11-20T08:00:00.000Z",
        daysOverdue: 9,
        missedDeadline: true,
      },
      {
        participantId: "01JLATE",
        code: "A.B.",
        specialistId: "sp-2",
        specialistName: "Siri Spesialist",
        kind: "benefits-counselling",
        dueAt: "2026-11-27T08:00:00.000Z",
        daysOverdue: 2,
        missedDeadline: false,
      },
    ],
    comingFollowUps: [{ participantId: "01JNEXT", code: "C.D.", kind: "job-start-follow-up", dueAt: "2026-12-01T08:00:00.000Z" }],
    caseloads: [
      { specialistId: "sp-1", specialistName: "Ola Jobbmann", count: 22, limit: 20, caseloadLimit: 20, fte: 1 },
      { specialistId: "sp-2", specialistName: "Siri Spesialist", count: 9, limit: 10, caseloadLimit: 20, fte: 0.5 },
    ],
    ...overrides,
  };
}

/**
 * An HTML part fit for mail clients: nothing loaded from elsewhere, nothing executed. Checks look
 * inside tags only, because escaped text may legitimately read "src=".
 */
export function expectSelfContainedHtml(html: string): void {
  const tags = html.match(/<[^>]*>/g) ?? [];
  expect(html).toMatch(/^<!DOCTYPE html>/);
  expect(tags.length).toBeGreaterThan(10);
  for (const tag of tags) {
    expect(tag).not.toMatch(/^<\/?(script|link|style|img|iframe|object|embed|form|base)\b/i);
    expect(tag).not.toMatch(/\s(src|srcset|background|on[a-z]+)\s*=/i);
    expect(tag).not.toMatch(/url\(|@import|javascript:/i);
  }
}

/** Every fact appears in both parts; facts here contain no characters that HTML escapes. */
export function expectInBothParts(email: RenderedEmail, facts: string[]): void {
  for (const fact of facts) {
    expect(email.text, `text part: ${fact}`).toContain(fact);
    expect(email.html, `HTML part: ${fact}`).toContain(fact);
  }
}

/** The text part's lines under a heading. */
export function textSection(text: string, heading: string): string {
  const lines = text.split("\n");
  const start = lines.indexOf(heading);
  expect(start, `heading "${heading}" in the text part`).toBeGreaterThanOrEqual(0);
  const rest = lines.slice(start + 2);
  // A section ends at the next heading (a line underlined with dashes) or at the footer ("-- ").
  const end = rest.findIndex((line, i) => line === "-- " || (line !== "" && /^[-=]{3,}$/.test(rest[i + 1] ?? "")));
  return rest.slice(0, end === -1 ? undefined : end).join("\n");
}
