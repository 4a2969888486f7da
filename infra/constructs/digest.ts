import { ScheduledWorkflow } from "./schedule";

/**
 * The morning digest: on working days at the deployment's digest time, one email per specialist
 * with what is due, overdue and coming up. The workflow itself skips public holidays, which a
 * cron expression cannot know.
 */
export class Digest extends ScheduledWorkflow {}
