import { ScheduledWorkflow } from "./schedule";

/**
 * The weekly team summary: on the deployment's summary day and time, one summary per treatment
 * team before its meeting. The workflow keeps it to one per team and ISO week, and leaves out
 * teams on a fortnightly rhythm in their off week.
 */
export class Summary extends ScheduledWorkflow {}
