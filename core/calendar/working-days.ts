import { addDays, localDateSchema, weekdayOf, type LocalDate } from "./local-dates";
import { decodeHolidayYear, type HolidayTable } from "./holiday-table";
import norway from "./holidays.no.json";

/**
 * Working days: Monday to Friday, except Norway's public holidays (helligdager: New Year's Day,
 * Maundy Thursday, Good Friday, Easter Sunday and Monday, 1 May, Ascension Day, Whit Sunday and
 * Monday, 17 May, Christmas Day and Boxing Day), as the date-holidays library computes them for
 * country NO, type "public" only, carried as a table (`npm run holidays`, scripts/holidays.ts).
 * Christmas Eve and New Year's Eve are bank half-days there, not public holidays, so they stay
 * working days. The morning digest goes out on working days only.
 *
 * Holidays are local dates of the country's own calendar, whatever the deployment's zone: a
 * deployment in another country would need its country's table (the generator takes any country
 * date-holidays knows); until then every zone is judged by Norway's.
 */
const calendars: Record<string, HolidayTable> = { NO: norway as HolidayTable };
const calendarOf = (_timeZone: string): HolidayTable => calendars.NO;

const holidaysByYear = new Map<string, ReadonlyMap<LocalDate, string>>();

/** The public holidays of a year: local date → name (bokmål). */
export function publicHolidaysOf(year: number, timeZone: string): ReadonlyMap<LocalDate, string> {
  const table = calendarOf(timeZone);
  if (year < table.from || year > table.to) {
    throw new Error(`the ${table.country} holiday table covers ${table.from}–${table.to}, not ${year}: run npm run holidays with a wider span`);
  }
  const key = `${table.country}|${year}`;
  let holidays = holidaysByYear.get(key);
  if (!holidays) {
    holidays = decodeHolidayYear(table, year);
    holidaysByYear.set(key, holidays);
  }
  return holidays;
}

function checkedDate(localDate: LocalDate): LocalDate {
  return localDateSchema.parse(localDate);
}

export function isPublicHoliday(localDate: LocalDate, timeZone: string): boolean {
  const date = checkedDate(localDate);
  return publicHolidaysOf(Number(date.slice(0, 4)), timeZone).has(date);
}

export function isWeekend(localDate: LocalDate): boolean {
  return weekdayOf(checkedDate(localDate)) >= 6;
}

export function isWorkingDay(localDate: LocalDate, timeZone: string): boolean {
  return !isWeekend(localDate) && !isPublicHoliday(localDate, timeZone);
}

/** The first working day strictly after `localDate`. */
export function nextWorkingDay(localDate: LocalDate, timeZone: string): LocalDate {
  let day = addDays(checkedDate(localDate), 1);
  // Norway's longest run of days off (Easter) is five days; a bound keeps a bad calendar from looping.
  for (let i = 0; i < 30; i++, day = addDays(day, 1)) {
    if (isWorkingDay(day, timeZone)) return day;
  }
  throw new Error(`no working day within 30 days after ${localDate}`);
}

/** The days off (weekend, holidays) between `localDate` and the next working day, in order. */
export function daysOffAfter(localDate: LocalDate, timeZone: string): LocalDate[] {
  const next = nextWorkingDay(localDate, timeZone);
  const days: LocalDate[] = [];
  for (let day = addDays(localDate, 1); day < next; day = addDays(day, 1)) days.push(day);
  return days;
}

/** True on a working day followed by at least one day off: the digest then also lists what falls due over it. */
export function isLastWorkingDayBeforeDaysOff(localDate: LocalDate, timeZone: string): boolean {
  return isWorkingDay(localDate, timeZone) && daysOffAfter(localDate, timeZone).length > 0;
}
