import { expect } from "vitest";
import type { seedTeam, startTestSystem } from "../support/system";

/**
 * The access matrix: every route, who may call it, and a call that works for those who may. Run
 * by the local dev tokens (access.test.ts) and by JWTs shaped by the synthesized stack's
 * authorizer and user pool (access-stack.test.ts).
 */
export type Role = "admin" | "specialist" | "otherSpecialist" | "team" | "otherTeam";
export const roles: Role[] = ["admin", "specialist", "otherSpecialist", "team", "otherTeam"];

export interface MatrixWorld {
  system: Awaited<ReturnType<typeof startTestSystem>>;
  a: Awaited<ReturnType<typeof seedTeam>>;
  b: Awaited<ReturnType<typeof seedTeam>>;
  participantId: string;
  employerId: string;
}

type Call = (token: string | undefined) => Promise<{ status: number; body: unknown }>;

let n = 0;
export function accessRoutes(world: MatrixWorld): Array<{ route: string; allowed: Role[] | "everyone"; call: Call }> {
  const { system, a, participantId } = world;
  const get = (path: string) => (token: string | undefined) => system.api.call("GET", path, { token });
  const post = (path: string, body: () => unknown) => (token: string | undefined) =>
    system.api.call("POST", path, { token, body: body(), headers: { "idempotency-key": `access-${++n}-${participantId}` } });
  return [
    { route: "GET /openapi.json", allowed: "everyone", call: get("/openapi.json") },
    { route: "GET /teams", allowed: ["admin", "specialist", "otherSpecialist", "team", "otherTeam"], call: get("/teams") },
    { route: "POST /teams", allowed: ["admin"], call: post("/teams", () => ({ name: `T ${n}`, emails: ["t@example.org"] })) },
    { route: "GET /teams/{id}", allowed: ["admin", "specialist", "team"], call: get(`/teams/${a.team.id}`) },
    { route: "GET /teams/{id}/participants", allowed: ["admin", "team"], call: get(`/teams/${a.team.id}/participants`) },
    { route: "GET /teams/{id}/summary", allowed: ["admin", "team"], call: get(`/teams/${a.team.id}/summary`) },
    { route: "GET /teams/{id}/summary/preview", allowed: ["admin", "team"], call: get(`/teams/${a.team.id}/summary/preview`) },
    { route: "GET /teams/{id}/fidelity", allowed: ["admin", "team"], call: get(`/teams/${a.team.id}/fidelity`) },
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
      // A PDF when allowed, JSON when refused.
      route: "GET /participants/{id}/report",
      allowed: ["admin", "specialist", "team"],
      call: async (token) => {
        const res = await fetch(`${system.urls.api}/participants/${participantId}/report?kind=interval`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
        return { status: res.status, body: res.ok ? await res.arrayBuffer() : await res.json() };
      },
    },
    {
      route: "POST /participants/{id}/events",
      allowed: ["admin", "specialist"],
      call: post(`/participants/${participantId}/events`, () => ({ type: "participant-meeting", at: "2026-10-20T10:00:00Z" })),
    },
    { route: "GET /participants/{id}/export", allowed: ["admin"], call: get(`/participants/${participantId}/export`) },
    { route: "GET /admin/email-events", allowed: ["admin"], call: get("/admin/email-events") },
    { route: "GET /admin/audit", allowed: ["admin"], call: get("/admin/audit") },
    // One team's report: admins and that team (the whole deployment's is the admin's only, see outcomes.test.ts).
    { route: "GET /reports/outcomes", allowed: ["admin", "team"], call: get(`/reports/outcomes?teamId=${a.team.id}`) },
    { route: "GET /reports/outcomes/quarters", allowed: ["admin", "team"], call: get(`/reports/outcomes/quarters?count=2&teamId=${a.team.id}`) },
    {
      route: "POST /employers",
      allowed: ["admin", "specialist"],
      call: post("/employers", () => ({ name: `Arbeidsgiver ${n}`, sector: "retail", municipality: "Oslo", specialistId: a.specialist.id })),
    },
    { route: "GET /employers", allowed: ["admin", "specialist", "otherSpecialist", "team", "otherTeam"], call: get("/employers") },
    { route: "GET /employers/{id}", allowed: ["admin", "specialist", "otherSpecialist", "team", "otherTeam"], call: get(`/employers/${world.employerId}`) },
    {
      route: "POST /employers/{id}/contacts",
      allowed: ["admin", "specialist", "otherSpecialist"],
      call: post(`/employers/${world.employerId}/contacts`, () => ({ at: "2026-10-20T10:00:00Z", mode: "phone", decisionMaker: false })),
    },
    {
      // Each call erases a participant of its own, so that the other routes keep theirs.
      route: "DELETE /participants/{id}",
      allowed: ["admin"],
      call: async (token) => {
        const victim = (
          await system.api.post("/participants", { code: "D.X.", teamId: a.team.id, specialistId: a.specialist.id, referredAt: "2026-10-01T10:00:00Z" })
        ).body.id as string;
        return system.api.call("DELETE", `/participants/${victim}`, { token });
      },
    },
  ];
}

/**
 * Calls every route as every role and as every caller that must be refused before the function
 * (no token, and whatever bad tokens the caller lists): allowed calls work, a role outside the
 * route's list gets 403, a refused token 401, and a denial says nothing of the record.
 * Returns the routes the token-less caller was served.
 */
export async function checkAccessMatrix(world: MatrixWorld, tokenOf: (role: Role) => string, refused: Record<string, string | undefined>): Promise<string[]> {
  const servedWithoutToken: string[] = [];
  const callers = [...roles.map((role) => ({ who: role as string, token: tokenOf(role), role })), ...Object.entries(refused).map(([who, token]) => ({ who, token, role: undefined }))];
  for (const { route, allowed, call } of accessRoutes(world)) {
    for (const { who, token, role } of callers) {
      const res = await call(token);
      const allowedHere = allowed === "everyone" || (role !== undefined && allowed.includes(role));
      if (allowedHere) {
        expect(res.status, `${route} as ${who}`).toBeGreaterThanOrEqual(200);
        expect(res.status, `${route} as ${who}`).toBeLessThan(300);
        if (token === undefined) servedWithoutToken.push(route);
        continue;
      }
      expect(res.status, `${route} as ${who}`).toBe(role === undefined ? 401 : 403);
      // Nothing but the reason: no code, no id, no name of the record asked for.
      expect(Object.keys(res.body as object), `${route} as ${who}`).toEqual(["message"]);
      const text = JSON.stringify(res.body);
      for (const secret of ["A.X.", world.participantId, world.a.team.name, world.a.specialist.name]) expect(text, `${route} as ${who}`).not.toContain(secret);
    }
  }
  return servedWithoutToken;
}

/** Two teams, each with a specialist, and a participant of the first. */
export async function matrixWorld(system: MatrixWorld["system"], seed: typeof seedTeam): Promise<MatrixWorld> {
  const [a, b] = [await seed(system.api), await seed(system.api)];
  const participantId = (
    await system.api.post("/participants", { code: "A.X.", teamId: a.team.id, specialistId: a.specialist.id, referredAt: "2026-10-01T10:00:00Z" })
  ).body.id as string;
  const employerId = (
    await system.api.post("/employers", { name: "Kafé Vest", sector: "hospitality", municipality: "Bergen", specialistId: a.specialist.id })
  ).body.id as string;
  return { system, a, b, participantId, employerId };
}
