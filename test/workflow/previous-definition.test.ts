import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSystem, seedTeam } from "../support/system";
import { lambdaArn } from "../../local/functions";
import { LocalStepFunctions } from "../../local/stepfunctions";
import { substitutionKey } from "../../shared/runtime/function-names";
import { executionName, journeyInput } from "../../shared/workflow/journey-execution";
import { midnight, oslo, scenario, type TestSystem } from "./scenario";

/**
 * An execution keeps the definition it started with while the functions change under it. Before
 * plan recorded what came due itself, a timeout went Await → Record → Plan; journeys started then
 * keep that shape for up to 180 days after a deploy. The fixture is that definition, as it was.
 */
const previousDefinition = readFileSync(new URL("./fixtures/journey-before-plan-recorded.asl.json", import.meta.url), "utf8");

let system: TestSystem;
let s: ReturnType<typeof scenario>;

beforeAll(async () => {
  system = await startTestSystem({ start: new Date(oslo("2026-11-02T10:00")) });
  s = scenario(system);
});
afterAll(() => system?.stop());

describe("a journey started under the earlier definition", () => {
  it("records what came due in its own Record step, once, with today's functions, and runs on", async () => {
    const { region, name } = system.deps.deployment;
    const functions = ["journey-plan", "journey-park", "journey-record", "journey-continue"];
    const substitutions = Object.fromEntries(functions.map((folder) => [substitutionKey(folder), lambdaArn(region, name, folder)]));
    const previousJourney = system.stepFunctions.createStateMachine("ipsflow-journey-previous", LocalStepFunctions.substitute(previousDefinition, substitutions));

    const team = await seedTeam(system.api);
    const id = await s.refer(team, "E.D.");
    // Generation 1 runs on today's definition; in its place, generation 2 runs on the earlier one
    // (in AWS both are the same state machine, before and after an update).
    await system.stepFunctions.stopExecution({ executionArn: (await s.journey(id)).executionArn, error: "Replaced", cause: "by the test" });
    const { executionArn } = await system.stepFunctions.startExecution({
      stateMachineArn: previousJourney,
      name: executionName(id, 2),
      input: JSON.stringify(journeyInput(id, 2)),
    });
    await s.advanceTo("2026-11-02T10:05");
    expect(await s.journey(id)).toMatchObject({ generation: 2, executionArn, parked: true });

    // The 30-day deadlines (2 December) come due and are missed with nobody acting.
    await s.advanceTo("2026-12-03T10:00");
    const due = await s.dueRecords(id);
    expect(due.filter((record) => record.kind === "first-employer-contact")).toHaveLength(1);
    expect(due.find((record) => record.kind === "first-employer-contact")).toMatchObject({ dueAt: midnight("2026-12-02") });

    const history = (await system.stepFunctions.getExecutionHistory({ executionArn, maxResults: 1000 })).events as unknown as Array<{
      type: string;
      stateEnteredEventDetails?: { name?: string };
    }>;
    const entered = history.filter((event) => event.type.endsWith("StateEntered")).map((event) => event.stateEnteredEventDetails?.name);
    expect(entered).toContain("Record");
    expect(history.some((event) => event.type.endsWith("Failed"))).toBe(false);

    // Still planning and parked on the earlier definition, with the missed deadline on the profile.
    expect(await s.journey(id)).toMatchObject({ generation: 2, executionArn, status: "RUNNING", parked: true });
    expect(await s.open(id, "first-employer-contact")).toMatchObject({ status: "overdue" });
  });
});
