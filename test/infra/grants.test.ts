import type { Context } from "aws-lambda";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHandler as digestSpecialists } from "../../functions/digest-specialists/handler";
import { createHandler as journeyContinue } from "../../functions/journey-continue/handler";
import { createHandler as sesEvents } from "../../functions/ses-events/handler";
import { createHandler as summaryTeams } from "../../functions/summary-teams/handler";
import { type FunctionName, functionSpecs, type TableAccess } from "../../infra/functions";
import { createSpecialist } from "../../adapters/dynamodb/specialists";
import { createTeam } from "../../adapters/dynamodb/teams";
import type { Deps } from "../../adapters/deps";
import { testClock, testDeps } from "../support/deps";

/**
 * The other half of the grants: what a function's code sends to DynamoDB (DynamoDB Local, through
 * the real SDK), against the table access its registry entry declares and the stack grants (see
 * stack.test.ts). A function whose code needs less than it is granted fails here as surely as one
 * that needs more. The functions whose work is writing (api, the journey steps, the two senders)
 * are exercised by the workflow and end-to-end tests.
 */

const readCommands = new Set(["GetItemCommand", "QueryCommand", "BatchGetItemCommand", "TransactGetItemsCommand", "ScanCommand"]);

/** The least access that covers the requests sent. */
const accessFor = (commands: string[]): TableAccess =>
  commands.length === 0 ? "none" : commands.every((command) => readCommands.has(command)) ? "read" : "readWrite";

const declared = (name: FunctionName) => functionSpecs.find((spec) => spec.name === name)!.table;

type Handler = (event: unknown, context: Context) => Promise<unknown>;
const invoke = (create: (deps: () => Deps) => unknown, deps: Deps, event: unknown) => (create(() => deps) as Handler)(event, {} as Context);

describe("each function's table access is what its code uses", () => {
  const clock = testClock("2026-10-01T08:00:00Z");
  let deps: Deps;
  let sent: string[] = [];
  let started: Array<{ name?: string }> = [];
  let startFails: string | undefined;

  beforeAll(async () => {
    deps = await testDeps({ clock });
    deps.db.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push(context.commandName!);
        return next(args);
      },
      { step: "initialize", name: "recordTableRequests" },
    );
    // Step Functions answers here as the service does; these tests are about the table.
    deps.sfn.middlewareStack.add(
      (_next, context) => async (args) => {
        if (context.commandName !== "StartExecutionCommand") throw new Error(`unexpected ${context.commandName}`);
        const input = args.input as { name?: string };
        started.push(input);
        if (startFails) throw Object.assign(new Error("execution exists"), { name: startFails });
        return { output: { executionArn: `arn:aws:states:eu-north-1:000000000000:execution:journey:${input.name}`, $metadata: {} }, response: {} } as never;
      },
      { step: "initialize", name: "answerLikeStepFunctions" },
    );
  });
  afterEach(() => {
    sent = [];
    started = [];
    startFails = undefined;
  });

  const state = { version: 1, participantId: "01JCONTINUE", generation: 4, iteration: 16, action: "continue" };

  it("journey-continue: starts the next generation and touches no table", async () => {
    expect(await invoke(journeyContinue, deps, { state })).toEqual({ executionArn: expect.stringContaining("01JCONTINUE-g5"), generation: 5 });
    startFails = "ExecutionAlreadyExists";
    expect(await invoke(journeyContinue, deps, { state })).toEqual({ execution: "01JCONTINUE-g5", generation: 5, alreadyStarted: true });
    expect(started.map((input) => input.name)).toEqual(["01JCONTINUE-g5", "01JCONTINUE-g5"]);
    expect(sent).toEqual([]);
    expect(declared("journey-continue")).toBe(accessFor(sent));
  });

  it("digest-specialists: reads the specialists, writes nothing", async () => {
    clock.set("2026-10-01T08:00:00Z");
    const team = await createTeam(deps, { name: "Digest team", emails: ["digest-team@example.org"], locale: "nb", summaryCadence: "weekly" });
    const specialist = await createSpecialist(deps, { name: "S", email: "s@example.org", teamIds: [team.id], caseloadLimit: 20 });
    sent = [];
    clock.set("2026-11-02T07:00:00Z"); // a Monday morning in Oslo, a working day
    const plan = (await invoke(digestSpecialists, deps, {})) as { workingDay: boolean; specialistIds: string[] };
    expect(plan.workingDay).toBe(true);
    expect(plan.specialistIds).toContain(specialist.id);
    expect(sent.length).toBeGreaterThan(0);
    expect(declared("digest-specialists")).toBe(accessFor(sent));
  });

  it("summary-teams: reads the teams, writes nothing", async () => {
    clock.set("2026-10-01T08:00:00Z");
    const team = await createTeam(deps, { name: "Team", emails: ["team@example.org"], locale: "nb", summaryCadence: "weekly" });
    sent = [];
    clock.set("2026-11-09T07:00:00Z");
    const plan = (await invoke(summaryTeams, deps, {})) as { week: string; teamIds: string[] };
    expect(plan.teamIds).toContain(team.id);
    expect(sent.length).toBeGreaterThan(0);
    expect(declared("summary-teams")).toBe(accessFor(sent));
  });

  it("ses-events: records a bounce, so it writes", async () => {
    const message = {
      eventType: "Bounce",
      mail: { messageId: "grants-1", timestamp: "2026-11-03T08:00:00Z", destination: ["team@example.org"] },
      bounce: { bounceType: "Permanent", bouncedRecipients: [{ emailAddress: "team@example.org" }] },
    };
    expect(await invoke(sesEvents, deps, { Records: [{ Sns: { Message: JSON.stringify(message) } }] })).toEqual({ recorded: 1 });
    expect(declared("ses-events")).toBe(accessFor(sent));
  });
});
