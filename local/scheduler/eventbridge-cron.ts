import { CronExpressionParser, type CronExpression } from "cron-parser";
import { TZDate } from "@date-fns/tz";
import { isTimeZone } from "../../core/calendar/local-dates";

/**
 * EventBridge Scheduler cron expressions, `cron(minutes hours day-of-month month day-of-week
 * year)`, evaluated by cron-parser in an IANA time zone. The dialects differ in three ways that
 * are translated here: EventBridge numbers weekdays 1-7 from Sunday (cron-parser 0-6), has a
 * year field (cron-parser has none; occurrences in other years are skipped), and requires `?` in
 * exactly one of the day fields (cron-parser reads `?` as `*`, which gives the same meaning).
 */
export interface EventBridgeCron {
  expression: string;
  timeZone: string;
  /** The first occurrence strictly after `after`, or undefined if there is none. */
  nextAfter(after: Date): Date | undefined;
}

const CRON = /^cron\((.*)\)$/;
/** Years searched before concluding a year-restricted expression has no further occurrence. */
const YEAR_LIMIT = 3000;

const invalid = (expression: string, reason: string) =>
  new Error(`invalid schedule expression ${expression}: ${reason}`);

/** EventBridge weekday numbers (1 = SUN … 7 = SAT) to cron-parser's (0 = SUN … 6 = SAT); names pass through. */
function translateDayOfWeek(field: string, expression: string): string {
  const day = (token: string) => {
    if (!/^\d+$/.test(token)) return token;
    const number = Number(token);
    if (number < 1 || number > 7) throw invalid(expression, `day-of-week ${token} is outside 1-7`);
    return String(number - 1);
  };
  return field
    .split(",")
    .map((part) => {
      const [range, step] = part.split("/");
      const nth = /^(\w+)(#\d+|L)$/.exec(range);
      const translated = nth ? `${day(nth[1])}${nth[2]}` : range.split("-").map(day).join("-");
      return step === undefined ? translated : `${translated}/${step}`;
    })
    .join(",");
}

function yearMatcher(field: string, expression: string): (year: number) => boolean {
  if (field === "*") return () => true;
  const parts = field.split(",").map((part) => {
    const match = /^(\d{4})(?:-(\d{4}))?(?:\/(\d+))?$/.exec(part);
    if (!match) throw invalid(expression, `year field "${field}" is not supported locally`);
    const from = Number(match[1]);
    const to = match[2] ? Number(match[2]) : match[3] ? YEAR_LIMIT : from;
    const step = match[3] ? Number(match[3]) : 1;
    return (year: number) => year >= from && year <= to && (year - from) % step === 0;
  });
  return (year) => parts.some((matches) => matches(year));
}

export function parseEventBridgeCron(expression: string, timeZone: string): EventBridgeCron {
  if (!isTimeZone(timeZone)) throw invalid(expression, `unknown time zone ${timeZone}`);
  const body = CRON.exec(expression.trim())?.[1];
  if (body === undefined) throw invalid(expression, "only cron(...) expressions are supported locally");
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) throw invalid(expression, "cron needs 6 fields: minutes hours day-of-month month day-of-week year");
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
    throw invalid(expression, "exactly one of day-of-month and day-of-week must be ?");
  }
  if (dayOfMonth.includes("W")) throw invalid(expression, "W (nearest weekday) is not supported locally");
  const cronParserExpression = `0 ${minutes} ${hours} ${dayOfMonth} ${month} ${translateDayOfWeek(dayOfWeek, expression)}`;
  const inYear = yearMatcher(year, expression);
  const parse = (after: Date): CronExpression => {
    try {
      return CronExpressionParser.parse(cronParserExpression, { currentDate: after, tz: timeZone });
    } catch (error) {
      throw invalid(expression, (error as Error).message);
    }
  };
  parse(new Date(0)); // reject a bad expression when the schedule is added, not when it first fires

  return {
    expression,
    timeZone,
    nextAfter(after) {
      let from = after;
      for (;;) {
        const occurrences = parse(from);
        if (!occurrences.hasNext()) return undefined;
        const next = occurrences.next().toDate();
        const year = new TZDate(next.getTime(), timeZone).getFullYear();
        if (inYear(year)) return next;
        // Skip to the start of the next year the year field allows (in the schedule's zone).
        let nextYear = year + 1;
        while (nextYear <= YEAR_LIMIT && !inYear(nextYear)) nextYear++;
        if (nextYear > YEAR_LIMIT) return undefined;
        from = new Date(new TZDate(nextYear, 0, 1, timeZone).getTime() - 1);
      }
    },
  };
}
