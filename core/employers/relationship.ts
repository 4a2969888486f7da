import type { Employer } from "../domain/employers";

/**
 * Where the relationship with an employer stands, by the three cups of tea: none yet, 1 asked for
 * a talk, 2 learnt the business, 3 presented a job seeker, and "hired" once a participant started
 * a job there.
 */
export type Relationship = 0 | 1 | 2 | 3 | "hired";

export const relationshipOf = (employer: Pick<Employer, "stage" | "hiredAt">): Relationship => (employer.hiredAt ? "hired" : (employer.stage ?? 0));
