import { describe, expect, inject, it } from "vitest";
import { compare } from "../../bench/chaos/compare";
import { noFaults, simulate, type FaultRates } from "../../bench/chaos/simulate";

/**
 * `npm run chaos` in small: a caseload through the local runtime (its own process, killed with
 * SIGKILL and restarted twice) while Lambda tasks throw, SES throttles, requests arrive twice and
 * wakes are lost, compared with the fault-free run of the same seed. The rates are higher than
 * the benchmark's so that every kind of fault happens in a short run.
 */
const faults: FaultRates = { lambda: 0.1, ses: 0.2, duplicate: 0.1, wake: 0.25, kills: 2 };

describe("under faults", () => {
  it("records every event once, keeps every journey running once, sends every reminder and no email twice", { timeout: 300_000 }, async () => {
    const options = {
      participants: 24,
      days: 75,
      referralDays: 30,
      seed: 7,
      start: new Date("2027-01-04T06:00:00.000Z"),
      concurrency: 8,
      dynamodbEndpoint: inject("dynamodbEndpoint"),
      sesEndpoint: inject("sesEndpoint"),
    };
    const clean = await simulate({ ...options, faults: noFaults });
    const faulty = await simulate({ ...options, faults });

    // Not vacuous: the fault-free run reminded, mailed and summarised, and every fault happened.
    expect(clean.observed.reminders.length).toBeGreaterThan(50);
    expect(clean.observed.summaries.emails).toBeGreaterThan(5);
    expect(clean.injected.size).toBe(0);
    for (const kind of ["lambda-throw-before", "lambda-throw-after", "ses-throttle", "wake-lost"]) {
      expect(faulty.injected.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
    expect(faulty.client.duplicated).toBeGreaterThan(0);
    expect(faulty.kills).toHaveLength(2);

    const checks = compare(clean, faulty);
    const failed = checks.filter((check) => !check.ok).map((check) => `${check.what}: ${check.count}\n  ${(check.detail ?? []).slice(0, 5).join("\n  ")}`);
    expect(failed).toEqual([]);
  });
});
