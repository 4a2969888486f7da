import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../adapters/deps";
import type { WeeklySummaryFigures } from "../../core/email";
import { weeklySummaryFigures } from "../../use-cases/summary/load-figures";
import { previewSummary } from "../../use-cases/summary/preview";
import { testClock, testDeps } from "../support/deps";
import { seedWeek48, week48SentAt, type Dataset } from "./dataset";
import { holdJourneys, type HeldJourneys } from "./seed";

const oslo = (iso: string) => new Date(iso).toISOString();

describe("weekly summary figures, 2026-W48 of a seeded team", () => {
  const clock = testClock(week48SentAt);
  let deps: Deps;
  let data: Dataset;
  let figures: WeeklySummaryFigures;
  let journeys: HeldJourneys;

  afterAll(() => journeys?.stop());
  beforeAll(async () => {
    journeys = await holdJourneys();
    deps = await testDeps({ clock, ...journeys.sfn });
    data = await seedWeek48(deps, clock);
    clock.set(week48SentAt);
    figures = await weeklySummaryFigures(deps, data.nord.id, "2026-W48");
  });

  it("covers Monday 23 November 00:00 to Monday 30 November 00:00 Oslo time", () => {
    expect(figures).toMatchObject({
      teamId: data.nord.id,
      teamName: "Behandlingsteam Nord",
      week: "2026-W48",
      weekStart: oslo("2026-11-22T23:00:00Z"),
      weekEnd: oslo("2026-11-29T23:00:00Z"),
    });
  });

  it("counts participants by phase as of the week's end, computed from events", () => {
    expect(figures.participantsByPhase).toEqual({ referral: 2, "job-search": 2, placement: 1, "follow-up": 1, paused: 1, exited: 1 });
  });

  it("gives the outcome figures over the active participants: referred before the week, neither paused nor exited", () => {
    // A.A. (in work), B.B., D.D., F.F. (at school), I.I.; not C.C. (referred this week), G.G. (paused), E.E. (exited).
    expect(figures.outcomes).toEqual({ inWork: 1, inSchool: 1, inWorkOrSchool: 2, active: 5, employmentRate: 1 / 5, inWorkOrSchoolRate: 2 / 5 });
  });

  it("gives the median days from referral to the first employer contact of those whose first contact fell in the week", () => {
    // I.I.: referred Monday 12 October, first contact Tuesday 24 November (43 days). A.A., D.D. and
    // F.F. made contacts this week too, but not their first.
    expect(figures.rapidJobSearch).toEqual({ count: 1, medianDays: 43 });
  });

  it("lists the week's new referrals", () => {
    expect(figures.newReferrals).toEqual([{ participantId: data.ids.CC, code: "C.C.", referredAt: "2026-11-24T09:00:00.000Z" }]);
  });

  it("counts employer contacts by local week boundaries, the team's in all and each specialist's in every team, against 6 a week", () => {
    expect(figures.employerContacts).toEqual({
      total: 5,
      target: 6,
      perSpecialist: [
        { specialistId: data.ola.id, specialistName: "Ola Nordmann", count: 2, inTeam: 2, fte: 1, target: 6 },
        // Three for this team's participants, and H.H.'s of Wednesday 25 November in Team Sor.
        { specialistId: data.siri.id, specialistName: "Siri Hansen", count: 4, inTeam: 3, fte: 1, target: 6 },
      ],
    });
  });

  it("lists job and school starts and ends with hours, wage type and terms", () => {
    expect(figures.starts).toEqual([
      {
        participantId: data.ids.AA,
        code: "A.A.",
        kind: "job",
        at: "2026-11-24T08:00:00.000Z",
        employer: "Bakeriet",
        hoursPerWeek: 20,
        wage: "ordinary",
        temporary: false,
      },
    ]);
    expect(figures.ends).toEqual([{ participantId: data.ids.DD, code: "D.D.", kind: "job", at: "2026-11-25T14:00:00.000Z" }]);
  });

  it("flags missed 30-day deadlines (still unmet, or met late this week) and lists other overdue obligations", () => {
    const dueOct31 = oslo("2026-10-30T23:00:00Z");
    const ola = { specialistId: data.ola.id, specialistName: "Ola Nordmann" };
    expect(figures.overdue).toEqual([
      { participantId: data.ids.BB, code: "B.B.", ...ola, kind: "benefits-counselling", dueAt: dueOct31, daysOverdue: 30, missedDeadline: false },
      { participantId: data.ids.BB, code: "B.B.", ...ola, kind: "first-employer-contact", dueAt: dueOct31, daysOverdue: 30, missedDeadline: true },
      { participantId: data.ids.BB, code: "B.B.", ...ola, kind: "outreach", dueAt: dueOct31, daysOverdue: 30, missedDeadline: false },
      // Due 11 November, recorded as missed by the journey, met on 24 November: 13 days late.
      { participantId: data.ids.II, code: "I.I.", ...ola, kind: "first-employer-contact", dueAt: oslo("2026-11-10T23:00:00Z"), daysOverdue: 13, missedDeadline: true },
      // Paused Tuesday 20 October: the pause came up for review on Thursday 19 November.
      { participantId: data.ids.GG, code: "G.G.", ...ola, kind: "pause-review", dueAt: oslo("2026-11-18T23:00:00Z"), daysOverdue: 11, missedDeadline: false },
      // (D.D.'s job end of 25 November is recorded on 7 December here: its follow-up counts from then.)
    ]);
  });

  it("lists the follow-ups due in the coming week (Monday 30 November to Sunday 6 December)", () => {
    expect(figures.comingFollowUps).toEqual([
      { participantId: data.ids.AA, code: "A.A.", kind: "placement-follow-up", dueAt: oslo("2026-12-02T23:00:00Z") },
      { participantId: data.ids.FF, code: "F.F.", kind: "follow-up", dueAt: oslo("2026-12-03T23:00:00Z") },
      { participantId: data.ids.FF, code: "F.F.", kind: "outreach", dueAt: oslo("2026-12-03T23:00:00Z") },
    ]);
  });

  it("shows each specialist's whole active caseload against their limit", () => {
    // Ola: A.A., B.B., G.G., I.I. (E.E. exited); Siri: C.C., D.D., F.F. here and H.H. in Team Sor.
    expect(figures.caseloads).toEqual([
      { specialistId: data.ola.id, specialistName: "Ola Nordmann", count: 4, limit: 3, caseloadLimit: 3, fte: 1 },
      { specialistId: data.siri.id, specialistName: "Siri Hansen", count: 4, limit: 20, caseloadLimit: 20, fte: 1 },
    ]);
  });

  it("gives the same figures when computed again later (a retry on Tuesday)", async () => {
    clock.set("2026-12-01T10:00:00.000Z");
    try {
      expect(await weeklySummaryFigures(deps, data.nord.id, "2026-W48")).toEqual(figures);
    } finally {
      clock.set(week48SentAt);
    }
  });

  it("lists two weeks for a fortnightly team, and the named week's employer contacts against the weekly target", async () => {
    clock.set("2026-12-07T06:00:00.000Z");
    try {
      const sor = await weeklySummaryFigures(deps, data.sor.id, "2026-W49");
      expect(sor).toMatchObject({
        week: "2026-W49",
        weekStart: oslo("2026-11-22T23:00:00Z"),
        weekEnd: oslo("2026-12-06T23:00:00Z"),
        participantsByPhase: { referral: 0, "job-search": 1, placement: 0, "follow-up": 0, paused: 0, exited: 0 },
        newReferrals: [{ participantId: data.ids.HH, code: "H.H." }],
        // Contacts on 25 November (week 48) and 2 December (week 49): the week 49 one counts; Siri's
        // count adds F.F.'s in Team Nord at 00:30 on Monday 30 November (week 49).
        employerContacts: { total: 1, target: 6, perSpecialist: [{ specialistId: data.siri.id, count: 2, inTeam: 1 }] },
        // H.H. was referred within the two weeks: not yet active.
        outcomes: { inWork: 0, inSchool: 0, inWorkOrSchool: 0, active: 0, employmentRate: 0, inWorkOrSchoolRate: 0 },
        // H.H.: referred Tuesday 24 November, first contact the day after; the period is both weeks.
        rapidJobSearch: { count: 1, medianDays: 1 },
      });
    } finally {
      clock.set(week48SentAt);
    }
  });

  it("previews the rendered summary in the team's language", async () => {
    const email = await previewSummary(deps, data.nord.id, "2026-W48");
    expect(email.subject).toBe("IPS-oppsummering uke 48: 7 deltakere, 1 ny jobb");
    expect(email.text).toContain("Av 5 aktive deltakere er 1 i jobb, 1 i skole og 2 i jobb eller skole.");
  });

  it("refuses an unknown team", async () => {
    await expect(weeklySummaryFigures(deps, "no-such-team", "2026-W48")).rejects.toThrow(/team no-such-team not found/);
  });
});
