import { describe, expect, it } from "vitest";
import { ruleOverridesSchema } from "../../../core/config/deployment";
import { defaultRules, placementDays, resolveRules, ruleSources } from "../../../core/journey/rules";

describe("journey rules", () => {
  it("defaults follow the IPS method", () => {
    expect(defaultRules).toEqual({
      firstEmployerContactDays: 30,
      benefitsCounsellingDays: 30,
      benefitsCounsellingChangeDays: 14,
      preStartContactDays: 7,
      jobDevelopmentIntervalDays: 7,
      jobStartFollowUpDays: 3,
      placementFollowUpIntervalDays: 7,
      placementWeeks: 4,
      followUpIntervalDays: 30,
      jobLossFollowUpDays: 3,
      outreachDays: 30,
      pauseReviewDays: 30,
      upcomingDeadlineWindowDays: 7,
    });
    expect(placementDays(defaultRules)).toBe(28);
  });

  it("every rule is tunable under the deployment config's field name, and names its source", () => {
    expect(Object.keys(defaultRules).sort()).toEqual(Object.keys(ruleOverridesSchema.shape).sort());
    for (const name of Object.keys(defaultRules)) expect(ruleSources[name as keyof typeof ruleSources]).toMatch(/IPS principle|fidelity/);
  });

  it("overrides replace only the fields they set", () => {
    expect(resolveRules()).toEqual(defaultRules);
    expect(resolveRules({})).toEqual(defaultRules);
    expect(resolveRules({ firstEmployerContactDays: 21, placementWeeks: 6 })).toEqual({ ...defaultRules, firstEmployerContactDays: 21, placementWeeks: 6 });
  });

  it("rejects overrides the deployment schema would reject", () => {
    expect(() => resolveRules({ outreachDays: 0 })).toThrow();
    expect(() => resolveRules({ unknownRule: 3 } as never)).toThrow();
  });

  it("the defaults cannot be changed by a caller", () => {
    const rules = resolveRules();
    rules.firstEmployerContactDays = 1;
    expect(defaultRules.firstEmployerContactDays).toBe(30);
    expect(Object.isFrozen(defaultRules)).toBe(true);
  });
});
