import * as z from "../zod-mini";
import { isoInstantSchema } from "../calendar/instants";
import { benefitsCounsellingStatuses, defaultCaseloadLimit, exitReasons, fullTime, jobEndReasons, locales, phases, type ObligationKind, type ObligationStatus } from "./codes";

export * from "./codes";
export { isoInstantSchema };

/**
 * The domain's shapes, validated at every edge (HTTP API, web app forms, workflow payloads). The
 * OpenAPI document is generated from these same schemas. Written with zod/mini (core/zod-mini.ts):
 * the web app and the API load them, and the full zod would weigh more than they do.
 */

export const localeSchema = z.enum(locales);

export const phaseSchema = z.enum(phases);

/** Text with its ends trimmed, within bounds. */
const text = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));
const id = z.string().check(z.minLength(1), z.maxLength(64));
const name = text(1, 120);

export const createTeamSchema = z.strictObject({
  name,
  emails: z.array(z.email()).check(z.minLength(1), z.maxLength(50)),
  locale: z._default(localeSchema, "nb"),
  summaryCadence: z._default(z.enum(["weekly", "fortnightly"]), "weekly"),
});
export type CreateTeam = z.infer<typeof createTeamSchema>;
export type Team = CreateTeam & { id: string; createdAt: string };

export const createSpecialistSchema = z.strictObject({
  name,
  email: z.email(),
  teamIds: z.array(id).check(z.minLength(1), z.maxLength(20)),
  /** The caseload limit of a full-time specialist; the summary scales it by `fte`. */
  caseloadLimit: z._default(z.int().check(z.gte(1), z.lte(100)), defaultCaseloadLimit),
  /**
   * The specialist's working share (full-time equivalent, 0.1 to 1.0 in hundredths): the weekly
   * employer-contact target and the caseload limit the summary shows are scaled by it.
   */
  fte: z._default(z.number().check(z.gte(0.1), z.lte(1), z.multipleOf(0.01)), fullTime),
});
export type CreateSpecialist = z.infer<typeof createSpecialistSchema>;
export type Specialist = CreateSpecialist & { id: string; createdAt: string };

/**
 * A participant is named by a short code (initials like "K.L." or a pseudonym like "P-0193"),
 * never by a full name: health data is special-category personal data.
 */
export const participantCodeSchema = text(2, 12).check(
  z.regex(/^[\p{L}\p{N}][\p{L}\p{N}.\- ]*$/u, "must be initials or a pseudonym (letters, digits, '.', '-')"),
  z.refine(
    (code) => !/^\p{Lu}\p{Ll}+(\s+\p{Lu}\p{Ll}+)+$/u.test(code) && !/\p{Ll}{2,}\s+\p{L}{2,}/u.test(code),
    "looks like a full name: use initials or a pseudonym",
  ),
);

export const preferencesSchema = z.strictObject({
  jobs: z.optional(z.array(text(1, 80)).check(z.maxLength(20))),
  hoursPerWeek: z.optional(z.number().check(z.gte(1), z.lte(60))),
  disclosure: z.optional(z.enum(["none", "partial", "full"])),
});

export const createParticipantSchema = z.strictObject({
  code: participantCodeSchema,
  teamId: id,
  specialistId: id,
  referredAt: isoInstantSchema,
  preferences: z.optional(preferencesSchema),
});
export type CreateParticipant = z.infer<typeof createParticipantSchema>;

const at = isoInstantSchema;
const base = { at };
const withParticipant = z.enum(["participant", "employer"]);

const employer = text(1, 120);
const hoursPerWeek = z.number().check(z.gte(0.5), z.lte(60));
const wage = z.enum(["ordinary", "subsidised"]);
/** A job, by the id of the event that started it (returned by the API); see core/participants/jobs.ts. */
const jobId = id;

export const eventBodySchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("participant-meeting"), ...base }),
  // Without a status the session was held (the meaning of every event stored before statuses).
  z.strictObject({ type: z.literal("benefits-counselling"), ...base, status: z.optional(z.enum(benefitsCounsellingStatuses)) }),
  z.strictObject({
    type: z.literal("employer-contact"),
    ...base,
    employer,
    /** The three cups' stage this contact reached (1, 2 or 3). */
    visit: z.optional(z.union([z.literal(1), z.literal(2), z.literal(3)])),
    /** The employer in the register (core/domain/employers.ts): the contact is then the employer's too. */
    employerId: z.optional(id),
    mode: z.optional(z.enum(["face-to-face", "phone", "digital"])),
    decisionMaker: z.optional(z.boolean()),
    made: z.optional(z.enum(["specialist", "participant"])),
  }),
  z.strictObject({
    type: z.literal("job-start"),
    ...base,
    employer,
    /** The employer in the register, which the start marks as hired. */
    employerId: z.optional(id),
    hoursPerWeek,
    wage,
    temporary: z.boolean(),
  }),
  /** A job offered, starting at `startsAt` (which may lie ahead): the start itself is a `job-start`. */
  z.strictObject({ type: z.literal("job-offer"), ...base, employer, startsAt: isoInstantSchema, hoursPerWeek: z.optional(hoursPerWeek), wage: z.optional(wage) }),
  /** Hours, pay or terms of a held job changed. */
  z
    .strictObject({ type: z.literal("job-change"), ...base, jobId: z.optional(jobId), hoursPerWeek: z.optional(hoursPerWeek), wage: z.optional(wage), temporary: z.optional(z.boolean()) })
    .check(
      z.refine((change) => change.hoursPerWeek !== undefined || change.wage !== undefined || change.temporary !== undefined, {
        path: ["hoursPerWeek"],
        message: "give at least one of hoursPerWeek, wage or temporary",
      }),
    ),
  z.strictObject({ type: z.literal("job-end"), ...base, jobId: z.optional(jobId), reason: z.optional(z.enum(jobEndReasons)) }),
  z.strictObject({ type: z.literal("education-start"), ...base }),
  z.strictObject({ type: z.literal("education-end"), ...base }),
  z.strictObject({ type: z.literal("follow-up-contact"), ...base, with: withParticipant }),
  z.strictObject({ type: z.literal("follow-up-interval"), ...base, days: z.int().check(z.gte(1), z.lte(365)) }),
  z
    .strictObject({
      type: z.literal("pause"),
      ...base,
      /** When the pause is to be reviewed (default: the deployment's pauseReviewDays after `at`). */
      until: z.optional(isoInstantSchema),
    })
    .check(
      z.refine((pause) => pause.until === undefined || Date.parse(pause.until) > Date.parse(pause.at), {
        path: ["until"],
        message: "must be after at",
      }),
    ),
  z.strictObject({ type: z.literal("resume"), ...base }),
  z.strictObject({ type: z.literal("exit"), ...base, reason: z.enum(exitReasons) }),
]);
export type EventBody = z.infer<typeof eventBodySchema>;
export type EventType = EventBody["type"];

/** A recorded event: the body plus its id and when it was recorded. */
export type ParticipantEvent = EventBody & { id: string; recordedAt: string };

export interface Obligation {
  kind: ObligationKind;
  /** ISO instant. */
  dueAt: string;
  status: ObligationStatus;
  /** When it was closed (status "done"). */
  doneAt?: string;
}
