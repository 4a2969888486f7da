import { type Deployment, weekdays } from "./deployment";

/**
 * The two recurring schedules of a deployment, as EventBridge Scheduler cron expressions read in
 * the deployment's time zone. The stack hands these strings to EventBridge Scheduler; the local
 * runtime fires the same strings on its virtual clock (local/scheduler), so both runtimes
 * wake the digest and summary workflows at the same local times.
 *
 * Scheduler (unlike EventBridge rules, which are UTC only) evaluates cron in a named zone, so
 * 08:00 stays 08:00 across daylight saving time.
 */

export type Weekday = (typeof weekdays)[number];

/** Working days. Public holidays are skipped by the digest workflow itself: cron cannot know them. */
export const workingDays: readonly Weekday[] = ["MON", "TUE", "WED", "THU", "FRI"];

export type ScheduledWorkflowName = "digest" | "summary";

export interface WorkflowSchedule {
  workflow: ScheduledWorkflowName;
  /** e.g. `cron(0 8 ? * MON-FRI *)` */
  expression: string;
  /** IANA zone the expression is read in. */
  timeZone: string;
}

/**
 * What every scheduled execution is started with. In AWS, Scheduler fills in
 * `<aws.scheduler.scheduled-time>` (UTC, ISO-8601); the local runtime passes its virtual time.
 */
export interface ScheduledStart {
  scheduledTime: string;
}

/** Builds `cron(M H ? * DAYS *)` for a local clock time on the given weekdays. */
export function cronExpression(time: string, days: readonly Weekday[]): string {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new Error(`schedule time "${time}" must be HH:MM (24-hour)`);
  if (days.length === 0) throw new Error("a schedule needs at least one weekday");
  return `cron(${Number(match[2])} ${Number(match[1])} ? * ${dayField(days)} *)`;
}

/** The morning digest: deployment.digestTime on working days. */
export function digestSchedule(deployment: Pick<Deployment, "digestTime" | "timeZone">): WorkflowSchedule {
  return {
    workflow: "digest",
    expression: cronExpression(deployment.digestTime, workingDays),
    timeZone: deployment.timeZone,
  };
}

/** The weekly team summary: deployment.summarySchedule (teams on a fortnightly rhythm are filtered by the workflow). */
export function summarySchedule(deployment: Pick<Deployment, "summarySchedule" | "timeZone">): WorkflowSchedule {
  return {
    workflow: "summary",
    expression: cronExpression(deployment.summarySchedule.time, [deployment.summarySchedule.day]),
    timeZone: deployment.timeZone,
  };
}

export function workflowSchedules(
  deployment: Pick<Deployment, "digestTime" | "summarySchedule" | "timeZone">,
): WorkflowSchedule[] {
  return [digestSchedule(deployment), summarySchedule(deployment)];
}


/** MON,TUE,WED,THU,FRI → MON-FRI; runs of consecutive days become ranges. */
function dayField(days: readonly Weekday[]): string {
  const sorted = [...new Set(days.map((day) => weekdays.indexOf(day)))].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const day of sorted) {
    const last = runs.at(-1);
    if (last && last[1] === day - 1) last[1] = day;
    else runs.push([day, day]);
  }
  return runs
    .map(([from, to]) => (from === to ? weekdays[from] : `${weekdays[from]}-${weekdays[to]}`))
    .join(",");
}
