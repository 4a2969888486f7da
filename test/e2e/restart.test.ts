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
    let api = apiClient(system.urls.api);
    const teams = (await api.get("/teams")).body.teams;
    expect(teams).toHaveLength(2);
    for (const team of teams) expect((await api.get(`/teams/${team.id}`)).status).toBe(200);

    // Every phase is represented and no code looks like a name.
    const all = await collectParticipants(system);
    expect(all.length).toBeGreaterThanOrEqual(12);
    expect(new Set(all.map((p) => p.phase))).toEqual(new Set(["referral", "job-search", "placement", "follow-up", "paused", "exited"]));
    for (const p of all) expect(p.code).toMatch(/^([A-ZÆØÅ]\.){1,3}$|^P-\d{4}$/);

    await api.advance({ days: 10 });
    const movedTo = (await api.call("GET", "/local/clock")).body.now;
    const someone = all.find((p) => p.phase === "follow-up")!;
    await system.stop();
    system = undefined;

    system = await boot(true);
    expect(system.seeded).toBe(false);
    api = apiClient(system.urls.api);
    expect((await api.get("/teams")).body.teams).toHaveLength(2);
    expect(new Date((await api.call("GET", "/local/clock")).body.now).getTime()).toBeGreaterThanOrEqual(new Date(movedTo).getTime());
    const after = await api.get(`/participants/${someone.id}`);
    expect(after.body.events.length).toBeGreaterThan(0);
    const journey = await api.get(`/participants/${someone.id}/journey`);
    expect(journey.body.status).toBe("RUNNING");
  });
});

async function collectParticipants(system: LocalSystem) {
  const { listTeams } = await import("../../adapters/dynamodb/teams");
  const { listTeamParticipants } = await import("../../adapters/dynamodb/participants");
  const out = [];
  for (const team of await listTeams(system.deps)) out.push(...(await listTeamParticipants(system.deps, team.id)));
  return out;
}
