import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTeam, startTestSystem } from "../support/system";

/**
 * Malformed and hostile requests to every route, generated (fast-check): wrong types, huge strings,
 * unknown fields, ids of every length and alphabet, future dates, other teams' participants,
 * script tags and control characters, replayed and conflicting idempotency keys. None may get a
 * 5xx or a dropped connection; every 4xx says what is wrong; and only the requests the API
 * accepted changed anything.
 */
let system: Awaited<ReturnType<typeof startTestSystem>>;
let team: Awaited<ReturnType<typeof seedTeam>>;
let other: Awaited<ReturnType<typeof seedTeam>>;
let participantId: string;
let othersParticipantId: string;
let employerId: string;

beforeAll(async () => {
  system = await startTestSystem();
  [team, other] = [await seedTeam(system.api), await seedTeam(system.api)];
  const refer = async (t: typeof team) =>
    (await system.api.post("/participants", { code: "B.I.", teamId: t.team.id, specialistId: t.specialist.id, referredAt: "2026-10-01T10:00:00Z" })).body.id as string;
  participantId = await refer(team);
  othersParticipantId = await refer(other);
  employerId = (await system.api.post("/employers", { name: "Bakeriet B", sector: "retail", municipality: "Oslo", specialistId: team.specialist.id })).body.id;
});
afterAll(() => system?.stop());

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ minLength: 2_000, maxLength: 20_000 }),
  fc.constantFrom("<script>alert(1)</script>", "K.L.\u0000", "\u202eL.K", "Kari Nordmann", "'; DROP TABLE x; --", "../../etc/passwd", "%00", "\n\r\t"),
);
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileText, fc.constant(undefined));
const isoish = fc.oneof(
  fc.date({ min: new Date("1900-01-01"), max: new Date("2200-01-01"), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom("2026-13-01T00:00:00Z", "yesterday", "2027-01-01T00:00:00Z", "", "0"),
  hostileText,
);
const validEvent = fc.constantFrom<Record<string, unknown>>(
  { type: "employer-contact", employer: "Kiwi" },
  { type: "participant-meeting" },
  { type: "follow-up-contact", with: "participant" },
  { type: "job-end", reason: "quit" },
  { type: "exit", reason: "moved" },
  { type: "pause", until: "2026-12-20T10:00:00Z" },
  { type: "job-offer", employer: "Rema", startsAt: "2026-12-01T08:00:00Z" },
);
/** A plausible body with one field broken, one added, or the whole of it replaced. */
const mutated = (base: fc.Arbitrary<Record<string, unknown>>) =>
  fc.oneof(
    fc.tuple(base, fc.string({ maxLength: 12 }), anyValue).map(([body, key, value]) => ({ ...body, [key]: value })),
    fc.tuple(base, fc.constantFrom("type", "at", "employer", "code", "teamId", "specialistId", "referredAt", "name", "emails", "jobId"), anyValue).map(
      ([body, key, value]) => ({ ...body, [key]: value }),
    ),
    anyValue,
  );

type Request = { method: "GET" | "POST"; path: string; body?: unknown; raw?: string; token: string; key?: string };

/** Header values a client can send at all (fetch refuses control characters in headers). */
const headerText = fc.oneof(fc.stringMatching(/^[\x20-\x7e]{0,60}$/), fc.stringMatching(/^[a-z]{300,1000}$/), fc.constant(""));

const tokens = () => fc.constantFrom("dev:admin", team.specialistToken, other.specialistToken, team.teamToken, "dev:specialist:" + "x".repeat(70), "garbage", "");
const anyId = () =>
  fc.oneof(
    fc.constantFrom(participantId, othersParticipantId, team.team.id, team.specialist.id),
    fc.string({ maxLength: 80 }),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }),
    fc.string({ minLength: 65, maxLength: 6_000 }),
  );

const requests = (): fc.Arbitrary<Request> =>
  fc.oneof(
    fc.record({
      method: fc.constant("POST" as const),
      path: fc.constant(`/participants/${participantId}/events`),
      body: mutated(fc.tuple(validEvent, isoish).map(([event, at]) => ({ ...event, at }))),
      token: tokens(),
      key: fc.oneof(fc.constantFrom("k-1", "k-2", "k-3"), fc.uuid(), headerText, fc.constant(undefined)),
    }),
    fc.record({
      method: fc.constant("POST" as const),
      path: anyId().map((id) => `/participants/${encodeURIComponent(id)}/events`),
      body: mutated(validEvent.map((event) => ({ ...event, at: "2026-10-20T10:00:00Z" }))),
      token: tokens(),
      key: fc.uuid(),
    }),
    fc.record({
      method: fc.constant("POST" as const),
      path: fc.constantFrom("/teams", "/specialists", "/participants"),
      body: mutated(
        fc.constantFrom<Record<string, unknown>>(
          { name: "Team X", emails: ["x@example.org"] },
          { name: "S X", email: "s@example.org", teamIds: [team.team.id] },
          { code: "Q.Q.", teamId: team.team.id, specialistId: team.specialist.id, referredAt: "2026-10-01T10:00:00Z" },
        ),
      ),
      token: tokens(),
      key: fc.option(fc.oneof(fc.uuid(), headerText), { nil: undefined }),
    }),
    fc.record({
      method: fc.constant("POST" as const),
      path: fc.constantFrom("/teams", `/participants/${participantId}/events`),
      raw: fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom("{", "null", "[]", '{"type":', "\u0000")),
      token: fc.constant("dev:admin"),
      key: fc.uuid(),
    }),
    fc.record({
      method: fc.constant("GET" as const),
      path: fc.oneof(
        anyId().map((id) => `/participants/${encodeURIComponent(id)}`),
        anyId().map((id) => `/participants/${encodeURIComponent(id)}/journey`),
        anyId().map((id) => `/specialists/${encodeURIComponent(id)}/caseload`),
        anyId().map((id) => `/specialists/${encodeURIComponent(id)}/day`),
        anyId().map((id) => `/teams/${encodeURIComponent(id)}/participants`),
        fc.tuple(anyId(), hostileText).map(([id, week]) => `/teams/${encodeURIComponent(id)}/summary?week=${encodeURIComponent(week)}`),
        hostileText.map((week) => `/teams/${team.team.id}/summary/preview?week=${encodeURIComponent(week)}`),
        isoish.map((since) => `/admin/email-events?since=${encodeURIComponent(since)}`),
        anyId().map((id) => `/employers?specialistId=${encodeURIComponent(id)}`),
        anyId().map((id) => `/employers/${encodeURIComponent(id)}`),
        fc.tuple(anyId(), hostileText).map(([id, quarter]) => `/teams/${encodeURIComponent(id)}/fidelity?quarter=${encodeURIComponent(quarter)}`),
        fc
          .tuple(hostileText, fc.option(anyId(), { nil: undefined }), fc.constantFrom("json", "csv", "pdf", ""))
          .map(([quarter, teamId, format]) => `/reports/outcomes?quarter=${encodeURIComponent(quarter)}${teamId ? `&teamId=${encodeURIComponent(teamId)}` : ""}&format=${format}`),
        fc
          .tuple(hostileText, hostileText, fc.option(anyId(), { nil: undefined }))
          .map(([quarter, count, teamId]) => `/reports/outcomes/quarters?quarter=${encodeURIComponent(quarter)}&count=${encodeURIComponent(count)}${teamId ? `&teamId=${encodeURIComponent(teamId)}` : ""}`),
        fc
          .tuple(anyId(), fc.constantFrom("interval", "end", "", "x"), isoish, isoish, fc.constantFrom("pdf", "html", "csv"))
          .map(
            ([id, kind, from, to, format]) =>
              `/participants/${encodeURIComponent(id)}/report?kind=${kind}&from=${encodeURIComponent(from.slice(0, 10))}&to=${encodeURIComponent(to)}&format=${format}`,
          ),
      ),
      token: tokens(),
    }),
    fc.record({
      method: fc.constant("POST" as const),
      path: fc.constantFrom("/employers", `/employers/${employerId}/contacts`),
      body: mutated(
        fc.constantFrom<Record<string, unknown>>(
          { name: "Kafé X", orgNumber: "923609016", sector: "hospitality", municipality: "Oslo", specialistId: team.specialist.id },
          { at: "2026-10-20T10:00:00Z", mode: "face-to-face", decisionMaker: true, stage: 1 },
          { at: "2026-10-20T10:00:00Z", mode: "phone", decisionMaker: false, participantId },
        ),
      ),
      token: tokens(),
      key: fc.option(fc.oneof(fc.uuid(), headerText), { nil: undefined }),
    }),
  );

describe("bad input of every kind", () => {
  it("never gets a 5xx or a dropped connection; every 4xx names the problem; only accepted requests change data", async () => {
    const eventsOf = async (id: string) => (await system.api.get(`/participants/${id}`)).body.events.length as number;
    const before = { own: await eventsOf(participantId), others: await eventsOf(othersParticipantId) };
    const accepted = { own: new Set<string>(), others: new Set<string>() };
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requests(), async (request) => {
        const headers: Record<string, string> = {};
        if (request.key !== undefined) headers["idempotency-key"] = request.key;
        const res = await system.api.call(request.method, request.path, {
          token: request.token || undefined,
          body: request.raw ?? request.body,
          headers,
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, `${request.method} ${request.path.slice(0, 120)}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(typeof res.body?.message, JSON.stringify(res.body)?.slice(0, 200)).toBe("string");
          expect(res.body.message.length).toBeGreaterThan(0);
          if (res.status === 400) expect(res.body.message).toMatch(/^([\w.\-[\] ]+|\(body\)): /);
        }
        if (res.status === 201 && request.path === `/participants/${participantId}/events`) accepted.own.add(request.key!);
        // A contact with an employer about a job seeker is that participant's event too (same key scope).
        const about = (request.body as { participantId?: unknown } | undefined)?.participantId;
        if (res.status === 201 && request.path === `/employers/${employerId}/contacts` && about === participantId) accepted.own.add(request.key!);
        if (res.status === 201 && request.path === `/employers/${employerId}/contacts` && about === othersParticipantId) accepted.others.add(request.key!);
        if (res.status === 201 && request.path === `/participants/${othersParticipantId}/events`) {
          // Only an admin, or that participant's own specialist, may write there.
          expect(request.token).toMatch(/^dev:admin$|^dev:specialist:/);
          expect(request.token).not.toBe(team.specialistToken);
          accepted.others.add(request.key!);
        }
      }),
      { numRuns: 600, seed: 20261202 },
    );
    // Every kind of answer came up, and no more events were stored than were accepted.
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([400, 401, 403, 404]));
    expect((await eventsOf(participantId)) - before.own).toBe(accepted.own.size);
    expect((await eventsOf(othersParticipantId)) - before.others).toBe(accepted.others.size);
  });
});
