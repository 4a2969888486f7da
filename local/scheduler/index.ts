export { LocalScheduler } from "./local-scheduler";
export type { LocalSchedulerOptions, ScheduleDefinition, ScheduleInfo } from "./local-scheduler";
export { parseEventBridgeCron, type EventBridgeCron } from "./eventbridge-cron";
