import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { EventBody, ParticipantEvent } from "../../../core/domain/schemas";
import { evaluateJourney } from "../../../core/journey/evaluate";
import { continueFold, foldJourney, heldJobsOfFold, stateOfFold, type JourneyFold } from "../../../core/journey/fold";
import { defaultRules } from "../../../core/journey/rules";
import { placementsOf } from "../../../core/participants/jobs";
import { phaseChangesAlong, phaseChangesOf } from "../../../core/reports/model";
import { at, employerContact, event, jobStart, oslo } from "./events";

const context = { rules: defaultRules, timeZone: oslo };
const hour = 3_600_000;
const day = 24 * hour;
/** Referrals across the year, so that both DST switches fall inside some histories. */
const referralFrom = Date.parse("2026-01-05T09:00:00Z");

/** An event body of any type, `offset` ms after the referral (negative: dated before it). */
const bodyArbitrary = (jobIds: string[]) =>
  fc.oneof(
    fc.constant({ type: "participant-meeting" }),
    fc.record({ type: fc.constant("benefits-counselling"), status: fc.constantFrom(undefined, "held", "offered", "declined") }),
    fc.record({ type: fc.constant("employer-contact"), employer: fc.constantFrom("Bakeriet AS", "Rema 1000") }),
    fc.record({
      type: fc.constant("job-start"),
      employer: fc.constant("Bakeriet AS"),
      hoursPerWeek: fc.constantFrom(8, 20, 37.5),
      wage: fc.constantFrom("ordinary", "subsidised"),
      temporary: fc.boolean(),
    }),
    fc.record({ type: fc.constant("job-offer"), employer: fc.constant("Rema 1000"), startsInDays: fc.integer({ min: 0, max: 20 }) }),
    fc.record({ type: fc.constant("job-change"), jobId: fc.constantFrom(undefined, ...jobIds), hoursPerWeek: fc.constantFrom(10, 30) }),
    fc.record({ type: fc.constant("job-end"), jobId: fc.constantFrom(undefined, ...jobIds), reason: fc.constantFrom(undefined, "quit") }),
    fc.constant({ type: "education-start" }),
    fc.constant({ type: "education-end" }),
    fc.record({ type: fc.constant("follow-up-contact"), with: fc.constantFrom("participant", "employer") }),
    fc.record({ type: fc.constant("follow-up-interval"), days: fc.integer({ min: 7, max: 60 }) }),
    fc.record({ type: fc.constant("pause"), untilDays: fc.constantFrom(undefined, 10, 45) }),
    fc.constant({ type: "resume" }),
    fc.record({ type: fc.constant("exit"), reason: fc.constantFrom("moved", "other") }),
  );

interface Generated {
  referredAt: string;
  /** In recording order: ids increase, instants need not (back-dated events). */
  events: ParticipantEvent[];
  now: Date;
}

const historyArbitrary: fc.Arbitrary<Generated> = fc
  .record({
    referralDay: fc.integer({ min: 0, max: 364 }),
    steps: fc.array(
      fc.record({
        // Mostly forward in time, sometimes back-dated by up to 20 days, sometimes before the referral.
        offsetHours: fc.oneof(fc.integer({ min: 0, max: 400 * 24 }), fc.integer({ min: -20 * 24, max: 0 })),
        recordedLateHours: fc.integer({ min: 0, max: 10 * 24 }),
        body: bodyArbitrary(["ev-job-1", "ev-job-2"]),
      }),
      { maxLength: 40 },
    ),
    nowHours: fc.integer({ min: 0, max: 460 * 24 }),
  })
  .map(({ referralDay, steps, nowHours }) => {
    const referral = referralFrom + referralDay * day;
    let jobs = 0;
    const events = steps
      .map(({ offsetHours, recordedLateHours, body }, index) => {
        const instant = referral + offsetHours * hour;
        const iso = new Date(instant).toISOString();
        const { startsInDays, untilDays, ...rest } = body as Record<string, unknown>;
        const full = {
          ...rest,
          at: iso,
          ...(startsInDays === undefined ? {} : { startsAt: new Date(instant + (startsInDays as number) * day).toISOString() }),
          ...(untilDays === undefined ? {} : { until: new Date(instant + (untilDays as number) * day).toISOString() }),
        } as EventBody;
        // Job starts get the ids that job ends and changes may name.
        const id = body.type === "job-start" && jobs < 2 ? `ev-job-${++jobs}` : `ev-${String(index).padStart(4, "0")}`;
        return { ...full, id, recordedAt: new Date(instant + recordedLateHours * hour).toISOString() } as ParticipantEvent;
      })
      // Recording order is id order, as with ULIDs.
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    return { referredAt: new Date(referral).toISOString(), events, now: new Date(referral + nowHours * hour) };
  });

/** Records the events one by one as the system does: appended to the fold when it can be, else folded again. */
function recordOneByOne(referredAt: string, events: ParticipantEvent[]): { fold: JourneyFold; appended: number; refolded: number } {
  let fold = foldJourney(referredAt, [], context);
  let appended = 0;
  let refolded = 0;
  events.forEach((recorded, index) => {
    const next = continueFold(fold, [recorded], context);
    if (next) appended++;
    else refolded++;
    fold = next ?? foldJourney(referredAt, events.slice(0, index + 1), context);
    // Stored and read back: the fold is plain JSON.
    fold = JSON.parse(JSON.stringify(fold)) as JourneyFold;
  });
  return { fold, appended, refolded };
}

describe("the stored fold of a participant's events", () => {
  it("gives the state a full evaluation gives, whatever the order the events were recorded in", () => {
    let compared = 0;
    fc.assert(
      fc.property(historyArbitrary, ({ referredAt, events, now }) => {
        const { fold } = recordOneByOne(referredAt, events);
        const full = evaluateJourney({ referredAt, events, now, ...context });
        const folded = stateOfFold(fold, now, context);
        const latest = Math.max(...events.map((e) => Date.parse(e.at)));
        if (events.length > 0 && latest > now.getTime()) {
          // An event after `now`: only the events can say what the state was before it.
          expect(folded).toBeUndefined();
          return;
        }
        compared++;
        expect(folded).toEqual(full);
      }),
      { numRuns: 600, seed: 20261202 },
    );
    // Most generated histories end before `now`, so the comparison is not vacuous.
    expect(compared).toBeGreaterThan(300);
  });

  it("appends an event recorded after the last one folded in, and refuses one dated before it", () => {
    const referredAt = at("2026-03-02 09:00");
    const first = employerContact("2026-03-10 10:00");
    const fold = foldJourney(referredAt, [first], context);
    const later = employerContact("2026-03-12 10:00");
    const sameInstantLaterId = event({ type: "participant-meeting", at: first.at });
    const backDated = employerContact("2026-03-09 10:00");
    expect(continueFold(fold, [later], context)?.through).toEqual({ at: later.at, id: later.id });
    expect(continueFold(fold, [sameInstantLaterId], context)).toBeDefined();
    expect(continueFold(fold, [backDated], context)).toBeUndefined();
  });

  it("is not used under other rules or in another zone, nor for an instant before its last event", () => {
    const referredAt = at("2026-03-02 09:00");
    const contact = employerContact("2026-03-10 10:00");
    const fold = foldJourney(referredAt, [contact], context);
    const later = new Date(at("2026-04-01 12:00"));
    expect(stateOfFold(fold, later, context)).toBeDefined();
    expect(stateOfFold(fold, later, { ...context, rules: { ...defaultRules, firstEmployerContactDays: 21 } })).toBeUndefined();
    expect(stateOfFold(fold, later, { ...context, timeZone: "Europe/Stockholm" })).toBeUndefined();
    expect(stateOfFold(fold, new Date(at("2026-03-09 10:00")), context)).toBeUndefined();
    expect(continueFold({ ...fold, foldVersion: 0 as 1 }, [employerContact("2026-03-12 10:00")], context)).toBeUndefined();
  });

  it("knows the first-ever employer contact and the jobs held, as the events do", () => {
    fc.assert(
      fc.property(historyArbitrary, ({ referredAt, events }) => {
        const { fold } = recordOneByOne(referredAt, events);
        const contacts = events.filter((e) => e.type === "employer-contact").map((e) => e.at);
        const first = contacts.sort((a, b) => Date.parse(a) - Date.parse(b))[0];
        expect(fold.firstEmployerContactAt).toBe(first);
        const held = placementsOf(events).filter((p) => p.kind === "job" && !p.endedAt).map((p) => p.id);
        // The job list and the evaluation read job ends alike (core/participants/jobs.ts).
        expect(heldJobsOfFold(fold)).toEqual(held);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it("after a job start holds that job, and a later contact appends without reading the history", () => {
    const referredAt = at("2026-10-01 09:00");
    const start = jobStart("2026-10-20 09:00");
    const fold = foldJourney(referredAt, [employerContact("2026-10-05 10:00"), start], context);
    expect(heldJobsOfFold(fold)).toEqual([start.id]);
    // Across the switch to winter time (2026-10-25): the same state as the full evaluation.
    const contact = event({ type: "follow-up-contact", at: at("2026-10-26 10:00"), with: "participant" });
    const next = continueFold(fold, [contact], context)!;
    const now = new Date(at("2026-11-30 08:00"));
    expect(stateOfFold(next, now, context)).toEqual(
      evaluateJourney({ referredAt, events: [employerContact("2026-10-05 10:00"), start, contact], now, ...context }),
    );
  });

  it("gives a report the phase changes that evaluating the whole history at each event gives", () => {
    fc.assert(
      fc.property(historyArbitrary, ({ referredAt, events, now }) => {
        // The reference: the same walk, with a full evaluation of every event at each instant.
        const fullyEvaluated = (instant: number) => evaluateJourney({ referredAt, events, now: new Date(instant), ...context });
        expect(phaseChangesOf({ referredAt }, events, now.getTime(), context)).toEqual(
          phaseChangesAlong(referredAt, events, now.getTime(), fullyEvaluated),
        );
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
