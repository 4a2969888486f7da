import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { DescribeExecutionCommand } from "@aws-sdk/client-sfn";
import { seedTeam, startTestSystem } from "../support/system";
import { keys } from "../../adapters/dynamodb/keys";
import { queryAll } from "../../adapters/dynamodb/query";
import { getJourneyRecord } from "../../adapters/stepfunctions/journey-execution";
import { getParticipant } from "../../adapters/dynamodb/participants";

/**
 * The right to erasure (GDPR art. 17): an admin erases one participant. The journey stops for
 * good; the code, preferences, every event's details and the stored idempotent answers are gone;
 * no caseload or day list shows the participant; the team's past figures stay as they were.
 */
let system: Awaited<ReturnType<typeof startTestSystem>>;

beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(() => system?.stop());

const item = async (key: { pk: string; sk: string }) =>
  (await system.deps.db.send(new GetCommand({ TableName: system.deps.tableName, Key: key, ConsistentRead: true }))).Item;
const partition = (participantId: string) =>
  queryAll(system.deps, {
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.participant(participantId).pk },
    ConsistentRead: true,
  });

describe("erasure of one participant", () => {
  it("stops the journey, removes every personal detail and stored answer, and keeps the team's past figures", async () => {
    const since = (await system.api.get("/local/clock")).body.now as string;
    const t = await seedTeam(system.api);
    const create = { code: "E.R.", teamId: t.team.id, specialistId: t.specialist.id, referredAt: "2026-10-06T10:00:00Z", preferences: { jobs: ["Baker"] } };
    const p = (await system.api.post("/participants", create, "dev:admin", { "Idempotency-Key": "erase-create" })).body;
    // A replayed creation answers the same participant.
    expect((await system.api.post("/participants", create, "dev:admin", { "Idempotency-Key": "erase-create" })).body.id).toBe(p.id);
    const other = (await system.api.post("/participants", { ...create, code: "K.O.", preferences: undefined })).body;

    // The 30-day deadline for the first employer contact passes: the journey records it for the team.
    await system.api.advance({ to: "2026-11-10T12:00:00Z" });
    const event = (body: object, key: string) => system.api.post(`/participants/${p.id}/events`, body, t.specialistToken, { "Idempotency-Key": key });
    expect((await event({ type: "employer-contact", at: "2026-11-09T10:00:00Z", employer: "Kiwi", visit: 1 }, "erase-e1")).status).toBe(201);
    expect((await event({ type: "employer-contact", at: "2026-11-09T10:00:00Z", employer: "Kiwi", visit: 1 }, "erase-e1")).status).toBe(201);
    expect((await event({ type: "job-start", at: "2026-11-10T09:00:00Z", employer: "Rema", hoursPerWeek: 20, wage: "ordinary", temporary: false }, "erase-e2")).status).toBe(201);
    await system.api.advance({ to: "2026-11-12T12:00:00Z" });
    expect((await event({ type: "job-end", at: "2026-11-12T10:00:00Z", reason: "quit" }, "erase-e3")).status).toBe(201);
    await system.api.advance({ to: "2026-11-17T12:00:00Z" });

    const stored = await partition(p.id);
    expect(stored.filter((i) => String(i.sk).startsWith("MISSED#"))).toEqual([expect.objectContaining({ code: "E.R." })]);
    const idempotency = [keys.idempotency("participants", "erase-create"), ...["erase-e1", "erase-e2", "erase-e3"].map((k) => keys.idempotency(`events:${p.id}`, k))];
    for (const key of idempotency) expect(await item(key), key.pk).toBeDefined();
    const journey = await getJourneyRecord(system.deps, p.id);
    expect((await system.deps.sfn.send(new DescribeExecutionCommand({ executionArn: journey!.executionArn }))).status).toBe("RUNNING");
    const listed = async () => (await system.api.get(`/specialists/${t.specialist.id}/caseload`, t.specialistToken)).body.participants.map((x: { id: string }) => x.id);
    const onDay = async () => (await system.api.get(`/specialists/${t.specialist.id}/day`, t.specialistToken)).body.items.map((x: { participantId: string }) => x.participantId);
    expect(await listed()).toEqual(expect.arrayContaining([p.id, other.id]));
    expect(await onDay()).toContain(p.id);
    const summary = async () => (await system.api.get(`/teams/${t.team.id}/summary?week=2026-W46`)).body;
    const before = await summary();
    expect(before.employerContacts.total).toBe(1);
    expect(before.starts).toHaveLength(1);
    expect(before.ends).toHaveLength(1);

    // Admins only.
    expect((await system.api.call("DELETE", `/participants/${p.id}`, { token: t.specialistToken })).status).toBe(403);
    expect((await system.api.call("DELETE", `/participants/${p.id}`, { token: t.teamToken })).status).toBe(403);
    expect((await system.api.get(`/participants/${p.id}`)).status).toBe(200);

    const erased = await system.api.call("DELETE", `/participants/${p.id}`, { token: "dev:admin" });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ id: p.id, erasedAt: expect.any(String) });
    await system.clock.settle();

    // The journey is stopped and nothing starts it again.
    expect((await system.deps.sfn.send(new DescribeExecutionCommand({ executionArn: journey!.executionArn }))).status).toBe("ABORTED");
    await system.api.advance({ days: 2 });
    expect(await getJourneyRecord(system.deps, p.id)).toMatchObject({ generation: journey!.generation, erasedAt: erased.body.erasedAt });
    expect(await getJourneyRecord(system.deps, p.id)).not.toHaveProperty("taskToken");

    // Only the anonymous remains: no code, preferences, employer, reason or any other detail.
    const exported = await system.api.get(`/participants/${p.id}/export`);
    expect(exported.status).toBe(200);
    const text = JSON.stringify(exported.body);
    for (const secret of ["E.R.", "Kiwi", "Rema", "quit", "Baker", "ordinary", "erase-"]) expect(text).not.toContain(secret);
    expect(exported.body.participant).toMatchObject({ id: p.id, code: "—", teamId: t.team.id, erasedAt: erased.body.erasedAt });
    expect(exported.body.participant).not.toHaveProperty("preferences");
    expect(exported.body.events).toHaveLength(3);
    for (const e of exported.body.events) expect(Object.keys(e).sort()).toEqual(["at", "id", "participantId", "recordedAt", "type"]);
    expect(exported.body.missedDeadlines).toHaveLength(1);
    expect(exported.body.missedDeadlines[0]).not.toHaveProperty("code");
    const raw = await partition(p.id);
    expect(JSON.stringify(raw, (_k, v: unknown) => (v instanceof Set ? [...v] : v))).not.toMatch(/E\.R\.|Kiwi|Rema|quit|Baker|erase-/);
    expect(raw.find((i) => i.sk === "PROFILE")).not.toHaveProperty("gsi1pk");
    // The fold the summaries count from (stored deflated) is made of the remains only.
    const remains = (await getParticipant(system.deps, p.id))!.fold;
    expect(remains?.through).toBeDefined();
    expect(JSON.stringify(remains)).not.toMatch(/E\.R\.|Kiwi|Rema|quit|Baker|ordinary|erase-/);

    // The stored answers that held the code and the event bodies now only say "gone".
    for (const key of idempotency) {
      const stored = await item(key);
      expect(stored, key.pk).toMatchObject({ statusCode: 410, body: { message: "participant: erased", id: p.id } });
      expect(JSON.stringify(stored)).not.toMatch(/E\.R\.|Kiwi|Rema|quit|Baker/);
    }
    // A client replaying the referral's request is told, and registers nobody again.
    const replayed = await system.api.post("/participants", create, "dev:admin", { "Idempotency-Key": "erase-create" });
    expect(replayed.status).toBe(410);
    expect(replayed.body).toEqual({ message: "participant: erased", id: p.id });

    // Off the caseload and the day; the other participant stays.
    expect(await listed()).toEqual([other.id]);
    expect(await onDay()).not.toContain(p.id);
    const team = (await system.api.get(`/teams/${t.team.id}/participants`)).body;
    expect(team.participants.map((x: { id: string }) => x.id)).toEqual([other.id]);

    // The past week's figures are the same, without the code.
    const after = await summary();
    expect(JSON.stringify(after)).not.toContain("E.R.");
    for (const figure of ["participantsByPhase", "outcomes", "rapidJobSearch"] as const) expect(after[figure]).toEqual(before[figure]);
    expect(after.employerContacts.total).toBe(before.employerContacts.total);
    expect(after.employerContacts.perSpecialist.map((s: { count: number }) => s.count)).toEqual(before.employerContacts.perSpecialist.map((s: { count: number }) => s.count));
    expect(after.starts.map((s: { kind: string; at: string }) => [s.kind, s.at])).toEqual(before.starts.map((s: { kind: string; at: string }) => [s.kind, s.at]));
    expect(after.ends.map((s: { kind: string; at: string }) => [s.kind, s.at])).toEqual(before.ends.map((s: { kind: string; at: string }) => [s.kind, s.at]));

    // Gone for everyone else; a second erasure answers the same.
    for (const path of [`/participants/${p.id}`, `/participants/${p.id}/journey`]) {
      const res = await system.api.get(path);
      expect(res.status, path).toBe(410);
      expect(res.body.message).toBe("participant: erased");
    }
    const late = await event({ type: "participant-meeting", at: "2026-11-18T10:00:00Z" }, "erase-e4");
    expect(late.status).toBe(410);
    expect(late.body.message).toBe("participant: erased");
    expect(await system.api.call("DELETE", `/participants/${p.id}`, { token: "dev:admin" })).toEqual(erased);

    const audit = (await system.api.get(`/admin/audit?since=${encodeURIComponent(since)}`)).body.entries as Array<{ actor: string; action: string; target: string }>;
    expect(audit.filter((e) => e.action === "participant.erase").map((e) => `${e.actor} ${e.target}`)).toEqual([`admin ${p.id}`, `admin ${p.id}`]);
  });
});
