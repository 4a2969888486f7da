import { describe, expect, it } from "vitest";
import { addDays, daysBetween, localDateOf, localMidnightInstant, startOfLocalDay, weekdayOf } from "../../../core/calendar/local-dates";

describe("local dates", () => {
  it("the local date of an instant depends on the zone", () => {
    expect(localDateOf("2026-02-28T23:30:00Z", "Europe/Oslo")).toBe("2026-03-01");
    expect(localDateOf("2026-02-28T23:30:00Z", "UTC")).toBe("2026-02-28");
  });

  it("adds calendar days across month ends, leap days and DST", () => {
    expect(addDays("2026-03-01", 30)).toBe("2026-03-31");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-10-25", 1)).toBe("2026-10-26");
    expect(addDays("2026-01-10", -10)).toBe("2025-12-31");
    expect(daysBetween("2026-03-27", "2026-03-30")).toBe(3);
    expect(daysBetween("2026-03-30", "2026-03-27")).toBe(-3);
    // Years below 100 stay themselves (the Date constructor would read 50 as 1950).
    expect(addDays("0050-12-31", 1)).toBe("0051-01-01");
  });

  it("local midnight is 23:00Z in winter and 22:00Z in summer in Oslo", () => {
    expect(localMidnightInstant("2026-03-29", "Europe/Oslo")).toBe("2026-03-28T23:00:00.000Z");
    expect(localMidnightInstant("2026-03-30", "Europe/Oslo")).toBe("2026-03-29T22:00:00.000Z");
  });

  it("a day whose midnight a switch skips begins at the first minute it has", () => {
    // Chile moves its clocks from 00:00 to 01:00 on the first Sunday of September.
    expect(localMidnightInstant("2026-09-06", "America/Santiago")).toBe("2026-09-06T04:00:00.000Z");
    expect(startOfLocalDay("2026-09-06", "America/Santiago").getHours()).toBe(1);
  });

  it("weekday runs Monday 1 to Sunday 7", () => {
    expect(weekdayOf("2027-05-17")).toBe(1);
    expect(weekdayOf("2026-11-29")).toBe(7);
  });

  it("rejects unknown zones and malformed dates", () => {
    expect(() => localDateOf("2026-03-01T10:00:00Z", "Europe/Atlantis")).toThrow(/Europe\/Atlantis/);
    expect(() => addDays("2026-02-30", 1)).toThrow();
    expect(() => localDateOf("not a date", "Europe/Oslo")).toThrow();
  });
});
