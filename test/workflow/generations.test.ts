import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lambdaArn } from "../../local/functions";
import { LocalStepFunctions } from "../../local/stepfunctions";
import { substitutionKey } from "../../adapters/function-names";
import { executionName, journeyExecutionInput } from "../../adapters/stepfunctions/journey-execution";
import { useWorkflowSystem } from "./scenario";

/**
 * Generations of one journey that do not follow the usual handover: one started under the
 * earlier definition, and one that a newer generation overtook. One system (one virtual clock) for
 * the file; each test refers its own participant and moves the clock past that participant's
 * 30-day deadlines.
 */

const { system, s, seedTeam } = useWorkflowSystem({ start: "2026-11-02T10:00" });

/**
 * Refers a participant and starts generation 2 of their journey on `stateMachineArn`, while
 * generation 1 still runs or (`stopFirst`) after it was stopped.
 */
async function referWithSecondGeneration(code: string, stateMachineArn: string, options: { stopFirst?: boolean } = {}) {
  const team = await seedTeam();
  const id = await s.refer(team, code);
  const first = await s.journey(id);
  if (options.stopFirst) await system().stepFunctions.stopExecution({ executionArn: first.executionArn, error: "Replaced", cause: "by the test" });
  const { executionArn } = await system().stepFunctions.startExecution({
    stateMachineArn,
    name: executionName(id, 2),
    input: JSON.stringify(journeyExecutionInput(id, 2)),
  });
  await system().api.advance({ hours: 1 });
  expect(await s.journey(id)).toMatchObject({ generation: 2, executionArn, parked: true });
  const deadline = (await s.open(id, "first-employer-contact"))!.dueAt;
  return { id, team, first, second: executionArn, deadline };
}

/** Past the day after a deadline: it came due and was missed. */
const pastMissed = (deadline: string) => system().api.advance({ to: new Date(Date.parse(deadline) + 34 * 3_600_000).toISOString() });

describe("a journey started under the earlier definition", () => {
  /**
   * An execution keeps the definition it started with while the functions change under it. Before
   * plan recorded what came due itself, a timeout went Await → Record → Plan; journeys started
   * then keep that shape for up to 180 days after a deploy. The fixture is that definition.
   */
  const previousDefinition = readFileSync(new URL("./fixtures/journey-before-plan-recorded.asl.json", import.meta.url), "utf8");

  it("records what came due in its own Record step, once, with today's functions, runs on, and ends at an exit", async () => {
    const { region, name } = system().deps.deployment;
    const functions = ["journey-plan", "journey-park", "journey-record", "journey-continue"];
    const substitutions = Object.fromEntries(functions.map((folder) => [substitutionKey(folder), lambdaArn(region, name, folder)]));
    const previousJourney = system().stepFunctions.createStateMachine("ipsflow-journey-previous", LocalStepFunctions.substitute(previousDefinition, substitutions));

    // Generation 1 runs on today's definition; in its place, generation 2 runs on the earlier one
    // (in AWS both are the same state machine, before and after an update).
    const { id, second: executionArn, deadline, team } = await referWithSecondGeneration("E.D.", previousJourney, { stopFirst: true });

    // The 30-day deadline comes due and is missed with nobody acting.
    await pastMissed(deadline);
    const due = (await s.dueRecords(id)).filter((record) => record.kind === "first-employer-contact");
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ dueAt: deadline });

    expect(await s.statesEntered(executionArn)).toContain("Record");
    const { events } = await system().stepFunctions.getExecutionHistory({ executionArn, maxResults: 1000 });
    expect((events as unknown as Array<{ type: string }>).some((event) => event.type.endsWith("Failed"))).toBe(false);

    // Still planning and parked on the earlier definition, with the missed deadline on the profile.
    expect(await s.journey(id)).toMatchObject({ generation: 2, executionArn, status: "RUNNING", parked: true });
    expect(await s.open(id, "first-employer-contact")).toMatchObject({ status: "overdue" });

    // An exit ends it through its Choice state.
    await s.record(team, id, { type: "exit", reason: "moved" });
    expect((await system().stepFunctions.describeExecution({ executionArn })).status).toBe("SUCCEEDED");
    expect((await s.statesEntered(executionArn)).slice(-3)).toEqual(["Plan", "Decide", "Done"]);
  });
});

describe("a journey started before the await stored its token itself", () => {
  /**
   * Before this definition, Plan returned its result and the await called the park function,
   * which stored the token and left the loop for a hand-over or an end. Journeys started then
   * keep that shape until their next generation; the fixture is that definition, and it must run
   * with today's plan function (called without a token) and the park function kept for it.
   */
  const previousDefinition = readFileSync(new URL("./fixtures/journey-with-park-function.asl.json", import.meta.url), "utf8");

  it("plans, parks through the park function, is woken, records what came due, and ends at an exit", async () => {
    const { region, name } = system().deps.deployment;
    const functions = ["journey-plan", "journey-park", "journey-continue"];
    const substitutions = Object.fromEntries(functions.map((folder) => [substitutionKey(folder), lambdaArn(region, name, folder)]));
    const previousJourney = system().stepFunctions.createStateMachine("ipsflow-journey-with-park", LocalStepFunctions.substitute(previousDefinition, substitutions));
    const { id, second: executionArn, deadline, team } = await referWithSecondGeneration("P.F.", previousJourney, { stopFirst: true });

    // Woken by an event, and by its timeout when the 30-day deadline is missed.
    await s.record(team, id, { type: "participant-meeting" });
    await pastMissed(deadline);
    expect((await s.dueRecords(id)).filter((record) => record.kind === "benefits-counselling")).toHaveLength(1);
    expect(await s.journey(id)).toMatchObject({ generation: 2, executionArn, status: "RUNNING", parked: true });
    const { events } = await system().stepFunctions.getExecutionHistory({ executionArn, maxResults: 1000 });
    expect((events as unknown as Array<{ type: string }>).some((event) => event.type.endsWith("Failed"))).toBe(false);
    expect(await s.item({ pk: `PARTICIPANT#${id}`, sk: "JOURNEY" })).toMatchObject({ eventVersion: 1, plannedVersion: 1 });

    // An exit ends it: the park function leaves the loop with the error its Catch routes to the end.
    await s.record(team, id, { type: "exit", reason: "moved" });
    expect((await system().stepFunctions.describeExecution({ executionArn })).status).toBe("SUCCEEDED");
    expect((await s.statesEntered(executionArn)).slice(-3)).toEqual(["Plan", "Await", "Done"]);
  });
});

describe("a superseded generation", () => {
  it("ends at its next wake, and the newer generation keeps the journey", async () => {
    // A newer generation started while the older one still runs takes the journey over.
    const { id, first, second, deadline } = await referWithSecondGeneration("S.G.", system().stateMachines.journey);

    // Both wake when the 30-day deadlines come due.
    await pastMissed(deadline);
    expect((await system().stepFunctions.describeExecution({ executionArn: first.executionArn })).status).toBe("SUCCEEDED");
    const entered = await s.statesEntered(first.executionArn);
    // The first plan and the wake at the due date: plan reads the journey record, finds the newer
    // generation and ends the execution at once. (Executions on the earliest definition, which
    // never hand park's reason to plan, re-plan until their plan limit and then hand over: bounded.)
    expect(entered).toEqual(["Plan", "Await", "Plan", "Done"]);
    expect(await s.journey(id)).toMatchObject({ generation: 2, executionArn: second, status: "RUNNING", parked: true });
  });
});
