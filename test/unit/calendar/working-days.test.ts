import { describe, expect, it } from "vitest";
import {
  daysOffAfter,
  digestInstantsBetween,
  isLastWorkingDayBeforeDaysOff,
  isPublicHoliday,
  isWorkingDay,
  isWorkingDayAt,
  nextDigestInstant,
  nextWorkingDay,
  publicHolidaysOf,
} from "../../../core/calendar/working-days";

const oslo = "Europe/Oslo";
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe("Norwegian working days", () => {
  it("17 May 2027 is a Monday and a public holiday (Constitution Day, also Whit Monday)", () => {
    expect(new Date("2027-05-17T12:00:00Z").getUTCDay()).toBe(1);
    expect(isWorkingDay("2027-05-17", oslo)).toBe(false);
    expect(publicHolidaysOf(2027, oslo).get("2027-05-17")).toContain("Grunnlovsdagen");
    expect(nextWorkingDay("2027-05-14", oslo)).toBe("2027-05-18");
    expect(daysOffAfter("2027-05-14", oslo)).toEqual(["2027-05-15", "2027-05-16", "2027-05-17"]);
  });

  it("Easter 2027: Maundy Thursday, Good Friday and Easter Monday are days off; the Wednesday before is a working day", () => {
    expect(["2027-03-25", "2027-03-26", "2027-03-29"].map((d) => isWorkingDay(d, oslo))).toEqual([false, false, false]);
    expect(isWorkingDay("2027-03-24", oslo)).toBe(true);
    expect(isWorkingDay("2027-03-30", oslo)).toBe(true);
    expect(nextWorkingDay("2027-03-24", oslo)).toBe("2027-03-30");
  });

  it("Ascension Day and Whit Monday move with Easter", () => {
    expect(isPublicHoliday("2027-05-06", oslo)).toBe(true);
    expect(isPublicHoliday("2026-05-14", oslo)).toBe(true);
    expect(isPublicHoliday("2026-05-25", oslo)).toBe(true);
    expect(isWorkingDay("2027-05-07", oslo)).toBe(true);
  });

  it("Christmas: the 25th and 26th are holidays; Christmas Eve and New Year's Eve are working days; 1 January is not", () => {
    expect(isWorkingDay("2026-12-25", oslo)).toBe(false);
    expect(isPublicHoliday("2026-12-26", oslo)).toBe(true);
    expect(isWorkingDay("2026-12-24", oslo)).toBe(true);
    expect(isWorkingDay("2026-12-31", oslo)).toBe(true);
    expect(isWorkingDay("2027-01-01", oslo)).toBe(false);
    expect(nextWorkingDay("2026-12-24", oslo)).toBe("2026-12-28");
    expect(nextWorkingDay("2026-12-31", oslo)).toBe("2027-01-04");
  });

  it("1 May is a holiday; weekends are days off; an ordinary weekday is a working day", () => {
    expect(isWorkingDay("2026-05-01", oslo)).toBe(false);
    expect(isWorkingDay("2026-11-28", oslo)).toBe(false);
    expect(isWorkingDay("2026-11-29", oslo)).toBe(false);
    expect(isWorkingDay("2026-11-27", oslo)).toBe(true);
    expect(nextWorkingDay("2026-11-27", oslo)).toBe("2026-11-30");
    expect(nextWorkingDay("2026-11-24", oslo)).toBe("2026-11-25");
  });

  it("knows the last working day before days off", () => {
    expect(isLastWorkingDayBeforeDaysOff("2026-11-27", oslo)).toBe(true);
    expect(isLastWorkingDayBeforeDaysOff("2027-05-05", oslo)).toBe(true);
    expect(isLastWorkingDayBeforeDaysOff("2027-05-04", oslo)).toBe(false);
    expect(isLastWorkingDayBeforeDaysOff("2026-11-28", oslo)).toBe(false);
  });

  it("rejects what is not a date", () => {
    expect(() => isWorkingDay("2026-13-01", oslo)).toThrow();
    expect(() => isWorkingDay("27.11.2026", oslo)).toThrow();
  });
});

describe("morning digest instants (08:00 local on working days)", () => {
  it("skip the weekend and 17 May, in the half-open interval (from, to]", () => {
    const instants = digestInstantsBetween(new Date("2027-05-13T22:00:00Z"), new Date("2027-05-20T22:00:00Z"), oslo, "08:00");
    expect(iso(instants)).toEqual([
      "2027-05-14T06:00:00.000Z",
      "2027-05-18T06:00:00.000Z",
      "2027-05-19T06:00:00.000Z",
      "2027-05-20T06:00:00.000Z",
    ]);
  });

  it("exclude the start instant and include the end instant, so stepping a clock fires each digest once", () => {
    const friday = new Date("2027-05-14T06:00:00Z");
    expect(digestInstantsBetween(friday, new Date("2027-05-18T06:00:00Z"), oslo, "08:00").map((d) => d.toISOString())).toEqual([
      "2027-05-18T06:00:00.000Z",
    ]);
    expect(digestInstantsBetween(friday, friday, oslo, "08:00")).toEqual([]);
  });

  it("stay at 08:00 local across the spring DST switch", () => {
    const instants = digestInstantsBetween(new Date("2026-03-26T12:00:00Z"), new Date("2026-03-31T12:00:00Z"), oslo, "08:00");
    expect(iso(instants)).toEqual(["2026-03-27T07:00:00.000Z", "2026-03-30T06:00:00.000Z", "2026-03-31T06:00:00.000Z"]);
  });

  it("follow the deployment's digest time", () => {
    expect(iso(digestInstantsBetween(new Date("2026-11-24T00:00:00Z"), new Date("2026-11-25T00:00:00Z"), oslo, "07:30"))).toEqual([
      "2026-11-24T06:30:00.000Z",
    ]);
  });

  it("the next digest after Friday's is Tuesday's when Monday is 17 May; before 08:00 it is the same morning", () => {
    expect(nextDigestInstant(new Date("2027-05-14T06:00:00Z"), oslo, "08:00").toISOString()).toBe("2027-05-18T06:00:00.000Z");
    expect(nextDigestInstant(new Date("2027-05-14T05:59:00Z"), oslo, "08:00").toISOString()).toBe("2027-05-14T06:00:00.000Z");
    expect(nextDigestInstant(new Date("2027-03-24T09:00:00Z"), oslo, "08:00").toISOString()).toBe("2027-03-30T06:00:00.000Z");
  });

  it("a working day is judged by the local date of the instant", () => {
    // 23:30 UTC on Sunday 16 May is 01:30 on Monday 17 May in Oslo: a holiday.
    expect(isWorkingDayAt(new Date("2027-05-16T23:30:00Z"), oslo)).toBe(false);
    // 23:30 UTC on Monday 17 May is Tuesday 18 May in Oslo.
    expect(isWorkingDayAt(new Date("2027-05-17T23:30:00Z"), oslo)).toBe(true);
  });

  it("rejects a malformed digest time", () => {
    expect(() => digestInstantsBetween(new Date("2026-11-24T00:00:00Z"), new Date("2026-11-25T00:00:00Z"), oslo, "8:00")).toThrow();
  });
});
