import { describe, expect, it } from "vitest";
import type { EventBody, ParticipantEvent } from "../../../core/domain/schemas";
import type { EmployerContact } from "../../../core/domain/employers";
import { quarterBounds } from "../../../core/calendar/quarters";
import { evaluateJourneyCourses } from "../../../core/journey/evaluate";
import { defaultRules } from "../../../core/journey/rules";
import { computeFidelityFigures, type FidelityInput, type FidelityParticipant } from "../../../core/fidelity/figures";
import { fidelityReport } from "../../../core/fidelity/report";
import { at, oslo } from "../journey/events";

/**
 * The fidelity figures of a small team in 2026-Q4, counted by hand below, from events as the API
 * would have stored them. The same team goes through the HTTP API in test/e2e/fidelity.test.ts.
 */

let n = 0;
/** An event recorded when it happened (unless `recordedAt` says later), with an id in recording order. */
const ev = (body: EventBody, options: { id?: string; recordedAt?: string } = {}): ParticipantEvent =>
  ({ ...body, at: new Date(body.at).toISOString(), id: options.id ?? `ev-${String(++n).padStart(4, "0")}`, recordedAt: options.recordedAt ?? new Date(body.at).toISOString() }) as ParticipantEvent;
const participant = (id: string, specialistId: string, referred: string, events: ParticipantEvent[], teamId = "t-a"): FidelityParticipant => ({
  profile: { id, teamId, specialistId, referredAt: new Date(at(referred)).toISOString() },
  events,
});
const contact = (id: string, when: string, mode: EmployerContact["mode"], more: Partial<EmployerContact> = {}): EmployerContact => ({
  id,
  employerId: "e-cafe",
  at: new Date(at(when)).toISOString(),
  mode,
  decisionMaker: true,
  specialistId: "s-ola",
  recordedAt: new Date(at(when)).toISOString(),
  ...more,
});

const q4 = quarterBounds("2026-Q4", oslo);
const year = { start: quarterBounds("2026-Q1", oslo).start, end: q4.end };

// Ola (full time) follows P1, P2 and P6 here and P7 in another team; Siri (half time) P3, P4 and P5.
const P1 = participant("p1", "s-ola", "2026-10-01 10:00", [
  ev({ type: "employer-contact", at: at("2026-10-21 10:00"), employer: "Kafé Nord", employerId: "e-cafe", mode: "face-to-face", decisionMaker: true }, { id: "c-p1" }),
  ev({ type: "benefits-counselling", at: at("2026-10-25 10:00") }),
  ev({ type: "employer-contact", at: at("2026-10-28 10:00"), employer: "Kafé Nord", mode: "face-to-face", made: "participant" }),
  ev({ type: "job-start", at: at("2026-11-02 09:00"), employer: "Kafé Nord", employerId: "e-cafe", hoursPerWeek: 20, wage: "ordinary", temporary: false }),
  // The start's follow-up (due 5 November) met; weekly: due 9th met, 16th met late (18th), 25th met (24th); due 1 December ends with placement on 30 November.
  ev({ type: "participant-meeting", at: at("2026-11-04 10:00") }),
  ev({ type: "follow-up-contact", at: at("2026-11-09 10:00"), with: "participant" }),
  ev({ type: "follow-up-contact", at: at("2026-11-18 10:00"), with: "employer" }),
  ev({ type: "follow-up-contact", at: at("2026-11-24 10:00"), with: "participant" }),
  // More hours from 1 December: counselling due by the 15th, held on the 10th.
  ev({ type: "job-change", at: at("2026-12-01 10:00"), hoursPerWeek: 30 }),
  ev({ type: "benefits-counselling", at: at("2026-12-10 10:00"), status: "offered" }),
  // Follow-up 30 days after the last contact: due 24 December, met on the 20th.
  ev({ type: "follow-up-contact", at: at("2026-12-20 10:00"), with: "participant" }),
]);
const P2 = participant("p2", "s-ola", "2026-09-01 10:00", [
  ev({ type: "employer-contact", at: at("2026-09-10 10:00"), employer: "Kiwi Storo", mode: "phone" }),
  // Recorded before contact modes were kept: face to face, 45 days after the referral.
  ev({ type: "employer-contact", at: at("2026-10-16 10:00"), employer: "Kiwi Storo" }),
  ev({ type: "job-offer", at: at("2026-11-10 10:00"), employer: "Kiwi Storo", startsAt: at("2026-11-20 08:00") }),
  ev({ type: "participant-meeting", at: at("2026-11-12 10:00") }),
  // No counselling since the referral: a start without it. Start's follow-up due the 23rd, met late
  // on 12 December; weekly follow-up due the 27th, missed when the job ended.
  ev({ type: "job-start", at: at("2026-11-20 08:00"), employer: "Kiwi Storo", hoursPerWeek: 10, wage: "subsidised", temporary: true }),
  ev({ type: "job-end", at: at("2026-12-10 10:00"), reason: "temporary-ended" }),
  // Contact after the end: due the 13th, met the 12th.
  ev({ type: "follow-up-contact", at: at("2026-12-12 10:00"), with: "participant" }),
]);
const P3 = participant("p3", "s-siri", "2026-10-05 10:00", [ev({ type: "exit", at: at("2026-10-20 10:00"), reason: "no-contact" })]);
const P4 = participant("p4", "s-siri", "2026-10-06 10:00", [ev({ type: "exit", at: at("2026-10-25 10:00"), reason: "moved" })]);
const P5 = participant("p5", "s-siri", "2026-03-01 10:00", [
  ev({ type: "job-start", at: at("2026-04-01 09:00"), employer: "Kafé Nord", employerId: "e-cafe", hoursPerWeek: 8, wage: "ordinary", temporary: false }),
  ev({ type: "job-end", at: at("2026-05-01 10:00"), reason: "quit" }),
  ev({ type: "job-start", at: at("2026-06-01 09:00"), employer: "Rema 1000 Torshov", employerId: "e-shop", hoursPerWeek: 15, wage: "ordinary", temporary: false }),
]);
const P6 = participant("p6", "s-ola", "2026-12-20 10:00", []);
const P7 = participant(
  "p7",
  "s-ola",
  "2026-09-01 10:00",
  [ev({ type: "employer-contact", at: at("2026-11-05 10:00"), employer: "Bakeriet", mode: "face-to-face" }, { id: "c-p7" })],
  "t-b",
);

/** The quarter closes 14 days after its end, at 00:00 on 15 January. */
const closesAt = new Date(at("2027-01-15 00:00")).toISOString();

const input: FidelityInput = {
  period: q4,
  asOf: new Date(q4.end),
  closesAt,
  jobPeriod: year,
  deployment: { timeZone: oslo, rules: {} },
  participants: [P1, P2, P3, P4, P5, P6],
  specialists: [
    {
      id: "s-ola",
      name: "Ola",
      fte: 1,
      elsewhere: [P7],
      registerContacts: [
        contact("g1", "2026-10-10 10:00", "face-to-face"),
        contact("g2", "2026-10-12 10:00", "phone"),
        // P1's contact about Kafé Nord, the same contact as their event.
        contact("c-p1", "2026-10-21 10:00", "face-to-face", { participantId: "p1" }),
      ],
    },
    { id: "s-siri", name: "Siri", fte: 0.5, elsewhere: [], registerContacts: [] },
  ],
  sectors: { "e-cafe": "hospitality", "e-shop": "retail" },
};

describe("fidelity figures of a team in 2026-Q4", () => {
  const figures = computeFidelityFigures(input);

  it("counts caseloads at the quarter's end over working shares, other teams' participants included", () => {
    // Ola: P1, P2, P6 and P7 (team B); Siri: P5 (P3 and P4 exited).
    expect(figures["caseload-size"]).toEqual({
      participants: 5,
      fte: 1.5,
      perFullTime: 5 / 1.5,
      specialists: [
        { specialistId: "s-ola", name: "Ola", fte: 1, participants: 4, perFullTime: 4 },
        { specialistId: "s-siri", name: "Siri", fte: 0.5, participants: 1, perFullTime: 2 },
      ],
    });
  });

  it("measures days from referral to the first face-to-face employer contact in the quarter", () => {
    // P1: 1 → 21 October, 20 days; P2: 1 September → 16 October, 45 days (the phone call does not count).
    expect(figures["rapid-job-search"]).toEqual({ count: 2, meanDays: 32.5, medianDays: 32.5, within30Days: 1, waiting: 1, waitingOver30Days: 0 });
  });

  it("counts each specialist's face-to-face employer contacts once, per week and per full-time share", () => {
    const weeks = 92 / 7;
    // Ola: g1 (general), c-p1 (register and event, once), P2's contact without a mode, P7's in team B.
    expect(figures["frequent-employer-contact"]).toEqual({
      weeks,
      contacts: 4,
      general: 1,
      withoutMode: 1,
      byParticipants: 1,
      notFaceToFace: 1,
      perSpecialist: [
        { specialistId: "s-ola", name: "Ola", fte: 1, contacts: 4, perWeek: 4 / weeks, perWeekFullTime: 4 / weeks, score: 1 },
        { specialistId: "s-siri", name: "Siri", fte: 0.5, contacts: 0, perWeek: 0, perWeekFullTime: 0, score: 1 },
      ],
      averagePerWeekFullTime: 2 / weeks,
      averageScore: 1,
    });
  });

  it("counts job starts of the four quarters by employer, industry and wage", () => {
    // Kafé Nord twice (by id), Rema 1000 Torshov, Kiwi Storo (by name).
    expect(figures["diversity-of-employers"]).toEqual({ jobs: 4, distinct: 3, share: 0.75, unknown: 0 });
    // Kiwi Storo is not in the register: no industry.
    expect(figures["diversity-of-job-types"]).toEqual({ jobs: 3, distinct: 2, share: 2 / 3, unknown: 1 });
    expect(figures["competitive-jobs"]).toEqual({ jobs: 4, ordinary: 3, subsidised: 1, share: 0.75, temporary: 1, unknown: 0 });
  });

  it("finds benefits counselling before each start in the quarter and around each change of hours or pay", () => {
    expect(figures["work-incentives-planning"]).toEqual({ starts: 2, startsWithCounselling: 1, startShare: 0.5, changes: 1, changesWithCounselling: 1, changeShare: 1 });
  });

  it("counts the follow-along obligations that fell due in the quarter and those met on time", () => {
    expect(figures["time-unlimited-follow-along"]).toEqual({
      kinds: [
        { kind: "pre-start-contact", due: 1, onTime: 1, share: 1 },
        { kind: "job-start-follow-up", due: 2, onTime: 1, share: 0.5 },
        { kind: "placement-follow-up", due: 4, onTime: 2, share: 0.5 },
        { kind: "follow-up", due: 1, onTime: 1, share: 1 },
        { kind: "job-loss-follow-up", due: 1, onTime: 1, share: 1 },
      ],
      due: 9,
      onTime: 6,
      share: 6 / 9,
    });
  });

  it("counts referrals that ended before job search, by reason", () => {
    // P1 began job search in the quarter (P2 in September); P3 and P4 exited before it.
    expect(figures["zero-exclusion"]).toEqual({ ended: 3, started: 1, notStarted: 2, reasons: { "no-contact": 1, moved: 1 }, excluded: 1, share: 1 / 3 });
  });

  it("counts a free-text exit reason stored before the codes as other, never by its text", () => {
    // As the table may still hold from before the reasons were codes.
    const legacy = { ...ev({ type: "exit", at: at("2026-10-22 10:00"), reason: "other" }), reason: "Innlagt, diagnose F20" } as unknown as ParticipantEvent;
    const P8 = participant("p8", "s-siri", "2026-10-07 10:00", [legacy]);
    const zero = computeFidelityFigures({ ...input, participants: [...input.participants, P8] })["zero-exclusion"];
    expect(zero.reasons).toEqual({ "no-contact": 1, moved: 1, other: 1 });
    expect(JSON.stringify(zero)).not.toContain("F20");
  });

  it("scores each item and lists the review's items without a score", () => {
    const report = fidelityReport({ ...input, closesAt, now: new Date(at("2027-01-04 10:00")), team: { id: "t-a", name: "Team A" }, quarter: "2026-Q4" });
    const byId = Object.fromEntries(report.items.map((item) => [item.id, item.score]));
    expect(byId).toMatchObject({
      "caseload-size": 5,
      "zero-exclusion": 3,
      "work-incentives-planning": 2,
      "rapid-job-search": 4,
      "frequent-employer-contact": 1,
      "diversity-of-job-types": 3,
      "diversity-of-employers": 4,
      "competitive-jobs": 3,
      "time-unlimited-follow-along": 3,
    });
    expect(report.items.filter((item) => !item.measured).every((item) => item.score === null)).toBe(true);
    expect(report.total).toEqual({ measured: 9, scored: 9, points: 28, maxPoints: 45 });
    expect(report).toMatchObject({ quarter: "2026-Q4", start: q4.start, end: q4.end, asOf: q4.end, complete: true, closesAt, final: false });
    expect(report.items.find((item) => item.id === "competitive-jobs")).toMatchObject({ period: { start: year.start, end: q4.end } });
    expect(report.items.find((item) => item.id === "rapid-job-search")).toMatchObject({
      source: "Services, item 4: Rapid search for competitive job",
      period: { start: q4.start, end: q4.end },
    });
  });

  it("counts what was entered late but before the close, dated in the quarter; nothing recorded after the close", () => {
    const withP6 = (...events: ParticipantEvent[]) => ({
      ...input,
      participants: input.participants.map((p) => (p.profile.id === "p6" ? { ...p, events } : p)),
    });
    const contact = (recorded: string) =>
      ev({ type: "employer-contact", at: at("2026-12-28 10:00"), employer: "Kiwi", mode: "face-to-face" }, { recordedAt: new Date(at(recorded)).toISOString() });
    // Entered on 10 January: P6 met an employer 8 days after the referral.
    expect(computeFidelityFigures(withP6(contact("2027-01-10 09:00")))["rapid-job-search"]).toMatchObject({ count: 3, meanDays: (20 + 45 + 8) / 3, waiting: 0 });
    // Entered on 20 January, after the close: as if it had never been.
    expect(computeFidelityFigures(withP6(contact("2027-01-20 09:00")))).toEqual(figures);
    // A participant registered after the close is not in the quarter either.
    const late = { ...input, participants: [...input.participants, participant("p8", "s-ola", "2026-12-01 10:00", [])] };
    late.participants[6]!.profile.createdAt = new Date(at("2027-01-16 10:00")).toISOString();
    expect(computeFidelityFigures(late)).toEqual(figures);
  });

  it("is the same whenever it is asked for: events after the quarter change nothing", () => {
    const later = { ...input, participants: input.participants.map((p) => (p.profile.id === "p6" ? { ...p, events: [ev({ type: "exit", at: at("2027-01-10 10:00"), reason: "moved" })] } : p)) };
    expect(computeFidelityFigures(later)).toEqual(figures);
  });
});

describe("obligation courses", () => {
  const courses = (referred: string, events: ParticipantEvent[], now: string) =>
    evaluateJourneyCourses({ referredAt: at(referred), events, now: new Date(at(now)), rules: defaultRules, timeZone: oslo }).courses;

  it("tells met, late, missed, ended, overdue and open apart", () => {
    const list = courses(
      "2026-10-01 10:00",
      [
        ev({ type: "employer-contact", at: at("2026-10-30 10:00"), employer: "A" }),
        ev({ type: "job-start", at: at("2026-11-02 09:00"), employer: "A", hoursPerWeek: 10, wage: "ordinary", temporary: false }),
        ev({ type: "follow-up-contact", at: at("2026-11-12 10:00"), with: "employer" }),
        ev({ type: "exit", at: at("2026-11-25 10:00"), reason: "moved" }),
      ],
      "2026-12-01 10:00",
    );
    const of = (kind: string) => list.filter((c) => c.kind === kind).map((c) => [c.dueDate, c.outcome]);
    // Met by the contact on day 29; benefits counselling (due day 30) never held, ended unmet at exit.
    expect(of("first-employer-contact")).toEqual([["2026-10-31", "met"]]);
    expect(of("benefits-counselling")).toEqual([["2026-10-31", "missed"]]);
    // Weekly follow-up due 9 November, met late on the 12th; the next (due the 19th) missed at exit.
    expect(of("placement-follow-up")).toEqual([
      ["2026-11-09", "late"],
      ["2026-11-19", "missed"],
    ]);
    // Job development in job search: due 6 November (a week after the contact), ended by the start before it was due.
    expect(of("job-development")).toEqual([["2026-11-06", "ended"]]);
    // The start's follow-up (due 5 November) was never met: missed at exit.
    expect(of("job-start-follow-up")).toEqual([["2026-11-05", "missed"]]);
  });

  it("keeps open obligations at the end, overdue or not", () => {
    const list = courses("2026-10-01 10:00", [], "2026-11-02 10:00");
    expect(list.filter((c) => c.kind === "first-employer-contact")).toEqual([{ kind: "first-employer-contact", dueDate: "2026-10-31", outcome: "overdue" }]);
    expect(list.filter((c) => c.kind === "outreach")).toEqual([{ kind: "outreach", dueDate: "2026-10-31", outcome: "overdue" }]);
    const early = courses("2026-10-01 10:00", [], "2026-10-31 10:00");
    expect(early.find((c) => c.kind === "first-employer-contact")).toEqual({ kind: "first-employer-contact", dueDate: "2026-10-31", outcome: "open" });
  });
});
