import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSystem, seedTeam } from "../support/system";
import { executionName, journeyInput } from "../../shared/workflow/journey-execution";
import { oslo, scenario, type TestSystem } from "./scenario";

/**
 * Two generations of one journey running at once (a newer one started while the older one still
 * ran): the newer one owns the journey, and the older one ends when it next wakes instead of
 * planning again and again.
 */

let system: TestSystem;
let s: ReturnType<typeof scenario>;

beforeAll(async () => {
  system = await startTestSystem({ start: new Date(oslo("2026-11-02T10:00")) });
  s = scenario(system);
});
afterAll(() => system?.stop());

describe("a superseded generation", () => {
  it("ends at its next wake, and the newer generation keeps the journey", async () => {
    const team = await seedTeam(system.api);
    const id = await s.refer(team, "S.G.");
    const first = await s.journey(id);
    const { executionArn: second } = await system.stepFunctions.startExecution({
      stateMachineArn: system.stateMachines.journey,
      name: executionName(id, 2),
      input: JSON.stringify(journeyInput(id, 2)),
    });
    await s.advanceTo("2026-11-02T10:05");
    expect(await s.journey(id)).toMatchObject({ generation: 2, executionArn: second, parked: true });

    // Both wake when the 30-day deadlines come due.
    await s.advanceTo("2026-12-03T10:00");
    const older = await system.stepFunctions.describeExecution({ executionArn: first.executionArn });
    expect(older.status).toBe("SUCCEEDED");
    const history = (await system.stepFunctions.getExecutionHistory({ executionArn: first.executionArn, maxResults: 1000 })).events as unknown as Array<{
      type: string;
      stateEnteredEventDetails?: { name?: string };
    }>;
    const plans = history.filter((event) => event.stateEnteredEventDetails?.name === "Plan").length;
    // The first plan, the wake at the due date, and the one that learns it was superseded.
    expect(plans).toBeLessThanOrEqual(3);
    expect(history.some((event) => event.stateEnteredEventDetails?.name === "Continue")).toBe(false);
    expect(await s.journey(id)).toMatchObject({ generation: 2, executionArn: second, status: "RUNNING", parked: true });
  });
});
