/**
 * `npm run holidays [-- XX …]`: writes the public holiday tables the working days are judged by
 * (core/calendar/holidays/<country>.json; without arguments, every country of `holidayCountries`),
 * computed with the date-holidays library for the years the tables span. A function carries its
 * deployment's table alone (`#holidays`, chosen when the stack bundles it). The library brings every country's rules, a time-zone database and an astronomy
 * library (about 1.3 MB in a Lambda bundle) for a dozen dates a year, so the functions carry the
 * table and the library stays a development dependency; test/unit/calendar/holiday-table.test.ts
 * checks that the table is what the library computes.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Holidays from "date-holidays";
import { encodeHolidayYear, holidayCountries, type HolidayTable } from "../core/calendar/holiday-table";

export const tableYears = { from: 2000, to: 2100 } as const;

/** A country's public holidays of a year, local date → name; a date holding two (17 May 2027 is also Whit Monday) joins their names. */
export function computeHolidays(country: string, year: number): Map<string, string> {
  const calendar = new Holidays(country, { types: ["public"] });
  const byDate = new Map<string, string>();
  for (const holiday of calendar.getHolidays(year)) {
    if (holiday.type !== "public") continue;
    // `date` is "yyyy-mm-dd hh:mm:ss" in the country's own calendar.
    const date = holiday.date.slice(0, 10);
    byDate.set(date, byDate.has(date) ? `${byDate.get(date)} / ${holiday.name}` : holiday.name);
  }
  return byDate;
}

/** The table for a country over `tableYears`: each name once, each year one string of its dates and their names' letters. */
export function holidayTable(country: string): HolidayTable {
  const names: string[] = [];
  const years: Record<string, string> = {};
  for (let year = tableYears.from; year <= tableYears.to; year++) {
    const days: Array<[string, number]> = [];
    for (const [date, name] of [...computeHolidays(country, year)].sort(([a], [b]) => a.localeCompare(b))) {
      if (!names.includes(name)) names.push(name);
      days.push([date.slice(5).replace("-", ""), names.indexOf(name)]);
    }
    years[year] = encodeHolidayYear(days);
  }
  return { country, from: tableYears.from, to: tableYears.to, names, years };
}

/** Where a country's table is committed. */
export const holidayTableFile = (country: string): string => join(import.meta.dirname, "..", "core", "calendar", "holidays", `${country.toLowerCase()}.json`);

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const countries = process.argv.length > 2 ? process.argv.slice(2).map((country) => country.toUpperCase()) : holidayCountries;
  for (const country of countries) {
    writeFileSync(holidayTableFile(country), `${JSON.stringify(holidayTable(country))}\n`);
    console.log(`wrote core/calendar/holidays/${country.toLowerCase()}.json`);
  }
}
