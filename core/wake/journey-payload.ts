import * as z from "../zod-mini";

/**
 * The payloads between the journey workflow's states. A running execution keeps the definition it
 * started with while Lambda code is replaced under it, so every payload carries a version and the
 * handlers accept the current and the previous version. Version 1 is the first; when a version 2
 * comes, version 1 is upgraded here, in one place.
 */
const nonEmpty = z.string().check(z.minLength(1));

export const journeyStateV1 = z.object({
  version: z.literal(1),
  participantId: z.string().check(z.minLength(1), z.maxLength(64)),
  generation: z.int().check(z.gte(1)),
  /** Plans done by this execution; the first plan of an execution has none. */
  iteration: z._default(z.int().check(z.gte(0)), 0),
  action: z.optional(z.enum(["await", "continue", "end"])),
  waitSeconds: z.optional(z.int().check(z.gte(1))),
  plannedVersion: z.optional(z.int().check(z.gte(0))),
  /**
   * The instant plan means the await to time out at (the next wake, or the longest wait). Park
   * stores it, so that an event that brings nothing due before then leaves the journey parked.
   */
  wakeAt: z.optional(z.iso.datetime({ offset: true })),
  /**
   * Set by the workflow when the await timed out (the error it caught): something came due, and
   * plan records it. Executions started under the earlier definition record in a step of their
   * own (journey-record) and never set it.
   */
  timedOut: z.optional(z.object({ Error: z.optional(z.string()), Cause: z.optional(z.string()) })),
  /** What woke the await (the callback's output), when something did; earlier definitions drop it. */
  wake: z.optional(z.object({ woken: z.string() })),
  /**
   * Set by the workflow when the await's write was refused (the error it caught): an event landed
   * after the plan, or a newer generation owns the journey. Plan runs again and finds out which.
   */
  refused: z.optional(z.object({ Error: z.optional(z.string()), Cause: z.optional(z.string()) })),
  /**
   * What the await's DynamoDB write needs (adapters/stepfunctions/journey-await.ts), set by plan
   * when it decided to await. Definitions whose await calls the park function ignore it.
   */
  park: z.optional(
    z.object({
      pk: nonEmpty,
      sk: nonEmpty,
      generation: nonEmpty,
      plannedVersion: nonEmpty,
      wakeAt: nonEmpty,
      checkedInAt: nonEmpty,
    }),
  ),
});

/** The wake reason park hands back when a newer generation owns the journey: plan ends the execution. */
export const superseded = "superseded-by-a-newer-generation";

export const journeyStateSchema = z.discriminatedUnion("version", [journeyStateV1]);
export type JourneyPayload = z.infer<typeof journeyStateV1>;

export const planInputSchema = z.object({
  state: journeyStateSchema,
  executionArn: nonEmpty,
  executionStartedAt: nonEmpty,
  /**
   * Set when the definition runs plan as a callback task: plan then hands its result back with
   * this token, or fails the task with the error `endWith` names when it decided to hand over or
   * to end (the Plan state's Catch routes those). Earlier definitions call plan without one and
   * take its return value.
   */
  taskToken: z.optional(nonEmpty),
  endWith: z.optional(z.object({ continue: nonEmpty, end: nonEmpty })),
});

export const parkInputSchema = z.object({
  state: journeyStateSchema,
  taskToken: nonEmpty,
  /**
   * The errors the await's Catch routes to the hand-over and to the end. When set, park fails its
   * own task with them as soon as plan decided so; earlier definitions choose after plan instead
   * (a Choice state) and never send these actions to park.
   */
  endWith: z.optional(z.object({ continue: nonEmpty, end: nonEmpty })),
});
export const recordInputSchema = z.object({ state: journeyStateSchema });
export const continueInputSchema = z.object({ state: journeyStateSchema });

/**
 * Limits that keep one execution far below Step Functions' 25,000 history events and one year:
 * after this many plans or this many days an execution hands over to the next generation.
 * One loop (Plan, Await) adds about 11 history events, so 16 loops stay under 200 (183 measured).
 */
export const MAX_PLANS_PER_GENERATION = 16;
export const MAX_GENERATION_DAYS = 180;
/** Even with nothing coming due, a journey checks in at least this often (the alarm watches it). */
export const MAX_WAIT_SECONDS = 35 * 24 * 3600;
/**
 * The await's timeout when plan decided to hand over or to end: park fails the task at once, and
 * should that fail, the timeout brings the execution back to plan, which decides again.
 */
export const LEAVING_WAIT_SECONDS = 300;
