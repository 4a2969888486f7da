import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeHolidays, holidayTable, holidayTableFile, tableYears } from "../../../scripts/holidays";
import { decodeHolidayYear, holidayCountries, type HolidayTable } from "../../../core/calendar/holiday-table";
import { publicHolidaysOf } from "../../../core/calendar/working-days";

/**
 * The holiday tables the functions carry are what the date-holidays library computes: each
 * committed file is the generator's output, and every year of it reads back as the library's.
 */
describe.each(holidayCountries)("the holiday table of %s", (country) => {
  const committed = JSON.parse(readFileSync(holidayTableFile(country), "utf8")) as HolidayTable;

  it("is the generator's output, as committed", () => {
    expect(committed).toEqual(holidayTable(country));
  });

  it("gives every year of its span as the library does", () => {
    for (let year = tableYears.from; year <= tableYears.to; year++) {
      expect([...decodeHolidayYear(committed, year)], `${country} ${year}`).toEqual(
        [...computeHolidays(country, year)].sort(([a], [b]) => a.localeCompare(b)),
      );
    }
  });
});

describe("the table the working days read", () => {
  it("is Norway's unbundled, read year by year", () => {
    expect(publicHolidaysOf(2027, "NO").get("2027-05-17")).toBe("Grunnlovsdagen / Andre pinsedag");
    expect([...publicHolidaysOf(2027, "NO").keys()]).toHaveLength(11);
  });

  it("says so outside its span rather than treat a year as having no holidays", () => {
    expect(() => publicHolidaysOf(tableYears.to + 1, "NO")).toThrow(/covers 2000–2100/);
  });
});
