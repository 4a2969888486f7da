import Holidays from "date-holidays";
import { addDays, localDateSchema, weekdayOf, type LocalDate } from "./local-dates";

/**
 * Working days: Monday to Friday, except Norway's public holidays (helligdager: New Year's Day,
 * Maundy Thursday, Good Friday, Easter Sunday and Monday, 1 May, Ascension Day, Whit Sunday and
 * Monday, 17 May, Christmas Day and Boxing Day), as the date-holidays library knows them for
 * country NO, type "public" only. Christmas Eve and New Year's Eve are bank half-days there, not
 * public holidays, so they stay working days. The morning digest goes out on working days only.
 */

const calendars = new Map<string, Holidays>();
const holidaysByYear = new Map<string, ReadonlyMap<LocalDate, string>>();

function norwegianCalendar(timeZone: string): Holidays {
  let calendar = calendars.get(timeZone);
  if (!calendar) {
    // The zone tells the library where each holiday day begins and ends; the dates are Norway's.
    calendar = new Holidays("NO", { types: ["public"], timezone: timeZone });
    calendars.set(timeZone, calendar);
  }
  return calendar;
}

/** Norway's public holidays of a year: local date → name (bokmål). */
export function publicHolidaysOf(year: number, timeZone: string): ReadonlyMap<LocalDate, string> {
  const key = `${timeZone}|${year}`;
  let holidays = holidaysByYear.get(key);
  if (!holidays) {
    const byDate = new Map<LocalDate, string>();
    for (const holiday of norwegianCalendar(timeZone).getHolidays(year)) {
      if (holiday.type !== "public") continue;
      // `date` is "yyyy-mm-dd hh:mm:ss" in the country's own calendar; 17 May 2027 is also
      // Whit Monday, so names are joined rather than overwritten.
      const date = holiday.date.slice(0, 10);
      byDate.set(date, byDate.has(date) ? `${byDate.get(date)} / ${holiday.name}` : holiday.name);
    }
    holidays = byDate;
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
