import { describe, expect, it } from "vitest";
import {
  daysOffAfter,
  isLastWorkingDayBeforeDaysOff,
  isPublicHoliday,
  isWorkingDay,
  nextWorkingDay,
  publicHolidaysOf,
} from "../../../core/calendar/working-days";

const norway = "NO";

describe("Norwegian working days", () => {
  it("17 May 2027 is a Monday and a public holiday (Constitution Day, also Whit Monday)", () => {
    expect(new Date("2027-05-17T12:00:00Z").getUTCDay()).toBe(1);
    expect(isWorkingDay("2027-05-17", norway)).toBe(false);
    expect(publicHolidaysOf(2027, norway).get("2027-05-17")).toContain("Grunnlovsdagen");
    expect(nextWorkingDay("2027-05-14", norway)).toBe("2027-05-18");
    expect(daysOffAfter("2027-05-14", norway)).toEqual(["2027-05-15", "2027-05-16", "2027-05-17"]);
  });

  it("Easter 2027: Maundy Thursday, Good Friday and Easter Monday are days off; the Wednesday before is a working day", () => {
    expect(["2027-03-25", "2027-03-26", "2027-03-29"].map((d) => isWorkingDay(d, norway))).toEqual([false, false, false]);
    expect(isWorkingDay("2027-03-24", norway)).toBe(true);
    expect(isWorkingDay("2027-03-30", norway)).toBe(true);
    expect(nextWorkingDay("2027-03-24", norway)).toBe("2027-03-30");
  });

  it("Ascension Day and Whit Monday move with Easter", () => {
    expect(isPublicHoliday("2027-05-06", norway)).toBe(true);
    expect(isPublicHoliday("2026-05-14", norway)).toBe(true);
    expect(isPublicHoliday("2026-05-25", norway)).toBe(true);
    expect(isWorkingDay("2027-05-07", norway)).toBe(true);
  });

  it("Christmas: the 25th and 26th are holidays; Christmas Eve and New Year's Eve are working days; 1 January is not", () => {
    expect(isWorkingDay("2026-12-25", norway)).toBe(false);
    expect(isPublicHoliday("2026-12-26", norway)).toBe(true);
    expect(isWorkingDay("2026-12-24", norway)).toBe(true);
    expect(isWorkingDay("2026-12-31", norway)).toBe(true);
    expect(isWorkingDay("2027-01-01", norway)).toBe(false);
    expect(nextWorkingDay("2026-12-24", norway)).toBe("2026-12-28");
    expect(nextWorkingDay("2026-12-31", norway)).toBe("2027-01-04");
  });

  it("1 May is a holiday; weekends are days off; an ordinary weekday is a working day", () => {
    expect(isWorkingDay("2026-05-01", norway)).toBe(false);
    expect(isWorkingDay("2026-11-28", norway)).toBe(false);
    expect(isWorkingDay("2026-11-29", norway)).toBe(false);
    expect(isWorkingDay("2026-11-27", norway)).toBe(true);
    expect(nextWorkingDay("2026-11-27", norway)).toBe("2026-11-30");
    expect(nextWorkingDay("2026-11-24", norway)).toBe("2026-11-25");
  });

  it("knows the last working day before days off", () => {
    expect(isLastWorkingDayBeforeDaysOff("2026-11-27", norway)).toBe(true);
    expect(isLastWorkingDayBeforeDaysOff("2027-05-05", norway)).toBe(true);
    expect(isLastWorkingDayBeforeDaysOff("2027-05-04", norway)).toBe(false);
    expect(isLastWorkingDayBeforeDaysOff("2026-11-28", norway)).toBe(false);
  });

  it("rejects what is not a date", () => {
    expect(() => isWorkingDay("2026-13-01", norway)).toThrow();
    expect(() => isWorkingDay("27.11.2026", norway)).toThrow();
  });

  it("says which table it carries when asked about another country, rather than judge it by Norway's", () => {
    // Run unbundled, `#holidays` is Norway's table (package.json); a stack bundles its deployment's.
    expect(() => isWorkingDay("2027-03-17", "IE")).toThrow(/carries NO's public holidays, not IE's/);
  });
});
