import { describe, expect, it } from "vitest";
import { coveredWeek, isTeamDue, summaryPeriod } from "../../core/summary/period";

const oslo = "Europe/Oslo";
const hours = (period: { start: string; end: string }) => (Date.parse(period.end) - Date.parse(period.start)) / 3_600_000;

describe("the week a summary covers", () => {
  it("is the ISO week that just ended: sent Monday 2026-11-30 07:00 Oslo, it covers 2026-W48", () => {
    expect(coveredWeek(new Date("2026-11-30T06:00:00Z"), oslo)).toBe("2026-W48");
    expect(summaryPeriod("2026-W48", "weekly", oslo)).toEqual({
      start: "2026-11-22T23:00:00.000Z", // Monday 23 November 00:00 Oslo
      end: "2026-11-29T23:00:00.000Z", // Monday 30 November 00:00 Oslo
    });
  });

  it("turns at Monday 00:00 local time, not UTC", () => {
    // Sunday 29 November 23:30 Oslo is still week 48, so the last complete week is 47.
    expect(coveredWeek(new Date("2026-11-29T22:30:00Z"), oslo)).toBe("2026-W47");
    // Monday 30 November 00:00 Oslo (23:00 UTC on Sunday): week 48 has just ended.
    expect(coveredWeek(new Date("2026-11-29T23:00:00Z"), oslo)).toBe("2026-W48");
  });

  it("is the last complete week on any other weekday too, never one in progress", () => {
    // Thursday 3 December 2026: week 49 is running, week 48 is the last complete one.
    expect(coveredWeek(new Date("2026-12-03T12:00:00Z"), oslo)).toBe("2026-W48");
  });

  it("has 169 hours in the week daylight saving time ends (2026-W43) and 167 in the week it starts (2026-W13)", () => {
    const autumn = summaryPeriod("2026-W43", "weekly", oslo);
    expect(autumn).toMatchObject({ start: "2026-10-18T22:00:00.000Z", end: "2026-10-25T23:00:00.000Z" });
    expect(hours(autumn)).toBe(169);
    const spring = summaryPeriod("2026-W13", "weekly", oslo);
    expect(spring).toMatchObject({ start: "2026-03-22T23:00:00.000Z", end: "2026-03-29T22:00:00.000Z" });
    expect(hours(spring)).toBe(167);
    expect(coveredWeek(new Date("2026-10-26T06:00:00Z"), oslo)).toBe("2026-W43");
  });

  it("is week 53 on the first Monday of 2027, and 2027-W01 a week later", () => {
    expect(coveredWeek(new Date("2027-01-04T06:00:00Z"), oslo)).toBe("2026-W53");
    expect(summaryPeriod("2026-W53", "weekly", oslo)).toEqual({ start: "2026-12-27T23:00:00.000Z", end: "2027-01-03T23:00:00.000Z" });
    expect(coveredWeek(new Date("2027-01-11T06:00:00Z"), oslo)).toBe("2027-W01");
  });

  it("spans the two weeks since the previous summary for a fortnightly team, across a year's end", () => {
    expect(summaryPeriod("2027-W02", "fortnightly", oslo)).toEqual({ start: "2027-01-03T23:00:00.000Z", end: "2027-01-17T23:00:00.000Z" });
    expect(summaryPeriod("2026-W53", "fortnightly", oslo)).toEqual({ start: "2026-12-20T23:00:00.000Z", end: "2027-01-03T23:00:00.000Z" });
  });

  it("follows the deployment's zone", () => {
    expect(summaryPeriod("2026-W48", "weekly", "America/New_York")).toMatchObject({ start: "2026-11-23T05:00:00.000Z", end: "2026-11-30T05:00:00.000Z" });
  });
});

describe("which teams are due", () => {
  const weekly = { summaryCadence: "weekly" as const, createdAt: "2026-01-05T10:00:00.000Z" };
  const fortnightly = { ...weekly, summaryCadence: "fortnightly" as const };

  it("gives weekly teams every week", () => {
    for (const week of ["2026-W47", "2026-W48", "2026-W53", "2027-W01", "2027-W02"]) expect(isTeamDue(weekly, week, oslo)).toBe(true);
  });

  it("gives fortnightly teams every other week, strictly alternating across week 53", () => {
    const weeks = ["2026-W47", "2026-W48", "2026-W49", "2026-W50", "2026-W51", "2026-W52", "2026-W53", "2027-W01", "2027-W02", "2027-W03"];
    expect(weeks.filter((week) => isTeamDue(fortnightly, week, oslo))).toEqual(["2026-W47", "2026-W49", "2026-W51", "2026-W53", "2027-W02"]);
  });

  it("gives a team created during the week its first summary the week after", () => {
    const created = (createdAt: string) => ({ ...weekly, createdAt });
    // Week 48 starts Monday 23 November 00:00 Oslo = 2026-11-22T23:00Z.
    expect(isTeamDue(created("2026-11-22T23:00:00.000Z"), "2026-W48", oslo)).toBe(true);
    expect(isTeamDue(created("2026-11-22T23:00:00.001Z"), "2026-W48", oslo)).toBe(false);
    expect(isTeamDue(created("2026-11-25T12:00:00.000Z"), "2026-W48", oslo)).toBe(false);
    // Created on Monday 06:00, before the 07:00 schedule: week 48 had ended, and week 49 was under
    // way, so the first summary is that of week 50.
    expect(isTeamDue(created("2026-11-30T05:00:00.000Z"), "2026-W48", oslo)).toBe(false);
    expect(isTeamDue(created("2026-11-30T05:00:00.000Z"), "2026-W49", oslo)).toBe(false);
    expect(isTeamDue(created("2026-11-30T05:00:00.000Z"), "2026-W50", oslo)).toBe(true);
  });
});
