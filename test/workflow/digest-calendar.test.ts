import { beforeAll, describe, expect, it } from "vitest";
import { tz } from "@date-fns/tz";
import { format, parseISO } from "date-fns";
import { addDays, weekdayOf } from "../../core/calendar/local-dates";
import { digestLines, digestOn, oslo, useWorkflowSystem, ZONE, type Team } from "./scenario";

/**
 * The morning digest on the calendar: 08:00 Oslo on working days, on both sides of the
 * daylight-saving switches (last Sundays of October 2026 and March 2027), never on a weekend or a
 * Norwegian public holiday (Christmas 2026, Easter 2027, Ascension and 17 May 2027), and on the
 * last working day before days off it lists what falls due before the next working day.
 *
 * One system from Monday 19 October 2026 to 19 May 2027. Team "always" has a participant whose
 * deadlines are long overdue, so its specialist has something to read every working morning: its
 * digest records are the calendar. Each other test has its own team for the days-off listings,
 * and ends its participants' journeys so that later tests do not pay for their digests.
 */

const FIRST_DAY = "2026-10-19";
const LAST_DAY = "2027-05-19";

const { s, seedTeam } = useWorkflowSystem({ start: `${FIRST_DAY}T07:00` });
let always: Team;

beforeAll(async () => {
  always = await seedTeam();
  await s.refer(always, "A-1", oslo("2026-09-01T10:00"));
});

const claimedAt = async (date: string) => (await s.digestRecord(always.specialist.id, date))?.claimedAt as string | undefined;

/** A job started now (before the morning's digest): its 3-day follow-up is the item to watch. */
const startJob = async (team: Team, code: string) => {
  const id = await s.refer(team, code);
  await s.record(team, id, { type: "job-start", employer: "Kiwi", hoursPerWeek: 10, wage: "ordinary", temporary: false });
  return id;
};

const linesOn = async (team: Team, date: string) => {
  const digest = await digestOn(team, date);
  return digest ? digestLines(digest.body.text!) : undefined;
};

describe("digest calendar", () => {
  it("a Friday digest lists what falls due over the weekend", async () => {
    const team = await seedTeam();
    // Wednesday 21 October, 07:00: the 3-day follow-up falls due on Saturday 24 October.
    await s.advanceTo("2026-10-21T07:00");
    const id = await startJob(team, "W-1");
    await s.advanceTo("2026-10-22T09:00");
    expect(await linesOn(team, "2026-10-21")).toBeUndefined();
    expect(await linesOn(team, "2026-10-22")).toBeUndefined();
    await s.advanceTo("2026-10-23T09:00");
    expect(await linesOn(team, "2026-10-23")).toEqual([{ code: "W-1", tasks: [{ task: "Følg opp oppstarten", status: "om 1 dag" }] }]);
    await s.advanceTo("2026-10-26T09:00");
    expect(await linesOn(team, "2026-10-26")).toContainEqual(
      expect.objectContaining({
        code: "W-1",
        flagged: true,
        tasks: expect.arrayContaining([{ task: "Følg opp oppstarten", status: "2 dager over fristen" }]),
      }),
    );
    expect(await s.digestDates(team.specialist.id)).toEqual(["2026-10-23", "2026-10-26"]);
    await s.record(team, id, { type: "exit", reason: "other" });
  });

  it("08:00 Oslo on both sides of the October switch to winter time (25 October 2026)", async () => {
    await s.advanceTo("2026-10-27T09:00");
    expect(await claimedAt("2026-10-23")).toBe("2026-10-23T06:00:00.000Z");
    expect(await claimedAt("2026-10-24")).toBeUndefined();
    expect(await claimedAt("2026-10-25")).toBeUndefined();
    expect(await claimedAt("2026-10-26")).toBe("2026-10-26T07:00:00.000Z");
    expect(await claimedAt("2026-10-27")).toBe("2026-10-27T07:00:00.000Z");
  });

  it("Christmas: Christmas Eve is a working day and lists what falls due over Christmas; none on 25-27 December", async () => {
    const team = await seedTeam();
    await s.advanceTo("2026-12-22T07:00");
    const id = await startJob(team, "X-1");
    await s.advanceTo("2026-12-29T09:00");
    expect(await linesOn(team, "2026-12-23")).toBeUndefined();
    expect(await linesOn(team, "2026-12-24")).toEqual([{ code: "X-1", tasks: [{ task: "Følg opp oppstarten", status: "om 1 dag" }] }]);
    expect(await linesOn(team, "2026-12-28")).toEqual([{ code: "X-1", flagged: true, tasks: [{ task: "Følg opp oppstarten", status: "3 dager over fristen" }] }]);
    expect(await s.digestDates(team.specialist.id)).toEqual(["2026-12-24", "2026-12-28", "2026-12-29"]);
    for (const date of ["2026-12-25", "2026-12-26", "2026-12-27"]) expect(await claimedAt(date), date).toBeUndefined();
    for (const date of ["2026-12-23", "2026-12-24", "2026-12-28"]) expect(await claimedAt(date), date).toBe(`${date}T07:00:00.000Z`);
    await s.record(team, id, { type: "exit", reason: "other" });
  });

  it("Easter and the March switch to summer time: the Wednesday before lists all that falls due until Tuesday; 08:00 either side", async () => {
    const team = await seedTeam();
    // Tuesday 23 March, 07:00: the 3-day follow-up falls on Good Friday, the weekly one on Tuesday 30 March.
    await s.advanceTo("2027-03-23T07:00");
    const id = await startJob(team, "E-1");
    await s.advanceTo("2027-03-31T09:00");
    expect(await linesOn(team, "2027-03-23")).toBeUndefined();
    expect(await linesOn(team, "2027-03-24")).toEqual([{ code: "E-1", tasks: [{ task: "Følg opp oppstarten", status: "om 2 dager" }] }]);
    expect(await linesOn(team, "2027-03-30")).toEqual([
      {
        code: "E-1",
        flagged: true,
        tasks: [
          { task: "Følg opp oppstarten", status: "4 dager over fristen" },
          { task: "Ukentlig oppfølging første måned", status: "i dag" },
        ],
      },
    ]);
    expect(await s.digestDates(team.specialist.id)).toEqual(["2027-03-24", "2027-03-30", "2027-03-31"]);
    for (const date of ["2027-03-25", "2027-03-26", "2027-03-27", "2027-03-28", "2027-03-29"]) expect(await claimedAt(date), date).toBeUndefined();
    expect(await claimedAt("2027-03-24")).toBe("2027-03-24T07:00:00.000Z");
    expect(await claimedAt("2027-03-30")).toBe("2027-03-30T06:00:00.000Z");
    await s.record(team, id, { type: "exit", reason: "other" });
  });

  it("17 May (a Monday, and Whit Monday): Friday 14 May lists what falls due until Monday; none on 15-17 May", async () => {
    const team = await seedTeam();
    await s.advanceTo("2027-05-12T07:00");
    await startJob(team, "M-1"); // due Saturday 15 May
    await s.advanceTo("2027-05-14T07:00");
    await startJob(team, "M-2"); // due Monday 17 May, a holiday
    await s.advanceTo(`${LAST_DAY}T09:00`);
    expect(await linesOn(team, "2027-05-13")).toBeUndefined();
    expect(await linesOn(team, "2027-05-14")).toEqual([
      { code: "M-1", tasks: [{ task: "Følg opp oppstarten", status: "om 1 dag" }] },
      { code: "M-2", tasks: [{ task: "Følg opp oppstarten", status: "om 3 dager" }] },
    ]);
    expect(await linesOn(team, "2027-05-18")).toEqual([
      { code: "M-1", flagged: true, tasks: [{ task: "Følg opp oppstarten", status: "3 dager over fristen" }] },
      { code: "M-2", flagged: true, tasks: [{ task: "Følg opp oppstarten", status: "1 dag over fristen" }] },
    ]);
    expect(await claimedAt("2027-05-17")).toBeUndefined();
    expect(await claimedAt("2027-05-18")).toBe("2027-05-18T06:00:00.000Z");
  });

  it("over seven months, exactly one digest every working day at 08:00 Oslo, none on weekends and public holidays", async () => {
    const holidays = new Set(["2026-12-25", "2027-01-01", "2027-03-25", "2027-03-26", "2027-03-29", "2027-05-06", "2027-05-17"]);
    const expected: string[] = [];
    for (let day = FIRST_DAY; day <= LAST_DAY; day = addDays(day, 1)) {
      if (weekdayOf(day) <= 5 && !holidays.has(day)) expected.push(day);
    }
    const dates = await s.digestDates(always.specialist.id);
    expect(dates).toEqual(expected);
    for (const date of dates) {
      const claimed = parseISO((await claimedAt(date))!, { in: tz(ZONE) });
      expect(format(claimed, "yyyy-MM-dd HH:mm"), date).toBe(`${date} 08:00`);
    }
    const mails = await s.mail(always);
    expect(mails).toHaveLength(expected.length);
  });
});
