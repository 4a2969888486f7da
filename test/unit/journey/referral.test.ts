import { describe, expect, it } from "vitest";
import { evaluateJourney } from "../../../core/journey/evaluate";
import { defaultRules, resolveRules } from "../../../core/journey/rules";
import { at, benefitsCounselling, doneOf, employerContact, event, journey, openOf, oslo, participantMeeting } from "./events";

describe("referral: the two 30-day clocks (IPS principles 5 and 6)", () => {
  it("opens first employer contact, benefits counselling and outreach, due 30 calendar days after referral", () => {
    const state = journey("2026-03-02", [], "2026-03-02 12:00");
    expect(state.phase).toBe("referral");
    expect(state.obligations.map((o) => [o.kind, o.dueDate, o.status])).toEqual([
      ["benefits-counselling", "2026-04-01", "upcoming"],
      ["first-employer-contact", "2026-04-01", "upcoming"],
      ["outreach", "2026-04-01", "upcoming"],
    ]);
    // 00:00 Oslo summer time on 1 April.
    expect(openOf(state, "first-employer-contact")?.dueAt).toBe("2026-03-31T22:00:00.000Z");
    expect(state.nextDueAt).toBe("2026-03-31T22:00:00.000Z");
    expect(state.missedFirstEmployerContact).toBe(false);
  });

  it("falls due at midnight Oslo time on either side of a daylight-saving switch, in any year", () => {
    // Referred in winter time, due in summer time (the switch is on Sunday 30 March 2031).
    expect(openOf(journey("2031-03-03", [], "2031-03-03 12:00"), "first-employer-contact")).toMatchObject({
      dueDate: "2031-04-02",
      dueAt: "2031-04-01T22:00:00.000Z",
    });
    // Referred in summer time, due in winter time (the switch is on Sunday 26 October 2031).
    expect(openOf(journey("2031-10-10", [], "2031-10-10 12:00"), "first-employer-contact")).toMatchObject({
      dueDate: "2031-11-09",
      dueAt: "2031-11-08T23:00:00.000Z",
    });
  });

  it("turns due on the due date and overdue the day after, and flags the missed deadline", () => {
    const dueDay = journey("2026-03-02", [], "2026-04-01 08:00");
    expect(openOf(dueDay, "first-employer-contact")?.status).toBe("due");
    expect(dueDay.missedFirstEmployerContact).toBe(false);
    // The next change is the midnight that makes it overdue.
    expect(dueDay.nextChangeAt).toBe("2026-04-01T22:00:00.000Z");

    const dayAfter = journey("2026-03-02", [], "2026-04-02 00:01");
    expect(openOf(dayAfter, "first-employer-contact")?.status).toBe("overdue");
    expect(dayAfter.missedFirstEmployerContact).toBe(true);
    expect(dayAfter.nextChangeAt).toBeNull();
  });

  it("the day before the due date it is still upcoming, and the next change is the due date's midnight", () => {
    const state = journey("2026-03-02", [], "2026-03-31 23:59");
    expect(openOf(state, "first-employer-contact")?.status).toBe("upcoming");
    expect(state.nextChangeAt).toBe("2026-03-31T22:00:00.000Z");
  });

  it("is tuned by the deployment's rules", () => {
    const state = journey("2026-03-02", [], "2026-03-02 12:00", resolveRules({ firstEmployerContactDays: 14, benefitsCounsellingDays: 21 }));
    expect(openOf(state, "first-employer-contact")?.dueDate).toBe("2026-03-16");
    expect(openOf(state, "benefits-counselling")?.dueDate).toBe("2026-03-23");
  });

  it("benefits counselling closes its own obligation, keeping when it was held", () => {
    const state = journey("2026-03-02", [benefitsCounselling("2026-03-10")], "2026-03-12");
    expect(openOf(state, "benefits-counselling")).toBeUndefined();
    expect(doneOf(state, "benefits-counselling")).toMatchObject({ dueDate: "2026-04-01", doneAt: "2026-03-10T09:00:00.000Z" });
    expect(openOf(state, "first-employer-contact")?.status).toBe("upcoming");
  });
});

describe("first employer contact moves referral to job search", () => {
  it("closes the deadline, starts job search and opens job development 7 days after the contact", () => {
    const state = journey("2026-03-02", [employerContact("2026-03-20")], "2026-03-21");
    expect(state.phase).toBe("job-search");
    expect(state.phaseSince).toBe("2026-03-20T09:00:00.000Z");
    expect(doneOf(state, "first-employer-contact")).toMatchObject({ status: "done", doneAt: "2026-03-20T09:00:00.000Z" });
    expect(openOf(state, "first-employer-contact")).toBeUndefined();
    expect(openOf(state, "job-development")?.dueDate).toBe("2026-03-27");
    expect(state.lastEmployerContactAt).toBe("2026-03-20T09:00:00.000Z");
    expect(state.missedFirstEmployerContact).toBe(false);
  });

  it("a contact on the due date itself is in time; a day later is a miss that stays on record", () => {
    expect(journey("2026-03-02", [employerContact("2026-04-01 23:00")], "2026-04-10").missedFirstEmployerContact).toBe(false);
    const late = journey("2026-03-02", [employerContact("2026-04-02 07:00")], "2026-04-10");
    expect(late.missedFirstEmployerContact).toBe(true);
    expect(late.phase).toBe("job-search");
  });

  it("a participant meeting or benefits counselling does not start job search (fidelity: job search starts with the first employer contact)", () => {
    const state = journey("2026-03-02", [participantMeeting("2026-03-03"), benefitsCounselling("2026-03-04")], "2026-03-05");
    expect(state.phase).toBe("referral");
    expect(openOf(state, "first-employer-contact")).toBeDefined();
    expect(openOf(state, "job-development")).toBeUndefined();
  });
});

describe("dates are calendar days in the deployment's zone", () => {
  it("spring DST: a referral late on 1 March 2026 is due 31 March local, not 1 April", () => {
    // 23:30 CET = 22:30Z; 30 × 24 hours later is 00:30 CEST on 1 April.
    const state = evaluateJourney({
      referredAt: "2026-03-01T23:30:00+01:00",
      events: [],
      now: new Date("2026-03-02T08:00:00Z"),
      rules: defaultRules,
      timeZone: oslo,
    });
    expect(openOf(state, "first-employer-contact")).toMatchObject({ dueDate: "2026-03-31", dueAt: "2026-03-30T22:00:00.000Z" });
  });

  it("spring DST: a referral just after midnight on 1 March (still 28 February in UTC) is due 31 March local", () => {
    const state = evaluateJourney({
      referredAt: "2026-03-01T00:30:00+01:00",
      events: [],
      now: new Date("2026-03-02T08:00:00Z"),
      rules: defaultRules,
      timeZone: oslo,
    });
    expect(openOf(state, "first-employer-contact")?.dueDate).toBe("2026-03-31");
  });

  it("autumn DST: a referral just after midnight on 1 October 2026 is due 31 October local (00:00 CET)", () => {
    const state = evaluateJourney({
      referredAt: "2026-10-01T00:30:00+02:00",
      events: [],
      now: new Date("2026-10-02T08:00:00Z"),
      rules: defaultRules,
      timeZone: oslo,
    });
    expect(openOf(state, "first-employer-contact")).toMatchObject({ dueDate: "2026-10-31", dueAt: "2026-10-30T23:00:00.000Z" });
  });

  it("the same instant in another zone gives that zone's dates", () => {
    const state = evaluateJourney({
      referredAt: "2026-03-01T23:30:00+01:00",
      events: [],
      now: new Date("2026-03-02T08:00:00Z"),
      rules: defaultRules,
      timeZone: "America/New_York",
    });
    // 17:30 on 1 March in New York.
    expect(openOf(state, "first-employer-contact")).toMatchObject({ dueDate: "2026-03-31", dueAt: "2026-03-31T04:00:00.000Z" });
  });
});

describe("events in any order", () => {
  it("back-dated events give the same state as events recorded in order", () => {
    const events = [employerContact("2026-03-05"), participantMeeting("2026-03-06"), employerContact("2026-03-12"), benefitsCounselling("2026-03-13")];
    const inOrder = journey("2026-03-02", events, "2026-03-20");
    const shuffled = journey("2026-03-02", [events[2], events[0], events[3], events[1]], "2026-03-20");
    expect(shuffled).toEqual(inOrder);
    expect(inOrder.phase).toBe("job-search");
    // Job development counts from the latest contact (12 March), whatever the order of recording.
    expect(openOf(inOrder, "job-development")?.dueDate).toBe("2026-03-19");
  });

  it("events at the same instant apply in id order", () => {
    const instant = at("2026-04-10");
    const start = { type: "job-start", at: instant, employer: "Kafé Rosa", hoursPerWeek: 4, wage: "ordinary", temporary: true } as const;
    const end = { type: "job-end", at: instant } as const;
    const endFirst = journey("2026-03-02", [event(start, "01B"), event(end, "01A")], "2026-04-11");
    expect(endFirst.employment.inWork).toBe(true);
    expect(endFirst.phase).toBe("placement");
    const startFirst = journey("2026-03-02", [event(start, "01A"), event(end, "01B")], "2026-04-11");
    expect(startFirst.employment.inWork).toBe(false);
    expect(startFirst.phase).toBe("job-search");
  });

  it("an event dated before the referral counts as happening at the referral", () => {
    const state = journey("2026-03-02", [benefitsCounselling("2026-02-20")], "2026-03-03");
    expect(doneOf(state, "benefits-counselling")?.doneAt).toBe("2026-03-02T09:00:00.000Z");
  });

  it("an event dated after now is not applied yet, but its instant is the next change", () => {
    const state = journey("2026-03-02", [employerContact("2026-03-10")], "2026-03-05");
    expect(state.phase).toBe("referral");
    expect(state.nextChangeAt).toBe("2026-03-10T09:00:00.000Z");
    expect(journey("2026-03-02", [employerContact("2026-03-10")], "2026-03-10 11:00").phase).toBe("job-search");
  });
});
