import { describe, expect, it } from "vitest";
import { localDeployment } from "../../../core/config/deployment";
import type { ParticipantEvent } from "../../../core/domain/schemas";
import { knownAtClose, outcomeFigures, type OutcomeParticipant } from "../../../core/outcomes/figures";
import { quarterPeriod } from "../../../core/calendar/quarter-period";
import { outcomeCsv } from "../../../core/outcomes/csv";
import { outcomeReport } from "../../../core/outcomes/report";

/** The outcome figures' edges, on hand-made participants (the whole report is in test/e2e/outcomes.test.ts). */
const deployment = { ...localDeployment, timeZone: "Europe/Oslo" };
let n = 0;
const event = (at: string, body: Record<string, unknown>, recordedAt = at): ParticipantEvent =>
  ({ id: `E${String(++n).padStart(4, "0")}`, at, recordedAt, ...body }) as ParticipantEvent;
const participant = (referredAt: string, events: ParticipantEvent[], createdAt = referredAt): OutcomeParticipant => ({
  profile: { id: `P${++n}`, referredAt, createdAt },
  events,
});
const closedQ4 = quarterPeriod("2026-Q4", deployment.timeZone, new Date("2027-03-01T12:00:00Z"));

describe("outcome figures", () => {
  it("close 14 days after the quarter: provisional until then, and nothing recorded later counts", () => {
    expect(quarterPeriod("2026-Q4", "Europe/Oslo", new Date("2027-01-14T22:59:59Z"))).toMatchObject({ closesAt: "2027-01-14T23:00:00.000Z", final: false });
    expect(closedQ4).toMatchObject({ asOf: "2026-12-31T23:00:00.000Z", final: true });
    expect(() => quarterPeriod("2027-Q2", "Europe/Oslo", new Date("2027-03-01T12:00:00Z"))).toThrow("quarter: must not lie ahead");
    const late = participant("2026-10-01T08:00:00Z", [
      event("2026-11-01T08:00:00Z", { type: "job-start", employer: "X", hoursPerWeek: 5, wage: "ordinary", temporary: false }, "2027-01-14T22:00:00Z"),
      event("2026-12-01T08:00:00Z", { type: "exit", reason: "moved" }, "2027-01-15T08:00:00Z"),
    ]);
    const registeredLate = participant("2026-10-02T08:00:00Z", [], "2027-02-01T08:00:00Z");
    const figures = outcomeFigures(knownAtClose([late, registeredLate], closedQ4), closedQ4, deployment);
    expect(figures).toMatchObject({ referrals: 1, jobStarts: 1, activeAtEnd: 1, exits: { total: 0 } });
  });

  it("count an exit once, a free-text reason from before the codes as other, and a return as activity in the quarter", () => {
    const twice = participant("2026-05-01T08:00:00Z", [
      event("2026-10-10T08:00:00Z", { type: "exit", reason: "left for good" }),
      event("2026-10-20T08:00:00Z", { type: "exit", reason: "moved" }),
    ]);
    const back = participant("2026-05-01T08:00:00Z", [
      event("2026-09-01T08:00:00Z", { type: "exit", reason: "no-contact" }),
      event("2026-12-30T08:00:00Z", { type: "resume" }),
    ]);
    const gone = participant("2026-05-01T08:00:00Z", [event("2026-09-01T08:00:00Z", { type: "exit", reason: "moved" })]);
    const figures = outcomeFigures([twice, back, gone], closedQ4, deployment);
    expect(figures.exits.total).toBe(1);
    expect(figures.exits.byReason).toMatchObject({ other: 1, moved: 0 });
    expect(figures.active).toBe(2);
    expect(figures.activeAtEnd).toBe(1);
  });

  it("judge the 30 days only once they are over, for the quarter still running", () => {
    const running = quarterPeriod("2026-Q4", "Europe/Oslo", new Date("2026-11-15T12:00:00Z"));
    // 30th day 14 Nov (over), and 20 Nov (not yet).
    const over = participant("2026-10-15T08:00:00Z", []);
    const notYet = participant("2026-10-21T08:00:00Z", []);
    expect(outcomeFigures([over, notYet], running, deployment).firstEmployerContact).toEqual({ cohort: 1, within30Days: 0, share: 0 });
  });

  it("write a team name a spreadsheet would take for a formula as text", () => {
    const report = outcomeReport(closedQ4, [{ team: { id: "t1", name: "=HYPERLINK(1)", createdAt: "2026-01-01T00:00:00Z" }, participants: [] }], deployment);
    const csv = outcomeCsv(report, "nb");
    expect(csv.split("\r\n")[1]).toMatch(/^2026-Q4;'=HYPERLINK\(1\);t1;0;/);
    expect(csv.split("\r\n")[2]).toMatch(/^2026-Q4;Alle team;;0;/);
  });
});
