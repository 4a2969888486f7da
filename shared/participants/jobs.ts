import type { ParticipantEvent } from "../domain/schemas";

/** A job or school period, as the participant's record shows it. */
export interface Placement {
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
 * nothing by itself: people hold two part-time jobs; an end closes the latest open period of its kind.
 */
export function placementsOf(events: ParticipantEvent[]): Placement[] {
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const placements: Placement[] = [];
  const closeLatest = (kind: Placement["kind"], at: string) => {
    const open = placements.findLast((p) => p.kind === kind && !p.endedAt);
    if (open) open.endedAt = at;
  };
  for (const event of sorted) {
    switch (event.type) {
      case "job-start":
        placements.push({
          kind: "job",
          startedAt: event.at,
          employer: event.employer,
          hoursPerWeek: event.hoursPerWeek,
          wage: event.wage,
          temporary: event.temporary,
        });
        break;
      case "education-start":
        placements.push({ kind: "education", startedAt: event.at });
        break;
      case "job-end":
        closeLatest("job", event.at);
        break;
      case "education-end":
        closeLatest("education", event.at);
        break;
    }
  }
  return placements;
}
