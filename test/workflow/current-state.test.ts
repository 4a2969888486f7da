import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Deps } from "../../adapters/deps";
import type { EventBody } from "../../core/domain/schemas";
import { createTeam } from "../../adapters/dynamodb/teams";
import { createSpecialist } from "../../adapters/dynamodb/specialists";
import { getParticipant, listEvents } from "../../adapters/dynamodb/participants";
import { type StoredState } from "../../core/participants/profile";
import { keys } from "../../adapters/dynamodb/keys";
import { currentState } from "../../use-cases/participants/current-state";
import { resolveRules, rulesVersion } from "../../core/journey/rules";
import { toStoredState, journeyStateOf } from "../../core/participants/state";
import { holdJourneys, record, seedParticipant, type HeldJourneys } from "../summary/seed";
import { testClock, testDeps } from "../support/deps";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * The stored state stands in for the history only while time alone has changed nothing: these
 * tests read the requests each call sends to DynamoDB Local and compare every answer with a full
 * evaluation of the events.
 */
describe("current state of a participant", () => {
  const clock = testClock("2027-01-04T09:00:00Z");
  let deps: Deps;
  let sent: string[] = [];
  let teamId: string;
  let specialistId: string;
  let journeys: HeldJourneys;

  afterAll(() => journeys?.stop());
  beforeAll(async () => {
    journeys = await holdJourneys();
    deps = await testDeps({ clock, ...journeys.sfn });
    deps.db.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push(context.commandName!);
        return next(args);
      },
      { step: "initialize", name: "countRequests" },
    );
    teamId = (await createTeam(deps, { name: "Team", emails: ["team@example.org"], locale: "nb", summaryCadence: "weekly" })).id;
    specialistId = (await createSpecialist(deps, { name: "S", email: "s@example.org", teamIds: [teamId], caseloadLimit: 20 })).id;
  });

  // When a state was computed differs between the stored one and a fresh one; what it says must not.
  const withoutInstant = ({ evaluatedAt: _at, ...state }: StoredState) => state;
  const participant = () => seedParticipant(deps, { code: "CS-1", teamId, specialistId, referredAt: clock.now().toISOString() });
  const truth = async (id: string) => {
    const profile = (await getParticipant(deps, id))!;
    return withoutInstant(toStoredState(journeyStateOf(profile, await listEvents(deps, id), clock.now(), deps.deployment)));
  };
  const stateNow = async (id: string) => {
    sent = [];
    const { state } = await currentState(deps, (await getParticipant(deps, id))!, clock.now());
    return { state: withoutInstant(state), readHistory: sent.includes("QueryCommand"), wrote: sent.includes("UpdateItemCommand") };
  };

  it("uses the stored state while it holds, and reads the history once time has changed it", async () => {
    const { id } = await participant();
    clock.advanceDays(3);
    await record(deps, id, { type: "employer-contact", at: clock.now().toISOString(), employer: "Rema" });

    clock.advanceDays(1);
    const held = await stateNow(id);
    expect(held).toMatchObject({ readHistory: false, wrote: false });
    expect(held.state).toEqual(await truth(id));

    // The next change: job development falls due 7 days after the contact.
    clock.set(held.state.nextChangeAt!);
    const changed = await stateNow(id);
    expect(changed).toMatchObject({ readHistory: true, wrote: true });
    expect(changed.state.obligations.find((o) => o.kind === "job-development")?.status).toBe("due");
    expect(changed.state).toEqual(await truth(id));

    // Stored for the next reader.
    expect(await stateNow(id)).toMatchObject({ readHistory: false, wrote: false });
  });

  it("evaluates a profile stored without the instant its state holds until", async () => {
    const { id } = await participant();
    await deps.db.send(new UpdateCommand({ TableName: deps.tableName, Key: keys.participant(id), UpdateExpression: "REMOVE nextChangeAt" }));
    expect(await stateNow(id)).toMatchObject({ readHistory: true, wrote: true });
    // Stored again, with the instant the fresh evaluation holds until.
    expect((await getParticipant(deps, id))!.nextChangeAt).toBe((await truth(id)).nextChangeAt);
    expect((await truth(id)).nextChangeAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("evaluates once a state computed with other rules, and records the rules it used", async () => {
    const { id } = await participant();
    expect((await getParticipant(deps, id))!.rulesVersion).toBe(rulesVersion(resolveRules(deps.deployment.rules)));
    await deps.db.send(
      new UpdateCommand({ TableName: deps.tableName, Key: keys.participant(id), UpdateExpression: "SET rulesVersion = :v", ExpressionAttributeValues: { ":v": "1:30,30" } }),
    );
    expect(await stateNow(id)).toMatchObject({ readHistory: true, wrote: true });
    expect((await getParticipant(deps, id))!.rulesVersion).toBe(rulesVersion(resolveRules(deps.deployment.rules)));
    expect(await stateNow(id)).toMatchObject({ readHistory: false, wrote: false });
  });

  it("does not use a state computed after the instant asked about", async () => {
    clock.set("2027-02-01T09:00:00Z");
    const { id } = await participant();
    clock.set("2027-02-20T09:00:00Z");
    await record(deps, id, { type: "participant-meeting", at: "2027-02-01T10:00:00Z" });
    clock.set("2027-02-05T09:00:00Z");
    const earlier = await stateNow(id);
    expect(earlier.readHistory).toBe(true);
    expect(earlier.state).toEqual(await truth(id));
  });

  it("never differs from a full evaluation, hour by hour through referral, job search, placement and follow-up", async () => {
    const start = new Date("2027-03-01T08:00:00Z");
    clock.set(start);
    const { id } = await participant();
    const at = (days: number, hour = 9) => new Date(start.getTime() + days * 86_400_000 + (hour - 8) * 3_600_000).toISOString();
    const events = new Map<number, DistributiveOmit<EventBody, "at">>([
      [10, { type: "employer-contact", employer: "Kiwi" }],
      [20, { type: "benefits-counselling" }],
      [35, { type: "participant-meeting" }],
      [40, { type: "job-start", employer: "Kiwi", hoursPerWeek: 20, wage: "ordinary", temporary: false }],
      [42, { type: "follow-up-contact", with: "participant" }],
      [80, { type: "pause" }],
      [95, { type: "resume" }],
    ]);
    let evaluations = 0;
    for (let hour = 1; hour < 130 * 24; hour += 7) {
      clock.set(new Date(start.getTime() + hour * 3_600_000));
      const day = Math.floor(hour / 24);
      const body = events.get(day);
      if (body && clock.now().toISOString() >= at(day)) {
        events.delete(day);
        await record(deps, id, { ...body, at: at(day) } as EventBody);
      }
      const { state, readHistory } = await stateNow(id);
      if (readHistory) evaluations++;
      expect(state, `at ${clock.now().toISOString()}`).toEqual(await truth(id));
    }
    expect(events.size).toBe(0);
    // Far fewer evaluations than calls: the history is read only when something changed.
    expect(evaluations).toBeGreaterThan(5);
    expect(evaluations).toBeLessThan(60);
  });
});
