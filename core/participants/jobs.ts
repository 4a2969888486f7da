import type { ParticipantEvent } from "../domain/schemas";

/** A job or school period, as the participant's record shows it. */
export interface Placement {
  /** The id of the event that started it: a `job-end` or `job-change` names a job by it (`jobId`). */
  id: string;
  kind: "job" | "education";
  startedAt: string;
  endedAt?: string;
  employer?: string;
  hoursPerWeek?: number;
  wage?: "ordinary" | "subsidised";
  temporary?: boolean;
}

/**
 * Jobs and school periods from the events, oldest first. A start while another job is open ends
 * nothing by itself: people hold two part-time jobs. A `job-end` or `job-change` names its job
 * (`jobId`); one stored before jobs had ids applies to the latest open job, as it always did.
 */
export function placementsOf(events: ParticipantEvent[]): Placement[] {
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const placements: Placement[] = [];
  const open = (kind: Placement["kind"], id?: string) =>
    id === undefined ? placements.findLast((p) => p.kind === kind && !p.endedAt) : placements.find((p) => p.id === id && !p.endedAt);
  for (const event of sorted) {
    switch (event.type) {
      case "job-start":
        placements.push({
          id: event.id,
          kind: "job",
          startedAt: event.at,
          employer: event.employer,
          hoursPerWeek: event.hoursPerWeek,
          wage: event.wage,
          temporary: event.temporary,
        });
        break;
      case "job-change": {
        const job = open("job", event.jobId);
        if (!job) break;
        if (event.hoursPerWeek !== undefined) job.hoursPerWeek = event.hoursPerWeek;
        if (event.wage !== undefined) job.wage = event.wage;
        if (event.temporary !== undefined) job.temporary = event.temporary;
        break;
      }
      case "education-start":
        placements.push({ id: event.id, kind: "education", startedAt: event.at });
        break;
      case "job-end": {
        const job = open("job", event.jobId);
        if (job) job.endedAt = event.at;
        break;
      }
      case "education-end": {
        const school = open("education");
        if (school) school.endedAt = event.at;
        break;
      }
    }
  }
  return placements;
}

/**
 * The job a `job-end` or `job-change` at `at` applies to: the one it names, or the only job held
 * then. Without a job id when several jobs are held, or naming a job not held, it is refused with
 * a message for the `jobId` field.
 */
export function jobFor(events: ParticipantEvent[], at: string, jobId: string | undefined): { jobId: string } | { error: string } {
  const held = placementsOf(events.filter((event) => Date.parse(event.at) <= Date.parse(at))).filter((p) => p.kind === "job" && !p.endedAt);
  return jobAmong(held.map((job) => job.id), jobId);
}

/** The same choice among the ids of the jobs held then (from the events, or from their fold). */
export function jobAmong(held: readonly string[], jobId: string | undefined): { jobId: string } | { error: string } {
  if (jobId !== undefined) return held.includes(jobId) ? { jobId } : { error: "jobId: no job with this id is held at that time" };
  if (held.length === 1) return { jobId: held[0] };
  return { error: held.length === 0 ? "jobId: no job is held at that time" : "jobId: required when several jobs are held" };
}
