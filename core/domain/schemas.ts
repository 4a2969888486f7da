import * as z from "zod";
import { isoInstantSchema } from "../calendar/instants";
import { benefitsCounsellingStatuses, defaultCaseloadLimit, exitReasons, fullTime, jobEndReasons, locales, phases, type ObligationKind, type ObligationStatus } from "./codes";

export * from "./codes";
export { isoInstantSchema };

/**
 * The domain's shapes, validated at every edge (HTTP API, workflow payloads). The OpenAPI document
 * is generated from these same schemas.
 */

export const localeSchema = z.enum(locales);

export const phaseSchema = z.enum(phases);

const id = z.string().min(1).max(64);
const name = z.string().trim().min(1).max(120);

export const createTeamSchema = z
  .object({
    name,
    emails: z.array(z.email()).min(1).max(50),
    locale: localeSchema.default("nb"),
    summaryCadence: z.enum(["weekly", "fortnightly"]).default("weekly"),
  })
  .strict();
export type CreateTeam = z.infer<typeof createTeamSchema>;
export type Team = CreateTeam & { id: string; createdAt: string };

export const createSpecialistSchema = z
  .object({
    name,
    email: z.email(),
    teamIds: z.array(id).min(1).max(20),
    /** The caseload limit of a full-time specialist; the summary scales it by `fte`. */
    caseloadLimit: z.number().int().min(1).max(100).default(defaultCaseloadLimit),
    /**
     * The specialist's working share (full-time equivalent, 0.1 to 1.0 in hundredths): the weekly
     * employer-contact target and the caseload limit the summary shows are scaled by it.
     */
    fte: z.number().min(0.1).max(1).multipleOf(0.01).default(fullTime),
  })
  .strict();
export type CreateSpecialist = z.infer<typeof createSpecialistSchema>;
export type Specialist = CreateSpecialist & { id: string; createdAt: string };

/**
 * A participant is named by a short code (initials like "K.L." or a pseudonym like "P-0193"),
 * never by a full name: health data is special-category personal data.
 */
export const participantCodeSchema = z
  .string()
  .trim()
  .min(2)
  .max(12)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}.\- ]*$/u, "must be initials or a pseudonym (letters, digits, '.', '-')")
  .refine(
    (code) => !/^\p{Lu}\p{Ll}+(\s+\p{Lu}\p{Ll}+)+$/u.test(code) && !/\p{Ll}{2,}\s+\p{L}{2,}/u.test(code),
    "looks like a full name: use initials or a pseudonym",
  );

export const preferencesSchema = z
  .object({
    jobs: z.array(z.string().trim().min(1).max(80)).max(20).optional(),
    hoursPerWeek: z.number().min(1).max(60).optional(),
    disclosure: z.enum(["none", "partial", "full"]).optional(),
  })
  .strict();

export const createParticipantSchema = z
  .object({
    code: participantCodeSchema,
    teamId: id,
    specialistId: id,
    referredAt: isoInstantSchema,
    preferences: preferencesSchema.optional(),
  })
  .strict();
export type CreateParticipant = z.infer<typeof createParticipantSchema>;

const at = isoInstantSchema;
const base = { at };
const withParticipant = z.enum(["participant", "employer"]);

const employer = z.string().trim().min(1).max(120);
const hoursPerWeek = z.number().min(0.5).max(60);
const wage = z.enum(["ordinary", "subsidised"]);
/** A job, by the id of the event that started it (returned by the API); see core/participants/jobs.ts. */
const jobId = z.string().min(1).max(64);

export const eventBodySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("participant-meeting"), ...base }).strict(),
  // Without a status the session was held (the meaning of every event stored before statuses).
  z.object({ type: z.literal("benefits-counselling"), ...base, status: z.enum(benefitsCounsellingStatuses).optional() }).strict(),
  z
    .object({
      type: z.literal("employer-contact"),
      ...base,
      employer,
      /** The three cups' stage this contact reached (1, 2 or 3). */
      visit: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
      /** The employer in the register (core/domain/employers.ts): the contact is then the employer's too. */
      employerId: id.optional(),
      mode: z.enum(["face-to-face", "phone", "digital"]).optional(),
      decisionMaker: z.boolean().optional(),
      made: z.enum(["specialist", "participant"]).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal("job-start"),
      ...base,
      employer,
      /** The employer in the register, which the start marks as hired. */
      employerId: id.optional(),
      hoursPerWeek,
      wage,
      temporary: z.boolean(),
    })
    .strict(),
  /** A job offered, starting at `startsAt` (which may lie ahead): the start itself is a `job-start`. */
  z.object({ type: z.literal("job-offer"), ...base, employer, startsAt: isoInstantSchema, hoursPerWeek: hoursPerWeek.optional(), wage: wage.optional() }).strict(),
  /** Hours, pay or terms of a held job changed. */
  z
    .object({ type: z.literal("job-change"), ...base, jobId: jobId.optional(), hoursPerWeek: hoursPerWeek.optional(), wage: wage.optional(), temporary: z.boolean().optional() })
    .strict()
    .refine((change) => change.hoursPerWeek !== undefined || change.wage !== undefined || change.temporary !== undefined, {
      path: ["hoursPerWeek"],
      message: "give at least one of hoursPerWeek, wage or temporary",
    }),
  z.object({ type: z.literal("job-end"), ...base, jobId: jobId.optional(), reason: z.enum(jobEndReasons).optional() }).strict(),
  z.object({ type: z.literal("education-start"), ...base }).strict(),
  z.object({ type: z.literal("education-end"), ...base }).strict(),
  z.object({ type: z.literal("follow-up-contact"), ...base, with: withParticipant }).strict(),
  z.object({ type: z.literal("follow-up-interval"), ...base, days: z.number().int().min(1).max(365) }).strict(),
  z
    .object({
      type: z.literal("pause"),
      ...base,
      /** When the pause is to be reviewed (default: the deployment's pauseReviewDays after `at`). */
      until: z.optional(isoInstantSchema),
    })
    .strict()
    .refine((pause) => pause.until === undefined || Date.parse(pause.until) > Date.parse(pause.at), {
      path: ["until"],
      message: "must be after at",
    }),
  z.object({ type: z.literal("resume"), ...base }).strict(),
  z.object({ type: z.literal("exit"), ...base, reason: z.enum(exitReasons) }).strict(),
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
