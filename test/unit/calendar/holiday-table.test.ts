import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { computeHolidays, holidayTable, tableYears } from "../../../scripts/holidays";
import { publicHolidaysOf } from "../../../core/calendar/working-days";

/**
 * The holiday table the functions carry is what the date-holidays library computes: the
 * committed file is the generator's output, and every year of it reads back as the library's.
 */
describe("the holiday table", () => {
  it("is the generator's output, as committed", () => {
    const committed = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "..", "core", "calendar", "holidays.no.json"), "utf8"));
    expect(committed).toEqual(holidayTable("NO"));
  });

  it("gives every year of its span as the library does", () => {
    for (let year = tableYears.from; year <= tableYears.to; year++) {
      expect([...publicHolidaysOf(year, "Europe/Oslo")], String(year)).toEqual([...computeHolidays("NO", year)].sort(([a], [b]) => a.localeCompare(b)));
    }
  });

  it("says so outside its span rather than treat a year as having no holidays", () => {
    expect(() => publicHolidaysOf(tableYears.to + 1, "Europe/Oslo")).toThrow(/covers 2000–2100/);
  });
});
