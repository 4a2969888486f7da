import { describe, expect, it } from "vitest";
import { addQuarters, parseQuarter, quarterBounds, quarterOf, quarterSchema, quartersUpTo } from "../../../core/calendar/quarters";

const oslo = "Europe/Oslo";

describe("quarters in the deployment's zone", () => {
  it("run from local midnight on the first day to local midnight on the next quarter's first day", () => {
    expect(quarterBounds("2026-Q4", oslo)).toEqual({ start: "2026-09-30T22:00:00.000Z", end: "2026-12-31T23:00:00.000Z" });
    expect(quarterBounds("2027-Q1", oslo)).toEqual({ start: "2026-12-31T23:00:00.000Z", end: "2027-03-31T22:00:00.000Z" });
  });

  it("put an instant in the quarter of its local date", () => {
    // 23:30 UTC on 30 September is 01:30 on 1 October in Oslo.
    expect(quarterOf("2026-09-30T23:30:00Z", oslo)).toBe("2026-Q4");
    expect(quarterOf("2026-09-30T21:30:00Z", oslo)).toBe("2026-Q3");
  });

  it("count across years", () => {
    expect(addQuarters("2026-Q4", 1)).toBe("2027-Q1");
    expect(addQuarters("2026-Q1", -1)).toBe("2025-Q4");
    expect(quartersUpTo("2026-Q4", 8)).toEqual(["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
  });

  it("refuse what is not a quarter", () => {
    expect(quarterSchema.safeParse("2026-Q5").success).toBe(false);
    expect(quarterSchema.safeParse("2026Q4").success).toBe(false);
    expect(() => parseQuarter("Q4-2026")).toThrow();
  });
});
