import { describe, expect, it } from "vitest";
import { sdkIntegrations } from "../../local/functions";
import { midnight, oslo, useWorkflowSystem } from "./scenario";

/**
 * Which recorded events wake a parked journey at once. One that brings nothing due before the
 * journey's own wake (and keeps the phase) leaves it parked: it plans at that wake with the event,
 * so its reminders come at the same instants. One that changes the phase or brings something due
 * sooner wakes it; the recurring rounds that only events end (job development, follow-up,
 * outreach) never do. `checkedInAt` on the journey is set each time the execution parks.
 */

const { system, s, seedTeam } = useWorkflowSystem({ start: "2026-11-02T10:00" });

/** How far after `dueAt` the journey recorded an obligation as come due (ms). */
async function recordedLate(participantId: string, kind: string, dueAt: string): Promise<number> {
  const record = (await s.dueRecords(participantId)).find((r) => r.kind === kind && r.dueAt === dueAt);
  expect(record, `${kind} due ${dueAt} recorded`).toBeDefined();
  return Date.parse(record!.recordedAt) - Date.parse(dueAt);
}

describe("events and a parked journey", () => {
  it("an event that brings nothing due before the journey's own wake leaves it parked, and that wake still comes on time", async () => {
    const team = await seedTeam();
    const id = await s.refer(team, "P.K.");
    const { executionArn, checkedInAt } = await s.journey(id);
    const plans = async () => (await s.statesEntered(executionArn)).filter((name) => name === "Plan").length;
    const plansAtReferral = await plans();

    await s.advanceTo("2026-11-05T10:00");
    await s.record(team, id, { type: "benefits-counselling" });
    await s.advanceTo("2026-11-09T10:00");
    await s.record(team, id, { type: "participant-meeting" });
    // The API shows the events' effect at once: it reads what the event writer stored.
    expect(await s.openKinds(id)).toEqual(["first-employer-contact", "outreach"]);
    expect(await s.open(id, "outreach")).toMatchObject({ dueAt: midnight("2026-12-09") });
    expect(await plans()).toBe(plansAtReferral);
    expect(await s.journey(id)).toMatchObject({ parked: true, checkedInAt });

    // The 30-day deadline is recorded as come due at its own instant, by the wake planned at the referral.
    await s.advanceTo("2026-12-02T00:30");
    expect(await recordedLate(id, "first-employer-contact", midnight("2026-12-02"))).toBeLessThan(60_000);
    expect(await plans()).toBe(plansAtReferral + 1);
    // Two states a wake: Plan, then Await (no Choice between them).
    expect(await s.statesEntered(executionArn)).toEqual(["Plan", "Await", "Plan", "Await"]);

    // An exit changes the phase: woken, plan decides to end and fails its own task, which leaves the loop at once.
    await s.advanceTo("2026-12-02T10:00");
    await s.record(team, id, { type: "exit", reason: "declined-further-support" });
    expect(await s.journey(id)).toMatchObject({ status: "SUCCEEDED" });
    expect((await s.statesEntered(executionArn)).slice(-3)).toEqual(["Await", "Plan", "Done"]);
    // Failed once, on purpose, and not retried.
    const { events } = await system().stepFunctions.getExecutionHistory({ executionArn, maxResults: 1000 });
    expect((events as unknown as Array<{ type: string }>).filter((event) => event.type === "TaskFailed")).toHaveLength(1);
  });

  it("an event that changes the phase or brings something due sooner wakes the journey at once", async () => {
    await s.advanceTo("2026-12-07T09:00");
    const team = await seedTeam();
    const id = await s.refer(team, "W.E.");
    await s.advanceTo("2026-12-07T09:30");
    await s.record(team, id, { type: "benefits-counselling" });
    expect((await s.journey(id)).checkedInAt).toBe(oslo("2026-12-07T09:00"));

    // Referral → job search, job search → placement: each wakes the journey.
    await s.advanceTo("2026-12-07T10:00");
    await s.record(team, id, { type: "employer-contact", employer: "Rema" });
    expect((await s.journey(id)).checkedInAt).toBe(oslo("2026-12-07T10:00"));
    await s.advanceTo("2026-12-07T11:00");
    await s.record(team, id, { type: "job-start", employer: "Rema", hoursPerWeek: 20, wage: "ordinary", temporary: false });
    expect((await s.journey(id)).checkedInAt).toBe(oslo("2026-12-07T11:00"));

    // Placement turns into follow-up on 4 January (28 days): follow-up and outreach due 30 days
    // after the contact of 30 December, and the journey parked until then.
    await s.advanceTo("2026-12-30T10:00");
    await s.record(team, id, { type: "follow-up-contact", with: "participant" });
    await s.advanceTo("2027-01-04T10:00");
    expect((await s.participant(id)).phase).toBe("follow-up");
    expect(await s.open(id, "follow-up")).toMatchObject({ dueAt: midnight("2027-01-29") });
    const parkedAt = (await s.journey(id)).checkedInAt;

    // An employer contact in follow-up changes no clock: the journey sleeps on.
    await s.record(team, id, { type: "employer-contact", employer: "Rema" });
    expect((await s.journey(id)).checkedInAt).toBe(parkedAt);

    // A fortnightly interval brings the follow-up forward to 13 January. Follow-up is a round that
    // only an event ends, so the journey sleeps on: the digest lists the round from the stored
    // obligations all the same.
    await s.advanceTo("2027-01-04T11:00");
    await s.record(team, id, { type: "follow-up-interval", days: 14 });
    expect(await s.open(id, "follow-up")).toMatchObject({ dueAt: midnight("2027-01-13") });
    expect(await s.journey(id)).toMatchObject({ parked: true, checkedInAt: parkedAt });
    await s.advanceTo("2027-01-13T00:30");
    expect(await s.open(id, "follow-up")).toMatchObject({ dueAt: midnight("2027-01-13"), status: "due" });
    expect((await s.dueRecords(id)).map((r) => r.kind)).not.toContain("follow-up");

    // The contact that ends the round two days late records that it came due, in its own transaction.
    await s.advanceTo("2027-01-15T10:00");
    const contact = { type: "follow-up-contact", with: "participant", at: oslo("2027-01-15T10:00") };
    await s.record(team, id, contact, { idempotencyKey: "late-follow-up" });
    const twoDaysLate = Date.parse(oslo("2027-01-15T10:00")) - Date.parse(midnight("2027-01-13"));
    expect(await recordedLate(id, "follow-up", midnight("2027-01-13"))).toBe(twoDaysLate);
    expect(await s.open(id, "follow-up")).toMatchObject({ dueAt: midnight("2027-01-29") });
    expect((await s.journey(id)).checkedInAt).toBe(parkedAt);

    // A round still open when the journey next wakes by itself (at the latest 35 days after it
    // parked) is recorded then, under its own due minute.
    await s.advanceTo("2027-02-08T00:30");
    expect(await s.journey(id)).toMatchObject({ parked: true, checkedInAt: midnight("2027-02-08") });
    const tenDaysLate = Date.parse(midnight("2027-02-08")) - Date.parse(midnight("2027-01-29"));
    expect(await recordedLate(id, "follow-up", midnight("2027-01-29"))).toBe(tenDaysLate);
    // The contact that then ends it keeps that record as it is.
    await s.advanceTo("2027-02-09T10:00");
    await s.record(team, id, { type: "follow-up-contact", with: "employer" });
    expect(await recordedLate(id, "follow-up", midnight("2027-01-29"))).toBe(tenDaysLate);
    expect((await s.dueRecords(id)).filter((r) => r.kind === "follow-up")).toHaveLength(2);

    // The late contact's request again (a client's retry): answered as the first time, recorded once.
    await s.record(team, id, contact, { idempotencyKey: "late-follow-up" });
    expect(await recordedLate(id, "follow-up", midnight("2027-01-13"))).toBe(twoDaysLate);
    expect((await s.participant(id)).events).toHaveLength(8);
  });

  it("an await whose write fails is tried again, and the journey stays parked", async () => {
    await s.advanceTo("2027-02-15T10:00");
    const team = await seedTeam();
    const id = await s.refer(team, "R.P.");
    const [updateItem] = sdkIntegrations(() => system().deps);
    const attempts: string[] = [];
    system().stepFunctions.addSdkIntegration("dynamodb", "updateItem", async (parameters) => {
      const key = (parameters as { Key: { pk: { S: string } } }).Key.pk.S;
      if (key.endsWith(id)) {
        attempts.push(attempts.length === 0 ? "failed" : "parked");
        if (attempts.length === 1) throw Object.assign(new Error("the table did not answer"), { name: "InternalServerError" });
      }
      return updateItem.handler(parameters);
    });

    try {
      // The employer contact changes the phase: plan, then an await whose write fails once and is retried.
      await s.record(team, id, { type: "employer-contact", employer: "Meny" });
      await s.advanceTo("2027-01-18T10:01");
      expect(attempts).toEqual(["failed", "parked"]);
      const journey = await s.journey(id);
      expect(journey).toMatchObject({ status: "RUNNING", parked: true });
      const { events } = await system().stepFunctions.getExecutionHistory({ executionArn: journey.executionArn, maxResults: 1000 });
      const failed = (events as unknown as Array<{ type: string; taskFailedEventDetails?: { error?: string } }>).filter((event) => event.type.endsWith("Failed"));
      expect(failed.map((event) => event.taskFailedEventDetails?.error)).toEqual(["DynamoDb.InternalServerErrorException"]);
    } finally {
      system().stepFunctions.addSdkIntegration("dynamodb", "updateItem", updateItem.handler);
    }
  });

  it("the weekly follow-up that the end of placement ends unanswered is recorded as come due by the journey's wake at that end", async () => {
    await s.advanceTo("2027-03-01T10:00");
    const team = await seedTeam();
    const id = await s.refer(team, "P.E.");
    await s.record(team, id, { type: "job-start", employer: "Coop", hoursPerWeek: 10, wage: "ordinary", temporary: false });
    await s.advanceTo("2027-03-03T10:00");
    await s.record(team, id, { type: "follow-up-contact", with: "participant" });
    expect(await s.open(id, "placement-follow-up")).toMatchObject({ dueAt: midnight("2027-03-10") });

    // No contact since: the round due on 10 March is open, and the journey does not wake for it.
    await s.advanceTo("2027-03-28T23:30");
    expect(await s.open(id, "placement-follow-up")).toMatchObject({ dueAt: midnight("2027-03-10"), status: "overdue" });
    expect(await s.dueRecords(id)).toEqual([]);
    // 29 March, 28 days after the start: follow-up, and the journey, woken by that end, records the round.
    await s.advanceTo("2027-03-29T00:30");
    expect((await s.participant(id)).phase).toBe("follow-up");
    expect(await s.open(id, "placement-follow-up")).toBeUndefined();
    expect((await s.dueRecords(id)).map((r) => `${r.kind}@${r.dueAt}@${r.recordedAt}`)).toEqual([
      `placement-follow-up@${midnight("2027-03-10")}@${midnight("2027-03-29")}`,
    ]);
    await s.record(team, id, { type: "exit", reason: "other" });
  });

});
