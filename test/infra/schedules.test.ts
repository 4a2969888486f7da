import { describe, expect, it } from "vitest";
import { cronExpression, digestSchedule, summarySchedule, workflowSchedules, type WorkflowSchedule } from "../../core/config/schedules";
import { parseEventBridgeCron } from "../../local/scheduler";

const nextOccurrence = (schedule: Pick<WorkflowSchedule, "expression" | "timeZone">, after: Date) => {
  const next = parseEventBridgeCron(schedule.expression, schedule.timeZone).nextAfter(after);
  if (!next) throw new Error("never fires");
  return next;
};

const oslo = { digestTime: "08:00", timeZone: "Europe/Oslo", summarySchedule: { day: "MON" as const, time: "07:00" } };

describe("schedule expressions", () => {
  it("builds EventBridge Scheduler cron expressions from the deployment", () => {
    expect(digestSchedule(oslo)).toEqual({ workflow: "digest", expression: "cron(0 8 ? * MON-FRI *)", timeZone: "Europe/Oslo" });
    expect(summarySchedule(oslo)).toEqual({ workflow: "summary", expression: "cron(0 7 ? * MON *)", timeZone: "Europe/Oslo" });
    expect(
      workflowSchedules({ digestTime: "07:45", timeZone: "Europe/Dublin", summarySchedule: { day: "FRI", time: "13:05" } }).map(
        (schedule) => schedule.expression,
      ),
    ).toEqual(["cron(45 7 ? * MON-FRI *)", "cron(5 13 ? * FRI *)"]);
  });

  it("writes weekday runs as ranges and keeps gaps as lists", () => {
    expect(cronExpression("09:30", ["WED", "MON", "TUE", "FRI"])).toBe("cron(30 9 ? * MON-WED,FRI *)");
    expect(cronExpression("00:00", ["SUN"])).toBe("cron(0 0 ? * SUN *)");
  });

  it("rejects what it cannot express", () => {
    expect(() => cronExpression("8:00", ["MON"])).toThrow(/HH:MM/);
    expect(() => cronExpression("08:00", [])).toThrow(/weekday/);
  });
});

describe("next occurrence, as the local scheduler reads the same expressions", () => {
  it("fires at 08:00 Oslo time on working days, across the change to summer time", () => {
    const digest = digestSchedule(oslo);
    // Friday 28 March 2025, 08:30 CET: the next digest is Monday 31 March, 08:00 CEST.
    expect(nextOccurrence(digest, new Date("2025-03-28T07:30:00Z")).toISOString()).toBe("2025-03-31T06:00:00.000Z");
    // Friday 24 October 2025 after the digest: Monday 27 October is back on CET.
    expect(nextOccurrence(digest, new Date("2025-10-24T07:00:00Z")).toISOString()).toBe("2025-10-27T07:00:00.000Z");
  });

  it("is strictly after the given instant", () => {
    const digest = digestSchedule(oslo);
    expect(nextOccurrence(digest, new Date("2025-04-01T06:00:00Z")).toISOString()).toBe("2025-04-02T06:00:00.000Z");
    expect(nextOccurrence(digest, new Date("2025-04-01T05:59:59Z")).toISOString()).toBe("2025-04-01T06:00:00.000Z");
  });

  it("fires the summary once a week on its day", () => {
    const summary = summarySchedule({ ...oslo, summarySchedule: { day: "TUE", time: "08:30" } });
    const first = nextOccurrence(summary, new Date("2025-06-02T00:00:00Z"));
    expect(first.toISOString()).toBe("2025-06-03T06:30:00.000Z");
    expect(nextOccurrence(summary, first).toISOString()).toBe("2025-06-10T06:30:00.000Z");
  });

  it("reads numeric weekdays as EventBridge does (1 = Sunday), and refuses rate expressions", () => {
    // cron(0 8 ? * 2-6 *) is Monday to Friday in EventBridge, not Tuesday to Saturday.
    expect(nextOccurrence({ expression: "cron(0 8 ? * 2-6 *)", timeZone: "Europe/Oslo" }, new Date("2025-01-04T12:00:00Z")).toISOString()).toBe("2025-01-06T07:00:00.000Z");
    expect(() => nextOccurrence({ expression: "rate(1 day)", timeZone: "Europe/Oslo" }, new Date("2025-01-01T00:00:00Z"))).toThrow(/cron/);
  });
});
