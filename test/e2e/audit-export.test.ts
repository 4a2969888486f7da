import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTeam, startTestSystem } from "../support/system";

/**
 * The data subject's right of access and the audit trail: an admin exports one participant's
 * data as JSON; every read of a participant's page, every export and every change of teams and
 * specialists is in the audit log, which admins read by period.
 */
let system: Awaited<ReturnType<typeof startTestSystem>>;

beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(() => system?.stop());

describe("export and audit", () => {
  it("exports everything stored about a participant, to admins only, and logs who read and exported what", async () => {
    const since = (await system.api.get("/local/clock")).body.now as string;
    const t = await seedTeam(system.api);
    const p = (await system.api.post("/participants", { code: "E.X.", teamId: t.team.id, specialistId: t.specialist.id, referredAt: "2026-10-01T10:00:00Z" })).body;
    await system.api.post(`/participants/${p.id}/events`, { type: "employer-contact", at: "2026-10-20T10:00:00Z", employer: "Kiwi" }, t.specialistToken, {
      "Idempotency-Key": "export-1",
    });
    await system.clock.settle();
    expect((await system.api.get(`/participants/${p.id}`, t.specialistToken)).status).toBe(200);
    expect((await system.api.get(`/participants/${p.id}`, t.teamToken)).status).toBe(200);

    expect((await system.api.get(`/participants/${p.id}/export`, t.specialistToken)).status).toBe(403);
    const exported = await system.api.get(`/participants/${p.id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body.participant).toMatchObject({ id: p.id, code: "E.X.", teamId: t.team.id });
    expect(exported.body.events).toEqual([expect.objectContaining({ type: "employer-contact", employer: "Kiwi" })]);
    expect(exported.body.journey).toMatchObject({ generation: 1 });
    expect(exported.body.journey).not.toHaveProperty("taskToken");
    expect(JSON.stringify(exported.body)).not.toMatch(/"pk"|"gsi1pk"/);

    const audit = await system.api.get(`/admin/audit?since=${encodeURIComponent(since)}`);
    expect(audit.status).toBe(200);
    const lines = (audit.body.entries as Array<{ actor: string; action: string; target: string; from: string; at: string }>).map(
      (e) => `${e.actor} ${e.action} ${e.target}`,
    );
    expect(lines).toEqual([
      `admin team.create ${t.team.id}`,
      `admin specialist.create ${t.specialist.id}`,
      `specialist:${t.specialist.id} participant.read ${p.id}`,
      `team:${t.team.id} participant.read ${p.id}`,
      `admin participant.export ${p.id}`,
    ]);
    expect(audit.body.entries.every((e: { from: string; at: string }) => e.from.length > 0 && e.at >= since)).toBe(true);
    // The audit log names ids, never a participant's code.
    expect(JSON.stringify(audit.body)).not.toContain("E.X.");
    expect((await system.api.get("/admin/audit", t.specialistToken)).status).toBe(403);
    expect((await system.api.get("/admin/audit?since=2020-01-01T00:00:00Z")).body.message).toMatch(/^since: /);
  });
});
