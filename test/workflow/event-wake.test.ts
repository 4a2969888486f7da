import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../adapters/deps";
import { createTeam } from "../../adapters/dynamodb/teams";
import { createSpecialist } from "../../adapters/dynamodb/specialists";
import { claimJourney, getParticipantAndJourney, parkJourney, startJourney } from "../../adapters/stepfunctions/journey-execution";
import { recordEvent } from "../../use-cases/participants/record-event";
import { holdJourneys, seedParticipant, type HeldJourneys } from "../summary/seed";
import { testClock, testDeps } from "../support/deps";

/**
 * An event's writer reads the profile and the journey record in one request and wakes the
 * journey with the token it read: its transaction holds only while that token is still the
 * record's. These tests park a journey by hand (the held executions never plan) and watch which
 * token the writer hands to Step Functions and what it reads from DynamoDB Local.
 */
describe("an event wakes the journey with the token it read", () => {
  const clock = testClock("2027-06-07T09:00:00Z");
  let deps: Deps;
  let journeys: HeldJourneys;
  let teamId: string;
  let specialistId: string;
  let tokens: string[] = [];
  let reads: string[] = [];

  afterAll(() => journeys?.stop());
  beforeAll(async () => {
    journeys = await holdJourneys();
    deps = await testDeps({ clock, ...journeys.sfn });
    deps.sfn.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "SendTaskSuccessCommand") {
          tokens.push((args.input as { taskToken: string }).taskToken);
          reads.push("wake");
        }
        return next(args);
      },
      { step: "initialize", name: "watchWakes" },
    );
    deps.db.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Key?: { sk?: string }; KeyConditionExpression?: string };
        reads.push(`${context.commandName} ${input.Key?.sk ?? input.KeyConditionExpression ?? ""}`);
        return next(args);
      },
      { step: "initialize", name: "watchReads" },
    );
    teamId = (await createTeam(deps, { name: "Team", emails: ["team@example.org"], locale: "nb", summaryCadence: "weekly" })).id;
    specialistId = (await createSpecialist(deps, { name: "S", email: "s@example.org", teamIds: [teamId], caseloadLimit: 20 })).id;
  });

  /** A participant whose journey is parked with `token`, planned against the current version. */
  async function parked(code: string, token: string) {
    const profile = await seedParticipant(deps, { code, teamId, specialistId, referredAt: clock.now().toISOString() });
    const executionArn = await startJourney(deps, profile.id, 1);
    await claimJourney(deps, { participantId: profile.id, generation: 1, executionArn, startedAt: clock.now().toISOString() });
    expect(await parkJourney(deps, profile.id, 1, token, profile.version, "2027-07-07T00:00:00.000Z")).toBe("parked");
    return profile;
  }

  it("wakes with the token it read, without reading the journey record again", async () => {
    const { id } = await parked("EW-1", "token-first");
    const { profile, journey } = await getParticipantAndJourney(deps, id);
    expect(journey?.taskToken).toBe("token-first");
    tokens = [];
    reads = [];
    // A first employer contact changes the phase: the journey must plan again.
    await recordEvent(deps, profile!, { type: "employer-contact", at: clock.now().toISOString(), employer: "Kiwi" }, "ew-1", { record: journey });
    expect(tokens).toEqual(["token-first"]);
    // Nothing read between the transaction and the wake. (The made-up token is refused by the
    // engine, so the writer then looks for a running execution, reading the record: not counted.)
    const beforeWake = reads.slice(0, reads.indexOf("wake"));
    expect(beforeWake.filter((read) => read.startsWith("GetItemCommand JOURNEY") || read.startsWith("QueryCommand"))).toEqual([]);
  });

  it("reads again and wakes with the new token when the journey parked anew after the read", async () => {
    const { id } = await parked("EW-2", "token-old");
    const { profile, journey } = await getParticipantAndJourney(deps, id);
    // Woken meanwhile by something else, the journey planned and parked again with a new token.
    expect(await parkJourney(deps, id, 1, "token-new", profile!.version, "2027-07-07T00:00:00.000Z")).toBe("parked");
    tokens = [];
    reads = [];
    await recordEvent(deps, profile!, { type: "employer-contact", at: clock.now().toISOString(), employer: "Kiwi" }, "ew-2", { record: journey });
    // The transaction was refused on the token, the profile and the record were read again, and
    // the wake went to the await that is waiting now.
    expect(reads.filter((read) => read.startsWith("QueryCommand pk = :pk AND sk BETWEEN"))).toHaveLength(1);
    expect(tokens).toEqual(["token-new"]);
    expect((await getParticipantAndJourney(deps, id)).profile?.phase).toBe("job-search");
  });
});
