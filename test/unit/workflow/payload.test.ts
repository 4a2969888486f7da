import { describe, expect, it } from "vitest";
import { parkInputSchema, planInputSchema } from "../../../core/wake/journey-payload";

/**
 * A running execution keeps its definition while Lambda code is replaced under it: the payloads
 * it passes must stay readable by the handlers deployed later, and the reverse for a rollback.
 */
describe("journey payload compatibility", () => {
  const context = { executionArn: "arn:aws:states:eu-north-1:000000000000:execution:j:01ABC-g1", executionStartedAt: "2026-11-02T09:00:00Z" };

  it("accepts the input an execution starts with (no plan done yet)", () => {
    const parsed = planInputSchema.parse({ state: { version: 1, participantId: "01ABC", generation: 1 }, ...context });
    expect(parsed.state.iteration).toBe(0);
  });

  it("accepts a state written by a newer handler with fields it does not know", () => {
    const parsed = parkInputSchema.parse({
      state: { version: 1, participantId: "01ABC", generation: 3, iteration: 4, action: "await", waitSeconds: 60, plannedVersion: 7, addedLater: { x: 1 } },
      taskToken: "t",
    });
    expect(parsed.state).toMatchObject({ generation: 3, plannedVersion: 7 });
  });

  it("reads the timeout the current definition catches into the state, and a state without it from the earlier one", () => {
    const state = { version: 1, participantId: "01ABC", generation: 2, iteration: 3, action: "await", waitSeconds: 60, plannedVersion: 5 };
    const timedOut = planInputSchema.parse({ state: { ...state, timedOut: { Error: "States.Timeout", Cause: "" } }, ...context });
    expect(timedOut.state.timedOut).toEqual({ Error: "States.Timeout", Cause: "" });
    // Earlier executions went Await → Record → Plan: no timeout reaches plan, and nothing is recorded twice.
    expect(planInputSchema.parse({ state, ...context }).state.timedOut).toBeUndefined();
    // What woke the await reaches plan under the current definition only.
    expect(planInputSchema.parse({ state: { ...state, wake: { woken: "employer-contact" } }, ...context }).state.wake).toEqual({ woken: "employer-contact" });
  });

  it("refuses a payload version it cannot read, naming it", () => {
    const result = planInputSchema.safeParse({ state: { version: 99, participantId: "01ABC", generation: 1 }, ...context });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain("version");
  });
});
