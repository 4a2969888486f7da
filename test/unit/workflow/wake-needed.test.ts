import { describe, expect, it } from "vitest";
import { eventNeedsWake } from "../../../core/wake/wake-needed";
import type { StoredState } from "../../../core/participants/profile";

const zone = "Europe/Oslo";
const now = new Date("2027-01-04T09:00:00Z");
// Follow-up due on 29 January (00:00 in Oslo is 23:00 UTC the day before).
const followUp = { kind: "follow-up", dueDate: "2027-01-29", dueAt: "2027-01-28T23:00:00.000Z", status: "upcoming" } as const;
const after = (obligations: StoredState["obligations"], phase: StoredState["phase"] = "follow-up") => ({
  phase,
  obligations,
  placementEndsAt: null,
});
const parkedUntil = (wakeAt?: string) => ({ wakeAt });
const before = { phase: "follow-up" } as const;

describe("whether an event wakes a parked journey", () => {
  it("sleeps on when nothing comes due before the planned wake", () => {
    expect(eventNeedsWake(parkedUntil(followUp.dueAt), before, after([followUp]), now, zone)).toBe(false);
    expect(eventNeedsWake(parkedUntil("2027-01-20T23:00:00.000Z"), before, after([followUp]), now, zone)).toBe(false);
    // Nothing open at all (paused, say, with the phase unchanged): nothing to wake for.
    expect(eventNeedsWake(parkedUntil(followUp.dueAt), before, after([]), now, zone)).toBe(false);
  });

  it("wakes when something comes due sooner than the planned wake", () => {
    const jobStartFollowUp = { kind: "job-start-follow-up", dueDate: "2027-01-13", dueAt: "2027-01-12T23:00:00.000Z", status: "upcoming" } as const;
    expect(eventNeedsWake(parkedUntil(followUp.dueAt), before, after([followUp, jobStartFollowUp]), now, zone)).toBe(true);
  });

  it("sleeps on when only a recurring round comes sooner: job development, weekly follow-up, follow-up, outreach", () => {
    for (const kind of ["follow-up", "job-development", "placement-follow-up", "outreach"] as const) {
      const sooner = { kind, dueDate: "2027-01-13", dueAt: "2027-01-12T23:00:00.000Z", status: "upcoming" } as const;
      expect(eventNeedsWake(parkedUntil(followUp.dueAt), before, after([sooner]), now, zone), kind).toBe(false);
    }
  });

  it("wakes when the phase changes, whatever the clocks say", () => {
    expect(eventNeedsWake(parkedUntil(followUp.dueAt), before, after([followUp], "exited"), now, zone)).toBe(true);
    expect(eventNeedsWake(parkedUntil(followUp.dueAt), { phase: "placement" }, after([followUp]), now, zone)).toBe(true);
  });

  it("wakes when the record holds no planned wake, or one already past (the execution may be lost)", () => {
    expect(eventNeedsWake(parkedUntil(undefined), before, after([followUp]), now, zone)).toBe(true);
    expect(eventNeedsWake(parkedUntil("2027-01-04T08:59:59.000Z"), before, after([followUp]), now, zone)).toBe(true);
    expect(eventNeedsWake(parkedUntil(now.toISOString()), before, after([followUp]), now, zone)).toBe(true);
  });

  it("counts a deadline's miss (the day after it) and the end of placement as wakes", () => {
    const firstContact = { kind: "first-employer-contact", dueDate: "2027-01-04", dueAt: "2027-01-03T23:00:00.000Z", status: "due" } as const;
    // Due today: its miss at 00:00 on 5 January comes before the planned wake.
    expect(eventNeedsWake(parkedUntil(followUp.dueAt), { phase: "referral" }, after([firstContact], "referral"), now, zone)).toBe(true);
    const placement = { phase: "placement" as const, obligations: [followUp], placementEndsAt: "2027-01-10T23:00:00.000Z" };
    expect(eventNeedsWake(parkedUntil(followUp.dueAt), { phase: "placement" }, placement, now, zone)).toBe(true);
  });
});
