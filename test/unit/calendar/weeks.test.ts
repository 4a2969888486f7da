import { describe, expect, it } from "vitest";
import {
  addWeeks,
  fortnightAnchorWeek,
  fortnightParity,
  isoWeekOf,
  isoWeekSchema,
  isSummaryWeek,
  weekBounds,
  weeksBetween,
  weeksInWeekYear,
} from "../../../core/calendar/weeks";

const oslo = "Europe/Oslo";
const hours = ({ start, end }: { start: string; end: string }) => (Date.parse(end) - Date.parse(start)) / 3_600_000;

describe("ISO weeks in the deployment's zone", () => {
  it("names the week of an instant by its local date", () => {
    expect(isoWeekOf("2026-11-23T12:00:00Z", oslo)).toBe("2026-W48");
    // 23:30 UTC on Sunday 29 November is 00:30 on Monday in Oslo: already week 49 there.
    expect(isoWeekOf("2026-11-29T23:30:00Z", oslo)).toBe("2026-W49");
    expect(isoWeekOf("2026-11-29T23:30:00Z", "UTC")).toBe("2026-W48");
    expect(isoWeekOf(new Date("2026-01-05T08:00:00Z"), oslo)).toBe("2026-W02");
  });

  it("2026 has a week 53, running into January 2027", () => {
    expect(weeksInWeekYear(2026)).toBe(53);
    expect(weeksInWeekYear(2027)).toBe(52);
    expect(isoWeekOf("2026-12-31T12:00:00Z", oslo)).toBe("2026-W53");
    expect(isoWeekOf("2027-01-03T12:00:00Z", oslo)).toBe("2026-W53");
    expect(isoWeekOf("2027-01-04T12:00:00Z", oslo)).toBe("2027-W01");
    expect(weekBounds("2026-W53", oslo)).toEqual({ start: "2026-12-27T23:00:00.000Z", end: "2027-01-03T23:00:00.000Z" });
  });

  it("the first days of January can belong to the previous year's last week", () => {
    expect(isoWeekOf("2027-01-01T12:00:00Z", oslo)).toBe("2026-W53");
    expect(isoWeekOf("2028-01-01T12:00:00Z", oslo)).toBe("2027-W52");
    expect(isoWeekOf("2024-12-30T12:00:00Z", oslo)).toBe("2025-W01");
  });

  it("validates the YYYY-Www form and that the week exists", () => {
    for (const week of ["2026-W01", "2026-W48", "2026-W53", "2020-W53", "2032-W53"]) expect(isoWeekSchema.safeParse(week).success).toBe(true);
    for (const week of ["2027-W53", "2026-W00", "2026-W54", "2026-48", "2026-W5", "26-W48", "2026-w48", ""]) {
      expect(isoWeekSchema.safeParse(week).success, week).toBe(false);
    }
    expect(() => weekBounds("2027-W53", oslo)).toThrow();
  });
});

describe("week bounds: Monday 00:00 local to the next Monday 00:00 local", () => {
  it("an ordinary winter week is 168 hours", () => {
    const bounds = weekBounds("2026-W48", oslo);
    expect(bounds).toEqual({ start: "2026-11-22T23:00:00.000Z", end: "2026-11-29T23:00:00.000Z" });
    expect(hours(bounds)).toBe(168);
  });

  it("the week clocks go forward (29 March 2026) is 167 hours", () => {
    const bounds = weekBounds("2026-W13", oslo);
    expect(bounds).toEqual({ start: "2026-03-22T23:00:00.000Z", end: "2026-03-29T22:00:00.000Z" });
    expect(hours(bounds)).toBe(167);
  });

  it("the week clocks go back (25 October 2026) is 169 hours", () => {
    const bounds = weekBounds("2026-W43", oslo);
    expect(bounds).toEqual({ start: "2026-10-18T22:00:00.000Z", end: "2026-10-25T23:00:00.000Z" });
    expect(hours(bounds)).toBe(169);
  });

  it("every instant of a week lies within its bounds", () => {
    const { start, end } = weekBounds("2026-W13", oslo);
    expect(isoWeekOf(start, oslo)).toBe("2026-W13");
    expect(isoWeekOf(new Date(Date.parse(end) - 1), oslo)).toBe("2026-W13");
    expect(isoWeekOf(end, oslo)).toBe("2026-W14");
  });
});

describe("counting weeks", () => {
  it("steps through week 53", () => {
    expect(addWeeks("2026-W52", 1)).toBe("2026-W53");
    expect(addWeeks("2026-W52", 2)).toBe("2027-W01");
    expect(addWeeks("2027-W01", -1)).toBe("2026-W53");
    expect(weeksBetween("2026-W52", "2027-W01")).toBe(2);
    expect(weeksBetween("2027-W01", "2026-W52")).toBe(-2);
    expect(weeksBetween("2025-W52", "2026-W01")).toBe(1);
  });
});

describe("fortnightly summaries", () => {
  it("alternate strictly every week, also across week 53 where even/odd week numbers would not", () => {
    const weeks = ["2026-W51", "2026-W52", "2026-W53", "2027-W01", "2027-W02"];
    expect(weeks.map(fortnightParity)).toEqual([0, 1, 0, 1, 0]);
    expect(weeks.map((w) => isSummaryWeek(w, "fortnightly"))).toEqual([true, false, true, false, true]);
  });

  it("are anchored at 2024-W01 (parity 0) and never fall two weeks in a row or skip one, 2024 to 2032", () => {
    expect(fortnightParity(fortnightAnchorWeek)).toBe(0);
    let week = "2024-W01";
    for (let i = 0; i < 9 * 53; i++) {
      const next = addWeeks(week, 1);
      expect(fortnightParity(next)).not.toBe(fortnightParity(week));
      week = next;
    }
  });

  it("a team meeting in the other weeks takes parity 1; a weekly team gets a summary every week", () => {
    expect(isSummaryWeek("2027-W01", "fortnightly", 1)).toBe(true);
    expect(isSummaryWeek("2027-W01", "fortnightly", 0)).toBe(false);
    expect(isSummaryWeek("2027-W01", "weekly")).toBe(true);
    expect(isSummaryWeek("2026-W53", "weekly")).toBe(true);
  });
});
