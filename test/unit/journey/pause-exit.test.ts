import { describe, expect, it } from "vitest";
import { resolveRules } from "../../../core/journey/rules";
import { at, doneOf, employerContact, event, exit, followUpContact, journey, jobEnd, jobStart, openOf, pause, resume } from "./events";

const referred = "2026-03-02"; // 30-day deadlines due 2026-04-01

describe("a pause is reviewed: nobody stays paused unseen", () => {
  it("comes due at the pause's own end, or 30 days after it began (the deployment's pauseReviewDays)", () => {
    const until = event({ type: "pause", at: at("2026-03-12"), until: at("2026-05-04 12:00") });
    expect(openOf(journey(referred, [until], "2026-05-04"), "pause-review")).toMatchObject({ dueDate: "2026-05-04", status: "due" });
    expect(openOf(journey(referred, [until], "2026-05-05"), "pause-review")?.status).toBe("overdue");
    expect(openOf(journey(referred, [pause("2026-03-12")], "2026-04-12"), "pause-review")).toMatchObject({ dueDate: "2026-04-11", status: "overdue" });
    expect(openOf(journey(referred, [pause("2026-03-12")], "2026-03-13", resolveRules({ pauseReviewDays: 14 })), "pause-review")?.dueDate).toBe(
      "2026-03-26",
    );
  });

  it("a resume closes the review; a new pause renews it; exit ends it", () => {
    const resumed = journey(referred, [pause("2026-03-12"), resume("2026-04-13")], "2026-04-14");
    expect(openOf(resumed, "pause-review")).toBeUndefined();
    expect(doneOf(resumed, "pause-review")).toMatchObject({ dueDate: "2026-04-11", doneAt: "2026-04-13T08:00:00.000Z" });
    const renewed = journey(referred, [pause("2026-03-12"), event({ type: "pause", at: at("2026-04-13"), until: at("2026-06-01") })], "2026-04-14");
    expect(renewed.phase).toBe("paused");
    expect(openOf(renewed, "pause-review")?.dueDate).toBe("2026-06-01");
    expect(doneOf(renewed, "pause-review")?.doneAt).toBe("2026-04-13T08:00:00.000Z");
    // The clocks stood still since the first pause: 20 days left on the 30-day deadline at the resume.
    const back = journey(referred, [pause("2026-03-12"), event({ type: "pause", at: at("2026-04-13") }), resume("2026-05-04")], "2026-05-04 12:00");
    expect(openOf(back, "first-employer-contact")?.dueDate).toBe("2026-05-24");
    expect(openOf(journey(referred, [pause("2026-03-12"), exit("2026-03-20")], "2026-04-20"), "pause-review")).toBeUndefined();
  });
});

describe("pause stops every clock", () => {
  const paused = [pause("2026-03-12")]; // 20 days left on the 30-day clocks

  it("while paused: only the pause's review is due, after 30 days; what was open is held with its days left", () => {
    const state = journey(referred, paused, "2026-04-01");
    expect(state.phase).toBe("paused");
    expect(state.phaseSince).toBe("2026-03-12T09:00:00.000Z");
    expect(state.obligations.filter((o) => o.status !== "done")).toEqual([
      { kind: "pause-review", dueDate: "2026-04-11", dueAt: "2026-04-10T22:00:00.000Z", status: "upcoming" },
    ]);
    expect(state.nextDueAt).toBe("2026-04-10T22:00:00.000Z");
    expect(state.nextChangeAt).toBe("2026-04-10T22:00:00.000Z");
    expect(state.held).toEqual([
      { kind: "benefits-counselling", daysLeft: 20 },
      { kind: "first-employer-contact", daysLeft: 20 },
      { kind: "outreach", daysLeft: 20 },
    ]);
    // Paused past the original due date: the deadline is not missed, the clock stood still.
    expect(state.missedFirstEmployerContact).toBe(false);
  });

  it("on resume the clocks run on from where they stopped: due dates move by the paused days", () => {
    const state = journey(referred, [...paused, resume("2026-04-11")], "2026-04-11 12:00");
    expect(state.phase).toBe("referral");
    expect(state.phaseSince).toBe("2026-04-11T08:00:00.000Z");
    expect(openOf(state, "first-employer-contact")).toMatchObject({ dueDate: "2026-05-01", status: "upcoming" });
    expect(openOf(state, "benefits-counselling")?.dueDate).toBe("2026-05-01");
    expect(state.held).toBeUndefined();
  });

  it("an obligation already overdue at the pause is exactly as overdue after it", () => {
    const hired = [employerContact("2026-03-20"), jobStart("2026-04-13")]; // job-start follow-up due 04-16
    const state = journey(referred, [...hired, pause("2026-04-20"), resume("2026-04-27")], "2026-04-27 12:00");
    expect(openOf(state, "job-start-follow-up")).toMatchObject({ dueDate: "2026-04-23", status: "overdue" });
  });

  it("the placement weeks stand still too: a week's pause ends placement a week later", () => {
    const hired = [employerContact("2026-03-20"), jobStart("2026-04-13"), followUpContact("2026-04-15")];
    const state = journey(referred, [...hired, pause("2026-04-20"), resume("2026-04-27")], "2026-05-12");
    expect(state.phase).toBe("placement");
    expect(state.placementEndsAt).toBe("2026-05-17T22:00:00.000Z");
    expect(journey(referred, [...hired, pause("2026-04-20"), resume("2026-04-27")], "2026-05-18 00:00").phase).toBe("follow-up");
  });

  it("what happens during a pause counts from the resume: a job lost while paused gets its follow-up 3 days after resuming", () => {
    const inWork = [employerContact("2026-03-20"), jobStart("2026-04-13"), followUpContact("2026-05-06")];
    const during = journey(referred, [...inWork, pause("2026-06-01"), jobEnd("2026-06-10")], "2026-06-12");
    expect(during.phase).toBe("paused");
    expect(during.phaseSince).toBe("2026-06-01T08:00:00.000Z");
    expect(during.employment.inWork).toBe(false);
    const after = journey(referred, [...inWork, pause("2026-06-01"), jobEnd("2026-06-10"), resume("2026-06-20")], "2026-06-20 12:00");
    expect(after.phase).toBe("job-search");
    expect(openOf(after, "job-loss-follow-up")?.dueDate).toBe("2026-06-23");
  });

  it("a first employer contact made while paused, after the original due date, is not a miss", () => {
    const state = journey(referred, [...paused, employerContact("2026-04-10")], "2026-04-12");
    expect(doneOf(state, "first-employer-contact")).toBeDefined();
    expect(state.missedFirstEmployerContact).toBe(false);
    expect(journey(referred, [...paused, exit("2026-04-10")], "2026-04-12").missedFirstEmployerContact).toBe(false);
  });

  it("a second pause while paused and a resume without a pause change nothing", () => {
    const twice = journey(referred, [pause("2026-03-12"), pause("2026-03-20"), resume("2026-04-11")], "2026-04-12");
    expect(openOf(twice, "first-employer-contact")?.dueDate).toBe("2026-05-01");
    const stray = journey(referred, [resume("2026-03-10")], "2026-03-11");
    expect(openOf(stray, "first-employer-contact")?.dueDate).toBe("2026-04-01");
    expect(stray.phase).toBe("referral");
  });
});

describe("exit ends the journey", () => {
  it("leaves no open obligations and nothing to wake for, but keeps what was done", () => {
    const state = journey(referred, [employerContact("2026-03-10"), exit("2026-03-20")], "2026-06-01");
    expect(state.phase).toBe("exited");
    expect(state.exitedAt).toBe("2026-03-20T09:00:00.000Z");
    expect(state.obligations.every((o) => o.status === "done")).toBe(true);
    expect(doneOf(state, "first-employer-contact")).toBeDefined();
    expect(state.nextDueAt).toBeNull();
    expect(state.nextChangeAt).toBeNull();
  });

  it("an exit before the deadline is not a miss; an exit after a missed deadline keeps the miss on record", () => {
    expect(journey(referred, [exit("2026-03-20")], "2026-06-01").missedFirstEmployerContact).toBe(false);
    expect(journey(referred, [exit("2026-04-10")], "2026-06-01").missedFirstEmployerContact).toBe(true);
  });

  it("later events are kept as facts but open nothing", () => {
    const state = journey(referred, [exit("2026-03-20"), employerContact("2026-04-02"), jobStart("2026-04-13")], "2026-04-14");
    expect(state.phase).toBe("exited");
    expect(state.obligations).toEqual([]);
    expect(state.lastEmployerContactAt).toBe("2026-04-02T08:00:00.000Z");
    expect(state.employment.inWork).toBe(true);
  });

  it("a resume after exit is a return: a new referral with fresh 30-day clocks", () => {
    const state = journey(referred, [exit("2026-04-10"), resume("2026-06-01")], "2026-06-02");
    expect(state.phase).toBe("referral");
    expect(state.exitedAt).toBeUndefined();
    expect(openOf(state, "first-employer-contact")?.dueDate).toBe("2026-07-01");
    expect(openOf(state, "outreach")?.dueDate).toBe("2026-07-01");
    expect(state.missedFirstEmployerContact).toBe(false);
  });

  it("events while exited open nothing that survives a return", () => {
    const state = journey(referred, [employerContact("2026-03-20"), exit("2026-04-01"), jobStart("2026-04-13"), resume("2026-05-04")], "2026-05-05");
    expect(state.phase).toBe("follow-up");
    expect(state.obligations.filter((o) => o.status !== "done").map((o) => o.kind)).toEqual(["follow-up", "outreach"]);
  });

  it("someone in work who returns comes back to follow-up, due one interval after the return", () => {
    const state = journey(referred, [employerContact("2026-03-20"), jobStart("2026-04-13"), exit("2026-05-20"), resume("2026-09-01")], "2026-09-02");
    expect(state.phase).toBe("follow-up");
    expect(openOf(state, "follow-up")?.dueDate).toBe("2026-10-01");
    expect(openOf(state, "first-employer-contact")).toBeUndefined();
  });
});
