import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalSystem, type LocalSystem } from "../../local/system";
import { freePort } from "../../local/servers/ports";
import { apiClient } from "../support/system";

const dataDir = mkdtempSync(join(tmpdir(), "ipsflow-restart-"));
let system: LocalSystem | undefined;

afterAll(async () => {
  await system?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Like `npm start -- --data-dir DIR`: its own DynamoDB Local keeping data in the folder. */
async function boot(seed: boolean) {
  return startLocalSystem({
    dataDir,
    seed,
    speed: 0,
    start: new Date("2026-11-02T09:00:00Z"),
    ports: { api: 0, web: 0, stepFunctions: 0, ses: 0, dynamodb: await freePort() },
  });
}

describe("restart with a data folder", () => {
  // Two boots with a file-backed DynamoDB Local and a full demo seed: slow by nature, so a longer limit.
  it("seeds a believable demo once, keeps data, time and journeys across a restart", { timeout: 240_000 }, async () => {
    system = await boot(true);
    expect(system.seeded).toBe(true);
    const teams = (await apiClient(system.urls.api).get("/teams")).body.teams;
    expect(teams).toHaveLength(2);

    // Every phase is represented and no code looks like a name.
    const all = await collectParticipants(system);
    expect(all.length).toBeGreaterThanOrEqual(12);
    expect(new Set(all.map((p) => p.phase))).toEqual(new Set(["referral", "job-search", "placement", "follow-up", "paused", "exited"]));
    for (const p of all) expect(p.code).toMatch(/^([A-ZÆØÅ]\.){1,3}$|^P-\d{4}$/);

    await apiClient(system.urls.api).advance({ days: 10 });
    const before = await readAll(system);
    expect(Object.values(before.journeys).some((journey) => journey.status === "RUNNING" && journey.parked)).toBe(true);
    await system.stop();
    system = undefined;

    system = await boot(true);
    expect(system.seeded).toBe(false);
    const after = await readAll(system);
    // Time, teams, participants, their events and what their journeys recorded as come due, as they were.
    expect(after.now).toBe(before.now);
    expect(after.teams).toEqual(before.teams);
    expect(after.participants).toEqual(before.participants);
    // The engine kept no executions: each journey that ran was started again, at its next
    // generation, and planned and parked at the restart's instant; an ended one stays ended, its
    // execution no longer known to the engine.
    const resumed = (journey: Journey): Journey =>
      journey.status === "RUNNING"
        ? {
            ...journey,
            generation: journey.generation! + 1,
            executionArn: journey.executionArn!.replace(/-g\d+$/, `-g${journey.generation! + 1}`),
            startedAt: before.now,
            checkedInAt: before.now,
          }
        : { ...journey, status: "LOST" };
    expect(after.journeys).toEqual(Object.fromEntries(Object.entries(before.journeys).map(([id, journey]) => [id, resumed(journey)])));
  });
});

interface Journey {
  participantId: string;
  generation: number | null;
  executionArn?: string;
  status: string;
  startedAt?: string;
  checkedInAt?: string | null;
  parked?: boolean;
}

/** What a restart must keep, read as the API gives it, by team and participant id. */
async function readAll(system: LocalSystem) {
  const api = apiClient(system.urls.api);
  const read = async (path: string) => {
    const res = await api.get(path);
    expect(res.status, path).toBe(200);
    return res.body;
  };
  const teams: Record<string, unknown> = {};
  for (const { id } of (await read("/teams")).teams as Array<{ id: string }>) teams[id] = await read(`/teams/${id}`);
  const participants: Record<string, unknown> = {};
  const journeys: Record<string, Journey> = {};
  for (const { id } of await collectParticipants(system)) {
    // The export holds the stored events and the journey's records; its copy of the profile also
    // holds when the state was last evaluated, which a plan after the restart may refresh.
    const { events, dueRecords, missedDeadlines } = await read(`/participants/${id}/export`);
    participants[id] = { view: await read(`/participants/${id}`), events, dueRecords, missedDeadlines };
    journeys[id] = await read(`/participants/${id}/journey`);
  }
  return { now: (await api.call("GET", "/local/clock")).body.now as string, teams, participants, journeys };
}

async function collectParticipants(system: LocalSystem) {
  const { listTeams } = await import("../../adapters/dynamodb/teams");
  const { listTeamParticipants } = await import("../../adapters/dynamodb/participants");
  const out = [];
  for (const team of await listTeams(system.deps)) out.push(...(await listTeamParticipants(system.deps, team.id)));
  return out;
}
