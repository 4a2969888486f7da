import { TZDate } from "@date-fns/tz";
import { addDays, lightFormat, startOfDay } from "date-fns";
import type { EventBody } from "../../core/domain/schemas";
import { isWorkingDay } from "../../core/calendar/working-days";
import { between, chance, daysUntil, mulberry32, pick, type Random } from "./random";

/**
 * A generated IPS caseload: for each participant a referral instant and the events a job
 * specialist records over the simulated span. The assumptions are the population's; they are
 * listed, with the reasoning, at the top of bench/journeys.ts and they are all in `mix` below.
 *
 * Journeys are drafted in "active days" since the referral (time in which the participant's
 * clocks run); pauses are then inserted, which shifts everything after them, and the result is
 * placed on the calendar: events fall on working days (Monday to Friday, Norwegian public
 * holidays excepted) at one of a few recording times, never before the previous event.
 */
export const mix = {
  /** Benefits counselling: on time (5–30 days), late (31–70 days), or not at all. */
  benefitsCounselling: { onTime: 0.8, late: 0.12 },
  /** First employer contact: most within 5–29 days; the rest 31–45 days, after the 30-day deadline. */
  firstEmployerContactOnTime: 0.8,
  /** Employer contacts during job search: every 3–9 days, with a 10–21-day gap 15 % of the time. */
  employerContactDays: [3, 9],
  employerContactGap: { probability: 0.15, days: [10, 21] },
  /** Participant meetings during job search: every 10–28 days. */
  meetingDays: [10, 28],
  /** First job or school start: 60 % within 3–9 months of the referral, half the rest at 9–24 months. */
  firstStart: { withinNineMonths: 0.6, laterShare: 0.5 },
  /** A start is school 12 % of the time; a job is temporary 30 % of the time. */
  education: 0.12,
  temporary: 0.3,
  /** Temporary jobs last 2–6 months; school 4–10 months; a permanent job ends with 15 % a year. */
  temporaryJobDays: [60, 180],
  educationDays: [120, 300],
  permanentJobEndsPerYear: 0.15,
  /** After an end: 70 % start again after 1–5 months. */
  startAgain: { probability: 0.7, days: [30, 150] },
  /** Placement: first contact 1–4 days after the start (10 %: 4–7, late), then every 5–9 days (10 %: 8–12). */
  placementFirstContactDays: [1, 4],
  placementContactDays: [5, 9],
  placementLate: 0.1,
  /** Follow-up: half get an individual interval of 3–6 weeks; contacts come at 0.7–1.3 × the interval. */
  individualInterval: 0.5,
  intervals: [21, 28, 35, 42],
  followUpSpread: [0.7, 1.3],
  /** Follow-up contacts are with the participant 70 % of the time, else with the employer. */
  withParticipant: 0.7,
  /** Pauses: 8 % a year, lasting 2–13 weeks. Exits: 10 % a year. */
  pausesPerYear: 0.08,
  pauseDays: [14, 90],
  exitsPerYear: 0.1,
  /** Local times at which events are recorded (specialists write notes a few times a day). */
  recordingHours: [9, 11, 13, 15],
} as const;

const DAY = 86_400_000;
const employers = ["Bakeriet", "Rema 1000", "Lager AS", "Hotell Vest", "Verksted AS", "Kafé Sentrum", "Kommunen", "Butikken", "Sykehjemmet", "Flyttebyrå"];
const hours = [4, 8, 10, 15, 20, 30, 37.5];

/** An event body without its instant (each member of the union on its own). */
export type Body = EventBody extends infer E ? (E extends EventBody ? Omit<E, "at"> : never) : never;

export interface PlannedEvent {
  at: Date;
  body: EventBody;
}

export interface PlannedParticipant {
  index: number;
  code: string;
  referredAt: Date;
  events: PlannedEvent[];
  /** The exit instant if the participant exits within the span. */
  exitAt?: Date;
  /** End of the participant's time in the program within the span (exit or the end of the span). */
  activeUntil: Date;
}

export interface PopulationOptions {
  participants: number;
  start: Date;
  end: Date;
  /** Referrals are spread uniformly over this many days from the start. */
  referralDays: number;
  seed: number;
  timeZone: string;
  /** Whose public holidays are days off: nothing is recorded on them. */
  holidayCountry: string;
}

export function generatePopulation(options: PopulationOptions): PlannedParticipant[] {
  const rand = mulberry32(options.seed);
  const calendar = new RecordingCalendar(options.timeZone, options.holidayCountry, rand);
  return Array.from({ length: options.participants }, (_, index) => {
    const referredAt = calendar.place(new Date(options.start.getTime() + rand() * options.referralDays * DAY), options.start);
    return planParticipant(rand, calendar, index, referredAt, options.end);
  }).filter((p) => p.referredAt < options.end);
}

function planParticipant(rand: Random, calendar: RecordingCalendar, index: number, referredAt: Date, end: Date): PlannedParticipant {
  const spanDays = (end.getTime() - referredAt.getTime()) / DAY;
  const drafts = draftJourney(rand, spanDays);

  // Pauses, in active time: each shifts everything after it by its length.
  const pauses: Array<{ at: number; days: number }> = [];
  for (let at = daysUntil(rand, mix.pausesPerYear); at < spanDays; at += daysUntil(rand, mix.pausesPerYear)) {
    pauses.push({ at, days: between(rand, mix.pauseDays[0], mix.pauseDays[1]) });
  }
  const calendarDay = (active: number) => active + pauses.filter((p) => p.at <= active).reduce((sum, p) => sum + p.days, 0);
  const timeline: Array<{ day: number; body: Body }> = drafts.map((d) => ({ day: calendarDay(d.day), body: d.body }));
  for (const pause of pauses) {
    const pausedAt = calendarDay(pause.at) - pause.days;
    timeline.push({ day: pausedAt, body: { type: "pause" } }, { day: pausedAt + pause.days, body: { type: "resume" } });
  }
  timeline.sort((a, b) => a.day - b.day);

  const exitDay = daysUntil(rand, mix.exitsPerYear);
  const events: PlannedEvent[] = [];
  let previous = referredAt;
  let exitAt: Date | undefined;
  for (const { day, body } of timeline) {
    if (day >= exitDay) break;
    const at = calendar.place(new Date(referredAt.getTime() + day * DAY), previous);
    if (at >= end) break;
    events.push({ at, body: { ...body, at: at.toISOString() } as EventBody });
    previous = at;
  }
  if (exitDay < spanDays) {
    const at = calendar.place(new Date(referredAt.getTime() + exitDay * DAY), previous);
    if (at < end) {
      events.push({ at, body: { type: "exit", reason: pick(rand, ["moved", "declined-further-support", "transferred"] as const), at: at.toISOString() } });
      exitAt = at;
    }
  }
  return { index, code: `P-${String(index + 1).padStart(4, "0")}`, referredAt, events, exitAt, activeUntil: exitAt ?? end };
}

/** One participant's journey in active days since the referral, up to `horizon` days. */
function draftJourney(rand: Random, horizon: number): Array<{ day: number; body: Body }> {
  const drafts: Array<{ day: number; body: Body }> = [];
  const add = (day: number, body: Body) => {
    if (day < horizon) drafts.push({ day, body });
  };
  const range = (r: readonly [number, number] | readonly number[]) => between(rand, r[0], r[1]);
  const withWhom = () => (chance(rand, mix.withParticipant) ? "participant" : "employer");

  const counselling = rand();
  if (counselling < mix.benefitsCounselling.onTime) add(between(rand, 5, 30), { type: "benefits-counselling" });
  else if (counselling < mix.benefitsCounselling.onTime + mix.benefitsCounselling.late) add(between(rand, 31, 70), { type: "benefits-counselling" });

  let searchFrom = chance(rand, mix.firstEmployerContactOnTime) ? between(rand, 5, 29) : between(rand, 31, 45);
  let meetingsFrom = between(rand, 3, 14);
  let startAt = chance(rand, mix.firstStart.withinNineMonths)
    ? between(rand, 90, 270)
    : chance(rand, mix.firstStart.laterShare)
      ? between(rand, 270, 730)
      : Infinity;
  for (;;) {
    // Job search: employer contacts roughly weekly, participant meetings every few weeks.
    const searchEnd = Math.min(startAt, horizon);
    for (let at = searchFrom; at < searchEnd; ) {
      add(at, { type: "employer-contact", employer: pick(rand, employers), visit: (1 + Math.floor(rand() * 3)) as 1 | 2 | 3 });
      at += chance(rand, mix.employerContactGap.probability) ? range(mix.employerContactGap.days) : range(mix.employerContactDays);
    }
    for (let at = meetingsFrom; at < searchEnd; at += range(mix.meetingDays)) add(at, { type: "participant-meeting" });
    if (startAt >= horizon) break;

    // A start, then placement (weekly contacts for four weeks), then follow-up until it ends.
    const school = chance(rand, mix.education);
    const temporary = !school && chance(rand, mix.temporary);
    add(
      startAt,
      school
        ? { type: "education-start" }
        : { type: "job-start", employer: pick(rand, employers), hoursPerWeek: pick(rand, hours), wage: chance(rand, 0.7) ? "ordinary" : "subsidised", temporary },
    );
    const endsAt =
      startAt + (school ? range(mix.educationDays) : temporary ? range(mix.temporaryJobDays) : daysUntil(rand, mix.permanentJobEndsPerYear));
    const placementEnds = startAt + 28;
    let contact = startAt + (chance(rand, mix.placementLate) ? between(rand, 4, 7) : range(mix.placementFirstContactDays));
    while (contact < Math.min(placementEnds, endsAt)) {
      add(contact, { type: "follow-up-contact", with: withWhom() });
      contact += chance(rand, mix.placementLate) ? between(rand, 8, 12) : range(mix.placementContactDays);
    }
    let interval = 30;
    if (placementEnds < endsAt && chance(rand, mix.individualInterval)) {
      interval = pick(rand, mix.intervals);
      add(placementEnds + between(rand, 0, 5), { type: "follow-up-interval", days: interval });
    }
    for (contact = Math.max(contact, placementEnds); contact < endsAt; contact += interval * range(mix.followUpSpread)) {
      add(contact, { type: "follow-up-contact", with: withWhom() });
    }
    if (endsAt >= horizon) break;

    // The end, a contact with the participant within days, and job search again.
    add(endsAt, school ? { type: "education-end" } : { type: "job-end", reason: temporary ? "temporary-ended" : pick(rand, ["quit", "dismissed"] as const) });
    add(endsAt + between(rand, 1, 5), { type: "participant-meeting" });
    searchFrom = endsAt + between(rand, 3, 14);
    meetingsFrom = endsAt + between(rand, 14, 28);
    startAt = chance(rand, mix.startAgain.probability) ? endsAt + range(mix.startAgain.days) : Infinity;
  }
  return drafts.sort((a, b) => a.day - b.day);
}

/** Puts an instant on the next recording time of a working day, never before `notBefore`. */
class RecordingCalendar {
  readonly #workingDays = new Map<string, boolean>();

  constructor(
    readonly timeZone: string,
    readonly holidayCountry: string,
    readonly rand: Random,
  ) {}

  place(instant: Date, notBefore: Date): Date {
    let day = startOfDay(new TZDate(instant.getTime(), this.timeZone));
    while (!this.#isWorkingDay(lightFormat(day, "yyyy-MM-dd"))) day = addDays(day, 1);
    const at = new Date(new TZDate(day.getTime(), this.timeZone).setHours(pick(this.rand, mix.recordingHours)));
    return at < notBefore ? notBefore : at;
  }

  #isWorkingDay(date: string): boolean {
    let working = this.#workingDays.get(date);
    if (working === undefined) this.#workingDays.set(date, (working = isWorkingDay(date, this.holidayCountry)));
    return working;
  }
}
