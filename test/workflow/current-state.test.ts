import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Deps } from "../../adapters/deps";
import type { EventBody } from "../../core/domain/schemas";
import { createTeam } from "../../adapters/dynamodb/teams";
import { createSpecialist } from "../../adapters/dynamodb/specialists";
import { getParticipant, listEvents, storedFold } from "../../adapters/dynamodb/participants";
import { findStoredResponse, parseIdempotencyEntry } from "../../adapters/dynamodb/idempotency";
import { type StoredState } from "../../core/participants/profile";
import { keys } from "../../adapters/dynamodb/keys";
import { currentState } from "../../use-cases/participants/current-state";
import { resolveRules, rulesVersion } from "../../core/journey/rules";
import { toStoredState, journeyStateOf } from "../../core/participants/state";
import { holdJourneys, record, seedParticipant, type HeldJourneys } from "../summary/seed";
import { testClock, testDeps } from "../support/deps";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * The stored state stands in for the history while time alone has changed nothing; after that the
 * fold of the events does, and the history is read only when no fold holds. These tests read the
 * requests each call sends to DynamoDB Local and compare every answer with a full evaluation of
 * the events.
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

  it("uses the stored state while it holds, and the fold of the events once time has changed it", async () => {
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
    expect(changed).toMatchObject({ readHistory: false, wrote: true });
    expect(changed.state.obligations.find((o) => o.kind === "job-development")?.status).toBe("due");
    expect(changed.state).toEqual(await truth(id));

    // Stored for the next reader.
    expect(await stateNow(id)).toMatchObject({ readHistory: false, wrote: false });
  });

  it("evaluates a profile stored without the instant its state holds until", async () => {
    const { id } = await participant();
    await deps.db.send(new UpdateCommand({ TableName: deps.tableName, Key: keys.participant(id), UpdateExpression: "REMOVE nextChangeAt" }));
    expect(await stateNow(id)).toMatchObject({ readHistory: false, wrote: true });
    // Stored again, with the instant the fresh evaluation holds until.
    expect((await getParticipant(deps, id))!.nextChangeAt).toBe((await truth(id)).nextChangeAt);
    expect((await truth(id)).nextChangeAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("evaluates once a state and a fold computed with other rules, and records the rules it used", async () => {
    const { id } = await participant();
    await record(deps, id, { type: "employer-contact", at: clock.now().toISOString(), employer: "Rema" });
    const current = rulesVersion(resolveRules(deps.deployment.rules));
    expect((await getParticipant(deps, id))!).toMatchObject({ rulesVersion: current, fold: { rulesVersion: current } });
    const stale = { ...(await getParticipant(deps, id))!.fold!, rulesVersion: "1:30,30" };
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: keys.participant(id),
        UpdateExpression: "SET rulesVersion = :v, fold = :fold",
        ExpressionAttributeValues: { ":v": "1:30,30", ":fold": storedFold(stale) },
      }),
    );
    expect(await stateNow(id)).toMatchObject({ readHistory: true, wrote: true });
    expect((await getParticipant(deps, id))!).toMatchObject({ rulesVersion: current, fold: { rulesVersion: current } });
    expect(await stateNow(id)).toMatchObject({ readHistory: false, wrote: false });
    expect((await stateNow(id)).state).toEqual(await truth(id));
  });

  it("reads the history of a profile stored before folds were kept, once, and keeps the fold", async () => {
    const { id } = await participant();
    await record(deps, id, { type: "employer-contact", at: clock.now().toISOString(), employer: "Rema" });
    await deps.db.send(
      new UpdateCommand({ TableName: deps.tableName, Key: keys.participant(id), UpdateExpression: "REMOVE fold, nextChangeAt" }),
    );
    expect(await stateNow(id)).toMatchObject({ readHistory: true, wrote: true });
    expect((await getParticipant(deps, id))!.fold?.through).toBeDefined();
    clock.advanceDays(9);
    const later = await stateNow(id);
    expect(later).toMatchObject({ readHistory: false, wrote: true });
    expect(later.state).toEqual(await truth(id));
  });

  it("uses neither a state computed after the instant asked about nor a fold holding a later event", async () => {
    clock.set("2027-02-01T09:00:00Z");
    const { id } = await participant();
    clock.set("2027-02-20T09:00:00Z");
    await record(deps, id, { type: "participant-meeting", at: "2027-02-01T10:00:00Z" });
    // The fold holds only an event before the instant asked about: it says what the state was then.
    clock.set("2027-02-05T09:00:00Z");
    const earlier = await stateNow(id);
    expect(earlier.readHistory).toBe(false);
    expect(earlier.state).toEqual(await truth(id));

    clock.set("2027-02-20T09:00:00Z");
    await record(deps, id, { type: "employer-contact", at: "2027-02-10T10:00:00Z", employer: "Kiwi" });
    clock.set("2027-02-06T09:00:00Z");
    const beforeTheContact = await stateNow(id);
    expect(beforeTheContact.readHistory).toBe(true);
    expect(beforeTheContact.state).toEqual(await truth(id));
    expect(beforeTheContact.state.phase).toBe("referral");
  });

  it("records an event as a read of the profile and one transaction, and a back-dated one from the history", async () => {
    clock.set("2027-05-03T09:00:00Z");
    const { id } = await participant();
    const recordCounted = async (body: EventBody) => {
      sent = [];
      await record(deps, id, body);
      // What recordEvent itself sends, without the seed's own read of the profile and the wake's calls.
      return sent.filter((name) => name === "QueryCommand" || name === "TransactWriteItemsCommand");
    };
    clock.set("2027-05-10T09:00:00Z");
    expect(await recordCounted({ type: "employer-contact", at: "2027-05-10T08:00:00Z", employer: "Kiwi" })).toEqual(["TransactWriteItemsCommand"]);
    expect(await recordCounted({ type: "job-start", at: "2027-05-10T08:30:00Z", employer: "Kiwi", hoursPerWeek: 20, wage: "ordinary", temporary: false })).toEqual([
      "TransactWriteItemsCommand",
    ]);
    clock.set("2027-05-20T09:00:00Z");
    // The job end finds its job in the fold.
    expect(await recordCounted({ type: "job-end", at: "2027-05-19T08:00:00Z", reason: "quit" })).toEqual(["TransactWriteItemsCommand"]);
    expect((await listEvents(deps, id)).find((event) => event.type === "job-end")).toMatchObject({ jobId: expect.any(String) });
    // Dated before the job end: the history is read, and the fold made again from all of it.
    expect(await recordCounted({ type: "participant-meeting", at: "2027-05-12T10:00:00Z" })).toEqual(["QueryCommand", "TransactWriteItemsCommand"]);
    const profile = (await getParticipant(deps, id))!;
    expect(profile.fold?.through?.at).toBe("2027-05-19T08:00:00.000Z");
    expect((await stateNow(id)).state).toEqual(await truth(id));
  });

  it("names on the profile only the stored answers an erasure may still find: a participant followed for months carries a few", async () => {
    clock.set("2027-08-02T09:00:00Z");
    const { id } = await participant();
    for (let day = 0; day < 90; day += 3) {
      clock.set(new Date(Date.parse("2027-08-02T09:00:00Z") + day * 86_400_000));
      await record(deps, id, { type: "participant-meeting", at: clock.now().toISOString() });
    }
    const named = [...((await getParticipant(deps, id))!.idempotencyKeys ?? [])].map(parseIdempotencyEntry);
    // 30 events, every third day: those whose answers expired (7 days) less than 30 days ago stay.
    const newest = Math.floor(clock.now().getTime() / 1000) + 7 * 86_400;
    expect(named.length).toBeGreaterThanOrEqual(12);
    expect(named.length).toBeLessThanOrEqual(14);
    for (const entry of named) expect(newest - entry.expiresAt!).toBeLessThanOrEqual(37 * 86_400);
    // Every one of them names a stored answer (until DynamoDB's TTL deletes it).
    for (const entry of named) expect(await findStoredResponse(deps, entry.scope, entry.key)).toBeDefined();
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
    let computed = 0;
    let historyReads = 0;
    for (let hour = 1; hour < 130 * 24; hour += 7) {
      clock.set(new Date(start.getTime() + hour * 3_600_000));
      const day = Math.floor(hour / 24);
      const body = events.get(day);
      if (body && clock.now().toISOString() >= at(day)) {
        events.delete(day);
        await record(deps, id, { ...body, at: at(day) } as EventBody);
      }
      const { state, readHistory, wrote } = await stateNow(id);
      if (wrote) computed++;
      if (readHistory) historyReads++;
      expect(state, `at ${clock.now().toISOString()}`).toEqual(await truth(id));
    }
    expect(events.size).toBe(0);
    // Far fewer computations than calls (only when something changed), and never from the history.
    expect(computed).toBeGreaterThan(5);
    expect(computed).toBeLessThan(60);
    expect(historyReads).toBe(0);
  });
});
