import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTeam, startTestSystem } from "../support/system";

/**
 * Every route against every role: admin, the specialist of the caseload and one of another, a
 * member of the team and one of another team, no token, a malformed token. Each denied call is a
 * 401 or 403 that reveals nothing of the record; each allowed one works.
 */
let system: Awaited<ReturnType<typeof startTestSystem>>;
let a: Awaited<ReturnType<typeof seedTeam>>;
let b: Awaited<ReturnType<typeof seedTeam>>;
let participantId: string;

type Who = "admin" | "specialist" | "otherSpecialist" | "team" | "otherTeam" | "none" | "malformed";
const everyone: Who[] = ["admin", "specialist", "otherSpecialist", "team", "otherTeam", "none", "malformed"];

beforeAll(async () => {
  system = await startTestSystem();
  [a, b] = [await seedTeam(system.api), await seedTeam(system.api)];
  participantId = (
    await system.api.post("/participants", { code: "A.X.", teamId: a.team.id, specialistId: a.specialist.id, referredAt: "2026-10-01T10:00:00Z" })
  ).body.id;
});
afterAll(() => system?.stop());

const token = (who: Who): string | undefined =>
  ({
    admin: "dev:admin",
    specialist: a.specialistToken,
    otherSpecialist: b.specialistToken,
    team: a.teamToken,
    otherTeam: b.teamToken,
    none: undefined,
    malformed: "dev:specialist:",
  })[who];

let n = 0;
/** The routes, who may call each, and a call that works for those who may. */
const routes = (): Array<{ route: string; allowed: Who[]; call: (who: Who) => Promise<{ status: number; body: unknown }> }> => {
  const get = (path: string) => (who: Who) => system.api.call("GET", path, { token: token(who) });
  const post = (path: string, body: () => unknown) => (who: Who) =>
    system.api.call("POST", path, { token: token(who), body: body(), headers: { "idempotency-key": `access-${++n}` } });
  return [
    { route: "GET /openapi.json", allowed: everyone, call: get("/openapi.json") },
    { route: "GET /teams", allowed: ["admin", "specialist", "otherSpecialist", "team", "otherTeam"], call: get("/teams") },
    { route: "POST /teams", allowed: ["admin"], call: post("/teams", () => ({ name: `T ${n}`, emails: ["t@example.org"] })) },
    { route: "GET /teams/{id}", allowed: ["admin", "specialist", "team"], call: get(`/teams/${a.team.id}`) },
    { route: "GET /teams/{id}/participants", allowed: ["admin", "team"], call: get(`/teams/${a.team.id}/participants`) },
    { route: "GET /teams/{id}/summary", allowed: ["admin", "team"], call: get(`/teams/${a.team.id}/summary`) },
    { route: "GET /teams/{id}/summary/preview", allowed: ["admin", "team"], call: get(`/teams/${a.team.id}/summary/preview`) },
    { route: "GET /specialists", allowed: ["admin"], call: get("/specialists") },
    { route: "POST /specialists", allowed: ["admin"], call: post("/specialists", () => ({ name: `S ${n}`, email: `s${n}@example.org`, teamIds: [a.team.id] })) },
    { route: "GET /specialists/{id}/caseload", allowed: ["admin", "specialist"], call: get(`/specialists/${a.specialist.id}/caseload`) },
    { route: "GET /specialists/{id}/day", allowed: ["admin", "specialist"], call: get(`/specialists/${a.specialist.id}/day`) },
    {
      route: "POST /participants",
      allowed: ["admin", "specialist"],
      call: post("/participants", () => ({ code: "N.N.", teamId: a.team.id, specialistId: a.specialist.id, referredAt: "2026-10-01T10:00:00Z" })),
    },
    { route: "GET /participants/{id}", allowed: ["admin", "specialist", "team"], call: get(`/participants/${participantId}`) },
    { route: "GET /participants/{id}/journey", allowed: ["admin", "specialist", "team"], call: get(`/participants/${participantId}/journey`) },
    {
      route: "POST /participants/{id}/events",
      allowed: ["admin", "specialist"],
      call: post(`/participants/${participantId}/events`, () => ({ type: "participant-meeting", at: "2026-10-20T10:00:00Z" })),
    },
    { route: "GET /participants/{id}/export", allowed: ["admin"], call: get(`/participants/${participantId}/export`) },
    { route: "GET /admin/email-events", allowed: ["admin"], call: get("/admin/email-events") },
    { route: "GET /admin/audit", allowed: ["admin"], call: get("/admin/audit") },
    {
      // Each call erases a participant of its own, so that the other routes keep theirs.
      route: "DELETE /participants/{id}",
      allowed: ["admin"],
      call: async (who: Who) => {
        const victim = (
          await system.api.post("/participants", { code: "D.X.", teamId: a.team.id, specialistId: a.specialist.id, referredAt: "2026-10-01T10:00:00Z" })
        ).body.id as string;
        return system.api.call("DELETE", `/participants/${victim}`, { token: token(who) });
      },
    },
  ];
};

describe("access, route by route and role by role", () => {
  it("allows exactly the roles each route names; a denial is 401 or 403 and reveals nothing of the record", async () => {
    const outcomes: string[] = [];
    for (const { route, allowed, call } of routes()) {
      for (const who of everyone) {
        const res = await call(who);
        const allowedHere = allowed.includes(who);
        outcomes.push(`${route} ${who} ${res.status}`);
        if (allowedHere) {
          expect(res.status, `${route} as ${who}`).toBeGreaterThanOrEqual(200);
          expect(res.status, `${route} as ${who}`).toBeLessThan(300);
          continue;
        }
        expect(res.status, `${route} as ${who}`).toBe(who === "none" || who === "malformed" ? 401 : 403);
        // Nothing but the reason: no code, no id, no name of the record asked for.
        expect(Object.keys(res.body as object), `${route} as ${who}`).toEqual(["message"]);
        const text = JSON.stringify(res.body);
        for (const secret of ["A.X.", participantId, a.team.name, a.specialist.name]) expect(text, `${route} as ${who}`).not.toContain(secret);
      }
    }
    expect(outcomes).toHaveLength(routes().length * everyone.length);
  });
});
