import { describe, expect, it } from "vitest";
import { localDeployment } from "../../shared/config/deployment";
import type { ParticipantProfile } from "../../shared/data/participants";
import { computeFigures, evaluateParticipants, type FiguresInput, type TeamEvent } from "../../shared/summary/figures";
import { summaryPeriod } from "../../shared/summary/period";

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
    expect(figures.outcomes).toEqual({ inWork: 0, inSchool: 0, active: 0, employmentRate: 0 });
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
      input({ participants, periodEvents: events, specialists: [{ id: "sp-1", name: "Ola", caseloadLimit: 20, caseload: 1 }] }),
    );
    expect(figures.newReferrals.map((r) => r.code)).toEqual(["P1"]);
    expect(figures.participantsByPhase["job-search"]).toBe(1);
    expect(figures.employerContacts).toEqual({ total: 1, target: 6, perSpecialist: [{ specialistId: "sp-1", specialistName: "Ola", count: 1 }] });
  });
});
