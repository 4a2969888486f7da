import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../adapters/deps";
import { VirtualClock } from "../../local/clock/virtual-clock";
import { LocalStepFunctions, substitute } from "../../local/stepfunctions";
import { createHandler as summaryTeams } from "../../functions/summary-teams/handler";
import { createHandler as summarySend } from "../../functions/summary-send/handler";
import { capturedMail, testClock, testDeps } from "../support/deps";
import { readWorkflowDefinition } from "../../workflows/definitions";
import { seedWeek48, week48SentAt, type Dataset } from "./dataset";
import { holdJourneys, type HeldJourneys } from "./seed";

/** asl-validator (the validator `npx asl-validator` runs) ships no types. */
const validateAsl = createRequire(import.meta.url)("asl-validator") as (definition: unknown) => {
  isValid: boolean;
  errorsText(separator?: string): string;
};

// As the stack deploys it and the local runtime runs it: the retry policy put in.
const aslText = readWorkflowDefinition(join(import.meta.dirname, "..", ".."), "summary").text;
const teamsArn = "arn:aws:lambda:eu-north-1:000000000000:function:ipsflow-test-summary-teams";
const sendArn = "arn:aws:lambda:eu-north-1:000000000000:function:ipsflow-test-summary-send";

type Handler = (event: unknown, context: object) => Promise<unknown>;
const invoke = (create: (deps: () => Deps) => unknown, deps: Deps) => {
  const handler = create(() => deps) as Handler;
  return (event: unknown) => handler(event, { awsRequestId: "local" });
};

describe("the summary workflow definition", () => {
  it("is valid ASL (JSONPath) with an inline Map bounded by MaxConcurrency", () => {
    const definition = JSON.parse(aslText);
    const { isValid, errorsText } = validateAsl(definition);
    expect(isValid, errorsText("\n")).toBe(true);
    const map = definition.States.SendEach;
    expect(map).toMatchObject({ Type: "Map", ItemProcessor: { ProcessorConfig: { Mode: "INLINE" } } });
    expect(map.MaxConcurrency).toBeGreaterThan(0);
    expect(map.MaxConcurrency).toBeLessThanOrEqual(40);
    expect(definition.Comment).toMatch(/Distributed Map/);
    expect([...aslText.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]).sort()).toEqual(["SummarySendFunctionArn", "SummaryTeamsFunctionArn"]);
  });
});

describe("the summary workflow on the local Step Functions engine", () => {
  const seedClock = testClock(week48SentAt);
  const clock = new VirtualClock({ start: new Date(week48SentAt), speed: 0 });
  let data: Dataset;
  let stepFunctions: LocalStepFunctions;
  let stateMachineArn: string;
  let journeys: HeldJourneys;

  afterAll(() => journeys?.stop());
  beforeAll(async () => {
    journeys = await holdJourneys();
    const seedDeps = await testDeps({ clock: seedClock, ...journeys.sfn });
    data = await seedWeek48(seedDeps, seedClock);
    const deps: Deps = { ...seedDeps, clock };
    stepFunctions = new LocalStepFunctions({
      clock,
      region: "eu-north-1",
      lambdas: { [teamsArn]: invoke(summaryTeams, deps), [sendArn]: invoke(summarySend, deps) },
    });
    stateMachineArn = stepFunctions.createStateMachine(
      "ipsflow-test-summary",
      substitute(aslText, { SummaryTeamsFunctionArn: teamsArn, SummarySendFunctionArn: sendArn }),
    );
  });

  const run = async (input: object) => {
    const { executionArn } = await stepFunctions.startExecution({ stateMachineArn, input: JSON.stringify(input) });
    await stepFunctions.idle();
    const execution = await stepFunctions.describeExecution({ executionArn });
    expect(execution.status, execution.cause).toBe("SUCCEEDED");
    return JSON.parse(execution.output!) as { week: string; teamIds: string[]; results: Array<{ teamId: string; outcome: string }> };
  };

  it("sends each due team one summary of the week before the scheduled time, and nothing when run again", async () => {
    const first = await run({ scheduledTime: week48SentAt });
    expect(first.week).toBe("2026-W48");
    expect(first.results).toEqual([{ teamId: data.nord.id, outcome: "sent" }]);

    const again = await run({ scheduledTime: week48SentAt });
    expect(again.results).toEqual([{ teamId: data.nord.id, outcome: "already-sent" }]);
    expect((await capturedMail(data.nord.emails[0])).map((m) => m.subject)).toEqual(["IPS-oppsummering uke 48: 7 deltakere, 1 ny jobb"]);
    expect(await capturedMail(data.sor.emails[0])).toHaveLength(0);
  });

  it("covers the week before the clock when started without a scheduled time", async () => {
    await clock.advance(new Date("2026-12-07T06:00:00.000Z"));
    const output = await run({});
    expect(output.week).toBe("2026-W49");
    expect(output.results).toEqual(
      expect.arrayContaining([
        { teamId: data.nord.id, outcome: "sent" },
        { teamId: data.sor.id, outcome: "sent" },
      ]),
    );
    expect((await capturedMail(data.nord.emails[0])).map((m) => m.subject)).toHaveLength(2);
    expect((await capturedMail(data.sor.emails[0])).map((m) => m.subject)).toEqual(["IPS summary week 49: 1 participant, 0 new jobs"]);
  });
});

describe("the summary handlers' input", () => {
  const noDeps = (): Deps => {
    throw new Error("deps must not be needed to reject bad input");
  };
  const call = (create: (deps: () => Deps) => unknown, event: unknown) => (create(noDeps) as Handler)(event, { awsRequestId: "local" });

  it("rejects a week that does not exist and a missing team id, naming the field", async () => {
    await expect(call(summarySend, { teamId: "t-1", week: "2026-W54" })).rejects.toThrow(/week: no such week in that year/);
    await expect(call(summarySend, { week: "2026-W48" })).rejects.toThrow(/teamId/);
  });

  it("rejects a scheduled time that is not an instant", async () => {
    await expect(call(summaryTeams, { scheduledTime: "Monday morning" })).rejects.toThrow(/scheduledTime/);
  });
});
