import { describe, expect, it } from "vitest";
import { median } from "../../core/stats";
import { localDeployment } from "../../core/config/deployment";
import type { ParticipantProfile } from "../../core/participants/profile";
import { computeFigures, evaluateParticipants, type FiguresInput, type TeamEvent } from "../../core/summary/figures";
import { caseloadLimitFor, contactTargetFor } from "../../core/summary/working-share";
import { summaryPeriod } from "../../core/summary/period";

const week = "2026-W48";
const period = summaryPeriod(week, "weekly", "Europe/Oslo");
const asOf = new Date(period.end);

const input = (overrides: Partial<FiguresInput> = {}): FiguresInput => ({
  team: { id: "team-1", name: "Tomt team" },
  week,
  period,
  asOf,
  timeZone: "Europe/Oslo",
  participants: [],
  periodEvents: [],
  alerts: [],
  specialists: [],
  ...overrides,
});

const profile = (id: string, referredAt: string): ParticipantProfile => ({
  id,
  code: id.toUpperCase(),
  teamId: "team-1",
  specialistId: "sp-1",
  referredAt,
  createdAt: referredAt,
  phase: "referral",
  obligations: [],
  nextDueAt: null,
  version: 0,
  inWork: false,
  inSchool: false,
  missedFirstEmployerContact: false,
});

describe("computeFigures", () => {
  it("gives a team without participants zeros, and an employment rate of 0 rather than NaN", () => {
    const figures = computeFigures(input());
    expect(figures.outcomes).toEqual({ inWork: 0, inSchool: 0, inWorkOrSchool: 0, active: 0, employmentRate: 0, inWorkOrSchoolRate: 0 });
    expect(figures.rapidJobSearch).toEqual({ count: 0, medianDays: null });
    expect(Object.values(figures.participantsByPhase)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(figures.employerContacts).toEqual({ total: 0, target: 6, perSpecialist: [] });
  });

  it("leaves out participants referred after the week's end and events outside the week", () => {
    const profiles = [profile("p1", "2026-11-24T09:00:00.000Z"), profile("p2", "2026-11-30T09:00:00.000Z")];
    const contact = (at: string): TeamEvent => ({ type: "employer-contact", at, employer: "Kafé", id: `e-${at}`, recordedAt: at, participantId: "p1" });
    const events = [contact("2026-11-25T10:00:00.000Z"), contact("2026-11-30T10:00:00.000Z")];
    const participants = evaluateParticipants(profiles, events, asOf, localDeployment);
    expect(participants.map((p) => p.profile.id)).toEqual(["p1"]);
    const figures = computeFigures(
      input({ participants, periodEvents: events, specialists: [{ id: "sp-1", name: "Ola", caseloadLimit: 20, fte: 1, caseload: 1, contactsInOtherTeams: 0 }] }),
    );
    expect(figures.newReferrals.map((r) => r.code)).toEqual(["P1"]);
    expect(figures.participantsByPhase["job-search"]).toBe(1);
    expect(figures.employerContacts).toEqual({
      total: 1,
      target: 6,
      perSpecialist: [{ specialistId: "sp-1", specialistName: "Ola", count: 1, inTeam: 1, fte: 1, target: 6 }],
    });
  });
});

describe("a specialist's working share", () => {
  it("scales the weekly employer-contact target of 6, to one decimal", () => {
    expect([1, 0.8, 0.5, 0.55, 0.33, 0.25, 0.1].map(contactTargetFor)).toEqual([6, 4.8, 3, 3.3, 2, 1.5, 0.6]);
  });

  it("scales the full-time caseload limit, rounded down", () => {
    expect([1, 0.5, 0.33, 0.75, 0.1].map((fte) => caseloadLimitFor(20, fte))).toEqual([20, 10, 6, 15, 2]);
    // 0.29 × 100 is 28.999… in floating point: the share is counted in whole hundredths.
    expect(caseloadLimitFor(100, 0.29)).toBe(29);
  });
});

describe("median", () => {
  it("is the middle value, the mean of the middle two for an even count, and null for none", () => {
    expect(median([30, 1, 15])).toBe(15);
    expect(median([10, 3, 12, 40])).toBe(11);
    expect(median([4])).toBe(4);
    expect(median([])).toBeNull();
  });
});
