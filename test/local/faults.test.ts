import { describe, expect, it } from "vitest";
import { FaultInjector, faultyLambda, parseFaultPlan, type InjectedFault } from "../../local/faults";

describe("the fault plan (npm start -- --faults ...)", () => {
  it("reads rates and a seed, each part optional", () => {
    expect(parseFaultPlan("lambda=0.1,ses=0.05,wake=0.02,seed=7")).toEqual({ lambda: 0.1, ses: 0.05, wake: 0.02, seed: 7 });
    expect(parseFaultPlan("ses=1")).toEqual({ lambda: 0, ses: 1, wake: 0, seed: 1 });
  });

  it("names the part that is wrong", () => {
    expect(() => parseFaultPlan("lambda=2")).toThrow(/^--faults: lambda: /);
    expect(() => parseFaultPlan("sqs=0.1")).toThrow(/^--faults: sqs: unknown/);
    expect(() => parseFaultPlan("lambda")).toThrow(/"lambda" must read name=value/);
    expect(() => parseFaultPlan("seed=1.5")).toThrow(/^--faults: seed: /);
  });
});

describe("the fault injector", () => {
  it("strikes at about its rate, the same calls for the same seed, and reports each fault", () => {
    const strikes = (seed: number) => {
      const reported: InjectedFault[] = [];
      const faults = new FaultInjector(parseFaultPlan(`ses=0.1,seed=${seed}`), (fault) => reported.push(fault));
      const hits = Array.from({ length: 10_000 }, (_, i) => faults.strikes(faults.plan.ses, "ses-throttle", `send ${i}`) !== undefined);
      return { hits, reported, counted: faults.counts.get("ses-throttle") };
    };
    const a = strikes(3);
    const rate = a.hits.filter(Boolean).length / a.hits.length;
    expect(rate).toBeGreaterThan(0.09);
    expect(rate).toBeLessThan(0.11);
    expect(a.reported).toHaveLength(a.hits.filter(Boolean).length);
    expect(a.counted).toBe(a.reported.length);
    expect(strikes(3).hits).toEqual(a.hits);
    expect(strikes(4).hits).not.toEqual(a.hits);
  });

  it("fails a Lambda task before it runs (nothing happened) or after (it happened, the answer is lost)", async () => {
    const faults = new FaultInjector(parseFaultPlan("lambda=1,seed=5"));
    let ran = 0;
    const task = faultyLambda("journey-plan", async () => ++ran, faults);
    const outcomes = [];
    for (let i = 0; i < 40; i++) outcomes.push(await task({}).then(() => "answered", (error: Error) => error.name));
    const before = outcomes.filter((o) => o === "Lambda.ServiceException").length;
    const after = outcomes.filter((o) => o === "Sandbox.Timedout").length;
    expect(before + after).toBe(40);
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(0);
    // Only the faults after the function ran let it run.
    expect(ran).toBe(after);
    expect(await faultyLambda("journey-plan", async () => "ok", new FaultInjector(parseFaultPlan("lambda=0")))({})).toBe("ok");
  });
});
