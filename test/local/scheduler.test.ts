import { describe, expect, it } from "vitest";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { VirtualClock } from "../../local/clock/virtual-clock";
import { LocalScheduler, parseEventBridgeCron } from "../../local/scheduler";

const OSLO = "Europe/Oslo";
const utc = (iso: string) => new Date(iso);
const osloLocal = (date: Date) => format(new TZDate(date.getTime(), OSLO), "EEE yyyy-MM-dd HH:mm");

function scheduleAt(startIso: string, expression: string) {
  const clock = new VirtualClock({ start: utc(startIso), speed: 0 });
  const scheduler = new LocalScheduler(clock);
  const fired: Date[] = [];
  scheduler.add({
    name: "digest",
    expression,
    timeZone: OSLO,
    target: async () => {
      fired.push(clock.now());
    },
  });
  return { clock, scheduler, fired };
}

describe("LocalScheduler", () => {
  it("fires at 08:00 Oslo time on both sides of the switch to summer time (last Sunday of March)", async () => {
    const { clock, fired } = scheduleAt("2026-03-27T12:00:00Z", "cron(0 8 * * ? *)");
    await clock.advance(utc("2026-03-31T12:00:00Z"));
    expect(fired).toEqual([
      utc("2026-03-28T07:00:00Z"), // CET, UTC+1
      utc("2026-03-29T06:00:00Z"), // the switch day: CEST, UTC+2
      utc("2026-03-30T06:00:00Z"),
      utc("2026-03-31T06:00:00Z"),
    ]);
    expect(fired.map(osloLocal)).toEqual(["Sat 2026-03-28 08:00", "Sun 2026-03-29 08:00", "Mon 2026-03-30 08:00", "Tue 2026-03-31 08:00"]);
  });

  it("fires at 08:00 Oslo time on both sides of the switch back (last Sunday of October)", async () => {
    const { clock, fired } = scheduleAt("2026-10-23T12:00:00Z", "cron(0 8 * * ? *)");
    await clock.advance(utc("2026-10-27T12:00:00Z"));
    expect(fired).toEqual([
      utc("2026-10-24T06:00:00Z"), // CEST
      utc("2026-10-25T07:00:00Z"), // the switch day: CET
      utc("2026-10-26T07:00:00Z"),
      utc("2026-10-27T07:00:00Z"),
    ]);
  });

  it("fires on working days only for MON-FRI, across the March switch", async () => {
    const { clock, fired } = scheduleAt("2026-03-26T12:00:00Z", "cron(0 8 ? * MON-FRI *)");
    await clock.advance(utc("2026-04-02T12:00:00Z"));
    expect(fired.map(osloLocal)).toEqual([
      "Fri 2026-03-27 08:00",
      "Mon 2026-03-30 08:00",
      "Tue 2026-03-31 08:00",
      "Wed 2026-04-01 08:00",
      "Thu 2026-04-02 08:00",
    ]);
  });

  it("reads day-of-week numbers as EventBridge does: 1 is Sunday, 2 is Monday", async () => {
    const { clock, fired } = scheduleAt("2026-03-01T12:00:00Z", "cron(0 7 ? * 2 *)");
    await clock.advance(utc("2026-03-17T12:00:00Z"));
    expect(fired.map(osloLocal)).toEqual(["Mon 2026-03-02 07:00", "Mon 2026-03-09 07:00", "Mon 2026-03-16 07:00"]);
    expect(parseEventBridgeCron("cron(0 7 ? * 1 *)", OSLO).nextAfter(utc("2026-03-01T12:00:00Z"))).toEqual(utc("2026-03-08T06:00:00Z"));
    expect(parseEventBridgeCron("cron(0 7 ? * 6#1 *)", OSLO).nextAfter(utc("2026-03-01T12:00:00Z"))).toEqual(utc("2026-03-06T06:00:00Z"));
  });

  it("first fires strictly after the instant the schedule is added", async () => {
    const { clock, fired } = scheduleAt("2026-03-02T07:00:00Z", "cron(0 8 * * ? *)"); // exactly 08:00 in Oslo
    await clock.advance(utc("2026-03-03T07:00:00Z"));
    expect(fired).toEqual([utc("2026-03-03T07:00:00Z")]);
  });

  it("honours the year field", () => {
    const cron = parseEventBridgeCron("cron(0 8 1 1 ? 2028-2029)", OSLO);
    expect(cron.nextAfter(utc("2026-06-01T00:00:00Z"))).toEqual(utc("2028-01-01T07:00:00Z"));
    expect(cron.nextAfter(utc("2028-01-01T07:00:00Z"))).toEqual(utc("2029-01-01T07:00:00Z"));
    expect(cron.nextAfter(utc("2029-01-01T07:00:00Z"))).toBeUndefined();
  });

  it("keeps firing after a target fails, reporting the failure", async () => {
    const clock = new VirtualClock({ start: utc("2026-03-02T12:00:00Z"), speed: 0 });
    const failures: string[] = [];
    const scheduler = new LocalScheduler(clock, { onTargetError: (name, error) => failures.push(`${name}: ${(error as Error).message}`) });
    let calls = 0;
    scheduler.add({
      name: "weekly-summary",
      expression: "cron(0 7 ? * MON *)",
      timeZone: OSLO,
      target: async () => {
        calls++;
        if (calls === 1) throw new Error("mail server down");
      },
    });
    await clock.advance(utc("2026-03-17T00:00:00Z"));
    expect(calls).toBe(2);
    expect(failures).toEqual(["weekly-summary: mail server down"]);
    expect(scheduler.list()).toEqual([
      { name: "weekly-summary", expression: "cron(0 7 ? * MON *)", timeZone: OSLO, nextFire: utc("2026-03-23T06:00:00Z") },
    ]);
  });

  it("stops firing a removed schedule", async () => {
    const { clock, scheduler, fired } = scheduleAt("2026-03-02T12:00:00Z", "cron(0 8 * * ? *)");
    await clock.advance(utc("2026-03-03T12:00:00Z"));
    scheduler.remove("digest");
    await clock.advance(utc("2026-03-06T12:00:00Z"));
    expect(fired).toHaveLength(1);
    expect(clock.pendingTimers()).toEqual([]);
  });

  it("refuses expressions it cannot evaluate as EventBridge does", () => {
    expect(() => parseEventBridgeCron("rate(1 day)", OSLO)).toThrow(/only cron/);
    expect(() => parseEventBridgeCron("cron(0 8 * * MON *)", OSLO)).toThrow(/exactly one of day-of-month and day-of-week/);
    expect(() => parseEventBridgeCron("cron(0 8 ? * ? *)", OSLO)).toThrow(/exactly one/);
    expect(() => parseEventBridgeCron("cron(0 8 * * ?)", OSLO)).toThrow(/6 fields/);
    expect(() => parseEventBridgeCron("cron(0 8 15W * ? *)", OSLO)).toThrow(/W/);
    expect(() => parseEventBridgeCron("cron(0 8 * * ? *)", "Europe/Atlantis")).toThrow(/time zone/);
    expect(() => parseEventBridgeCron("cron(0 25 * * ? *)", OSLO)).toThrow(/invalid schedule expression/);
  });
});
