import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { capturedMail } from "../support/deps";
import { expectNoPersonalData } from "../support/privacy";
import { digestOn, oslo, useWorkflowSystem } from "./scenario";

/**
 * Health data is special-category personal data: the emails and the log output of a whole
 * journey carry participant codes only. A reason for an exit or a job end is where a specialist
 * might write health detail, so reasons are codes: the scenario tries diagnosis and treatment
 * words there, which the API refuses, and checks that no digest, no team summary and no line the
 * system wrote repeats them.
 */

const output: string[] = [];

/** What a specialist might type into a reason field. None of it may leave the event log. */
const EXIT_REASON = "Innlagt med psykose, diagnose schizofreni";
const JOB_END_REASON = "Sykmeldt for depresjon, ny medisinering";
const HEALTH_WORDS = ["diagnose", "schizofreni", "psykose", "depresjon", "medisinering", "innlagt", "sykmeldt", EXIT_REASON, JOB_END_REASON];

beforeAll(async () => {
  // The journey's check-in metric lines go to stdout, so the captured output is not empty.
  vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "false");
  const capture =
    (write: typeof process.stdout.write) =>
    (chunk: unknown, ...rest: unknown[]) => {
      output.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    };
  vi.spyOn(process.stdout, "write").mockImplementation(capture(process.stdout.write.bind(process.stdout)) as typeof process.stdout.write);
  vi.spyOn(process.stderr, "write").mockImplementation(capture(process.stderr.write.bind(process.stderr)) as typeof process.stderr.write);
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void output.push(args.map(String).join(" ")));
  }
});
afterAll(() => vi.restoreAllMocks());
// Started once the output is captured, so that nothing the system writes escapes the check.
const { system, s, seedTeam } = useWorkflowSystem({ start: "2026-11-02T10:00", log: (line) => output.push(line) });
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("privacy", () => {
  it("no full name, diagnosis or treatment word in any email or log line of a journey", async () => {
    const team = await seedTeam();
    // Referred five weeks ago: the deadlines are overdue, so digests go out every working morning.
    const id = await s.refer(team, "K.L.", oslo("2026-09-28T10:00"));
    const other = await s.refer(team, "P-0193");
    await s.record(team, id, { type: "employer-contact", employer: "Kiwi Majorstuen", visit: 1 });
    await s.record(team, id, { type: "job-start", employer: "Kiwi Majorstuen", hoursPerWeek: 8, wage: "subsidised", temporary: true });
    await s.advanceTo("2026-11-04T10:00");
    const refused = await system().api.post(`/participants/${id}/events`, { type: "job-end", at: oslo("2026-11-04T10:00"), reason: JOB_END_REASON }, team.specialistToken, {
      "Idempotency-Key": "free-text-job-end",
    });
    expect(refused.status).toBe(400);
    await s.record(team, id, { type: "job-end", reason: "dismissed" });
    await s.record(team, other, { type: "pause" });
    await s.advanceTo("2026-11-06T10:00");
    const refusedExit = await system().api.post(`/participants/${other}/events`, { type: "exit", at: oslo("2026-11-06T10:00"), reason: EXIT_REASON }, team.specialistToken, {
      "Idempotency-Key": "free-text-exit",
    });
    expect(refusedExit.status).toBe(400);
    expect(JSON.stringify(refusedExit.body)).not.toContain("schizofreni");
    await s.record(team, other, { type: "exit", reason: "transferred" });
    // Three weeks of digests for the specialist; two Monday summaries for the team (weeks 46 and 47:
    // a team gets none for the week it was created in).
    await s.advanceTo("2026-11-23T10:00");

    const digests = await capturedMail(team.specialist.email);
    const summaries = await capturedMail(team.team.emails[0]);
    expect(digests.length).toBeGreaterThanOrEqual(10);
    expect(summaries.length).toBe(2);
    // The digests do name the participant, by code and a link only.
    expect((await digestOn(team, "2026-11-05"))!.body.text).toContain("K.L.");

    for (const mail of digests) {
      expectNoPersonalData(`${mail.subject}\n${mail.body.text}\n${mail.body.html}`, [...HEALTH_WORDS, team.specialist.name, team.team.name]);
    }
    // The team's own summary names the team and its specialists (staff, not participants), and says
    // "behandlingsteamets møte"; it must not carry what was typed about a participant's health.
    for (const mail of summaries) {
      expectNoPersonalData(`${mail.subject}\n${mail.body.text}\n${mail.body.html}`, HEALTH_WORDS);
    }

    const log = output.join("\n");
    expect(log).toContain("JourneyCheckIn");
    expectNoPersonalData(log, [...HEALTH_WORDS, "K.L.", "P-0193", "Kiwi Majorstuen", team.specialist.email]);
  });
});
