import { addDays, localDateSchema, weekdayOf, type LocalDate } from "./local-dates";
import { decodeHolidayYear, type HolidayTable } from "./holiday-table";
// The deployment's table: package.json maps `#holidays` to Norway's, and the stack bundles each
// function with its deployment's country's table in its place (`bundleAliases` in
// infra/constructs/function.ts), so a function carries one country's holidays, about 7 KB.
import bundled from "#holidays";

/**
 * Working days: Monday to Friday, except the public holidays of the deployment's country
 * (`holidayCountry`, default NO). For Norway these are the helligdager: New Year's Day, Maundy
 * Thursday, Good Friday, Easter Sunday and Monday, 1 May, Ascension Day, Whit Sunday and Monday,
 * 17 May, Christmas Day and Boxing Day, as the date-holidays library computes them, type
 * "public" only, carried as a table (`npm run holidays`, scripts/holidays.ts). Christmas Eve and
 * New Year's Eve are bank half-days there, not public holidays, so they stay working days. The
 * morning digest goes out on working days only.
 *
 * Holidays are local dates of the country's own calendar, read on the deployment's local dates.
 */
const table = bundled as HolidayTable;

function tableOf(country: string): HolidayTable {
  if (country !== table.country) {
    throw new Error(`this build carries ${table.country}'s public holidays, not ${country}'s: bundle it for the deployment's holidayCountry (bundleAliases in infra/constructs/function.ts)`);
  }
  return table;
}

const holidaysByYear = new Map<number, ReadonlyMap<LocalDate, string>>();

/** The public holidays of a year in the country: local date → name (in the country's language). */
export function publicHolidaysOf(year: number, country: string): ReadonlyMap<LocalDate, string> {
  const { from, to } = tableOf(country);
  if (year < from || year > to) {
    throw new Error(`the ${country} holiday table covers ${from}–${to}, not ${year}: run npm run holidays with a wider span`);
  }
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    holidays = decodeHolidayYear(table, year);
    holidaysByYear.set(year, holidays);
  }
  return holidays;
}

function checkedDate(localDate: LocalDate): LocalDate {
  return localDateSchema.parse(localDate);
}

export function isPublicHoliday(localDate: LocalDate, country: string): boolean {
  const date = checkedDate(localDate);
  return publicHolidaysOf(Number(date.slice(0, 4)), country).has(date);
}

export function isWeekend(localDate: LocalDate): boolean {
  return weekdayOf(checkedDate(localDate)) >= 6;
}

export function isWorkingDay(localDate: LocalDate, country: string): boolean {
  return !isWeekend(localDate) && !isPublicHoliday(localDate, country);
}

/** The first working day strictly after `localDate`. */
export function nextWorkingDay(localDate: LocalDate, country: string): LocalDate {
  let day = addDays(checkedDate(localDate), 1);
  // Norway's longest run of days off (Easter) is five days; a bound keeps a bad calendar from looping.
  for (let i = 0; i < 30; i++, day = addDays(day, 1)) {
    if (isWorkingDay(day, country)) return day;
  }
  throw new Error(`no working day within 30 days after ${localDate}`);
}

/** The days off (weekend, holidays) between `localDate` and the next working day, in order. */
export function daysOffAfter(localDate: LocalDate, country: string): LocalDate[] {
  const next = nextWorkingDay(localDate, country);
  const days: LocalDate[] = [];
  for (let day = addDays(localDate, 1); day < next; day = addDays(day, 1)) days.push(day);
  return days;
}

/** True on a working day followed by at least one day off: the digest then also lists what falls due over it. */
export function isLastWorkingDayBeforeDaysOff(localDate: LocalDate, country: string): boolean {
  return isWorkingDay(localDate, country) && daysOffAfter(localDate, country).length > 0;
}
