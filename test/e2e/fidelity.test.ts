import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSystem, type Api } from "../support/system";
import { oslo } from "../workflow/scenario";
import { createEmployer } from "../../adapters/dynamodb/employers";
import { getParticipant } from "../../adapters/dynamodb/participants";
import { recordEmployerContact } from "../../use-cases/employers/record-contact";
import type { Employer } from "../../core/domain/employers";

/**
 * The fidelity self-score through the HTTP API: a team seeded with back-dated referrals and events
 * in 2026-Q4 (as a specialist records what was done), read on Monday 4 January 2027, every figure
 * counted by hand. The same team's pure figures are in test/unit/fidelity/figures.test.ts; one
 * difference: a job end recorded in January is learnt of then, so its contact falls due in January.
 */
let system: Awaited<ReturnType<typeof startTestSystem>>;
let api: Api;
const world = {} as {
  teamA: { id: string; name: string };
  teamB: { id: string; name: string };
  ola: { id: string };
  siri: { id: string };
  cafe: Employer;
  shop: Employer;
  ids: Record<string, string>;
};

let key = 0;
const created = <T extends { status: number; body: unknown }>(res: T, what: string): T["body"] => {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
};
async function refer(code: string, teamId: string, specialistId: string, local: string): Promise<string> {
  return (created(await api.post("/participants", { code, teamId, specialistId, referredAt: oslo(local) }), code) as { id: string }).id;
}
async function record(participantId: string, local: string, event: Record<string, unknown>) {
  created(await api.post(`/participants/${participantId}/events`, { at: oslo(local), ...event }, "dev:admin", { "Idempotency-Key": `fidelity-${++key}` }), `${event.type} at ${local}`);
}
async function employerContact(employer: Employer, local: string, input: { mode: "face-to-face" | "phone"; participantId?: string }) {
  const deps = system.deps;
  const participant = input.participantId ? await getParticipant(deps, input.participantId) : undefined;
  await recordEmployerContact(
    deps,
    employer,
    { at: oslo(local), mode: input.mode, decisionMaker: true, ...(input.participantId ? { participantId: input.participantId } : {}) },
    { specialistId: world.ola.id, ...(participant ? { participant } : {}) },
    `fidelity-contact-${++key}`,
  );
}

beforeAll(async () => {
  // Monday 4 January 2027, 10:00 in Oslo: 2026-Q4 has ended.
  system = await startTestSystem({ start: new Date(oslo("2027-01-04T10:00")) });
  api = system.api;
  const team = async (name: string) => created(await api.post("/teams", { name, emails: [`${name.replace(/\W/g, "").toLowerCase()}@example.org`] }), name);
  world.teamA = await team("Behandlingsteam Nord");
  world.teamB = await team("Behandlingsteam Sor");
  world.ola = created(await api.post("/specialists", { name: "Ola Nordmann", email: "ola@example.org", teamIds: [world.teamA.id, world.teamB.id] }), "Ola");
  world.siri = created(await api.post("/specialists", { name: "Siri Hansen", email: "siri@example.org", teamIds: [world.teamA.id], fte: 0.5 }), "Siri");
  world.cafe = await createEmployer(system.deps, { name: "Kafé Nord", sector: "hospitality", municipality: "Oslo", specialistId: world.ola.id });
  world.shop = await createEmployer(system.deps, { name: "Rema 1000 Torshov", sector: "retail", municipality: "Oslo", specialistId: world.ola.id });
  const { teamA, teamB, ola, siri, cafe, shop } = world;

  const P1 = await refer("P-01", teamA.id, ola.id, "2026-10-01T10:00");
  await employerContact(cafe, "2026-10-21T10:00", { mode: "face-to-face", participantId: P1 });
  await record(P1, "2026-10-25T10:00", { type: "benefits-counselling" });
  await record(P1, "2026-10-28T10:00", { type: "employer-contact", employer: "Kafé Nord", mode: "face-to-face", made: "participant" });
  await record(P1, "2026-11-02T09:00", { type: "job-start", employer: "Kafé Nord", employerId: cafe.id, hoursPerWeek: 20, wage: "ordinary", temporary: false });
  await record(P1, "2026-11-04T10:00", { type: "participant-meeting" });
  await record(P1, "2026-11-09T10:00", { type: "follow-up-contact", with: "participant" });
  await record(P1, "2026-11-18T10:00", { type: "follow-up-contact", with: "employer" });
  await record(P1, "2026-11-24T10:00", { type: "follow-up-contact", with: "participant" });
  await record(P1, "2026-12-01T10:00", { type: "job-change", hoursPerWeek: 30 });
  await record(P1, "2026-12-10T10:00", { type: "benefits-counselling", status: "offered" });
  await record(P1, "2026-12-20T10:00", { type: "follow-up-contact", with: "participant" });

  const P2 = await refer("P-02", teamA.id, ola.id, "2026-09-01T10:00");
  await record(P2, "2026-09-10T10:00", { type: "employer-contact", employer: "Kiwi Storo", mode: "phone" });
  await record(P2, "2026-10-16T10:00", { type: "employer-contact", employer: "Kiwi Storo" });
  await record(P2, "2026-11-10T10:00", { type: "job-offer", employer: "Kiwi Storo", startsAt: oslo("2026-11-20T08:00") });
  await record(P2, "2026-11-12T10:00", { type: "participant-meeting" });
  await record(P2, "2026-11-20T08:00", { type: "job-start", employer: "Kiwi Storo", hoursPerWeek: 10, wage: "subsidised", temporary: true });
  await record(P2, "2026-12-10T10:00", { type: "job-end", reason: "temporary-ended" });
  await record(P2, "2026-12-12T10:00", { type: "follow-up-contact", with: "participant" });

  const P3 = await refer("P-03", teamA.id, siri.id, "2026-10-05T10:00");
  await record(P3, "2026-10-20T10:00", { type: "exit", reason: "no-contact" });
  const P4 = await refer("P-04", teamA.id, siri.id, "2026-10-06T10:00");
  await record(P4, "2026-10-25T10:00", { type: "exit", reason: "moved" });
  const P5 = await refer("P-05", teamA.id, siri.id, "2026-03-01T10:00");
  await record(P5, "2026-04-01T09:00", { type: "job-start", employer: "Kafé Nord", employerId: cafe.id, hoursPerWeek: 8, wage: "ordinary", temporary: false });
  await record(P5, "2026-05-01T10:00", { type: "job-end", reason: "quit" });
  await record(P5, "2026-06-01T09:00", { type: "job-start", employer: "Rema 1000 Torshov", employerId: shop.id, hoursPerWeek: 15, wage: "ordinary", temporary: false });
  const P6 = await refer("P-06", teamA.id, ola.id, "2026-12-20T10:00");
  // Ola's participant in the other team, and his general job development.
  const P7 = await refer("P-07", teamB.id, ola.id, "2026-09-01T10:00");
  await record(P7, "2026-11-05T10:00", { type: "employer-contact", employer: "Bakeriet", mode: "face-to-face" });
  await employerContact(cafe, "2026-10-10T10:00", { mode: "face-to-face" });
  await employerContact(shop, "2026-10-12T10:00", { mode: "phone" });
  // After the quarter: changes nothing in it.
  await record(P6, "2027-01-02T10:00", { type: "exit", reason: "moved" });
  await system.clock.settle();
  world.ids = { P1, P2, P3, P4, P5, P6, P7 };
});
afterAll(() => system?.stop());

const fidelity = (teamId: string, query = "", token = "dev:admin") => api.get(`/teams/${teamId}/fidelity${query}`, token);

describe("the fidelity self-score through the API", () => {
  it("scores 2026-Q4 of a seeded team from its events, each item with its figures", async () => {
    const res = await fidelity(world.teamA.id, "?quarter=2026-Q4", `dev:team:${world.teamA.id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const report = res.body;
    expect(report).toMatchObject({
      teamId: world.teamA.id,
      teamName: "Behandlingsteam Nord",
      quarter: "2026-Q4",
      start: "2026-09-30T22:00:00.000Z",
      end: "2026-12-31T23:00:00.000Z",
      asOf: "2026-12-31T23:00:00.000Z",
      complete: true,
      // Asked for on 4 January: the quarter closes on the 15th, till then late entries may come.
      closesAt: "2027-01-14T23:00:00.000Z",
      final: false,
      total: { measured: 9, scored: 9, points: 28, maxPoints: 45 },
    });
    expect(report.items).toHaveLength(25);
    const item = (id: string) => report.items.find((i: { id: string }) => i.id === id);
    const weeks = 92 / 7;

    // Ola: P-01, P-02, P-06 (exited only in January) and P-07 in the other team; Siri: P-05.
    expect(item("caseload-size")).toMatchObject({
      source: "Staffing, item 1: Caseload size",
      score: 5,
      figures: { participants: 5, fte: 1.5, specialists: [{ name: "Ola Nordmann", participants: 4 }, { name: "Siri Hansen", fte: 0.5, participants: 1, perFullTime: 2 }] },
    });
    expect(item("caseload-size").figures.perFullTime).toBeCloseTo(5 / 1.5, 10);
    // P-01 in 20 days, P-02 in 45 (its September call was by phone); P-06 still waiting at the end.
    expect(item("rapid-job-search")).toMatchObject({
      source: "Services, item 4: Rapid search for competitive job",
      score: 4,
      figures: { count: 2, meanDays: 32.5, medianDays: 32.5, within30Days: 1, waiting: 1, waitingOver30Days: 0 },
    });
    // Ola: the general contact at Kafé Nord, P-01's (the register's and the event, once), P-02's
    // without a mode and P-07's in the other team; not the phone call, not P-01's own.
    expect(item("frequent-employer-contact")).toMatchObject({
      source: "Services, item 6: Job development—Frequent employer contact",
      score: 1,
      figures: { contacts: 4, general: 1, withoutMode: 1, byParticipants: 1, notFaceToFace: 1, averageScore: 1 },
    });
    expect(item("frequent-employer-contact").figures.weeks).toBeCloseTo(weeks, 10);
    expect(item("frequent-employer-contact").figures.perSpecialist.map((s: { name: string; contacts: number }) => [s.name, s.contacts])).toEqual([
      ["Ola Nordmann", 4],
      ["Siri Hansen", 0],
    ]);
    // The year's four jobs: Kafé Nord twice, Rema 1000 Torshov, Kiwi Storo (not in the register: no industry).
    expect(item("diversity-of-employers")).toMatchObject({
      score: 4,
      period: { start: "2025-12-31T23:00:00.000Z", end: "2026-12-31T23:00:00.000Z" },
      figures: { jobs: 4, distinct: 3, share: 0.75, unknown: 0 },
    });
    expect(item("diversity-of-job-types")).toMatchObject({ score: 3, figures: { jobs: 3, distinct: 2, unknown: 1 } });
    expect(item("competitive-jobs")).toMatchObject({ score: 3, figures: { jobs: 4, ordinary: 3, subsidised: 1, share: 0.75, temporary: 1, unknown: 0 } });
    // P-01's start had counselling before it, P-02's none; P-01's change of hours had it.
    expect(item("work-incentives-planning")).toMatchObject({
      score: 2,
      figures: { starts: 2, startsWithCounselling: 1, startShare: 0.5, changes: 1, changesWithCounselling: 1, changeShare: 1 },
    });
    // P-02's job end was recorded in January: its contact fell due then, outside the quarter.
    expect(item("time-unlimited-follow-along")).toMatchObject({
      score: 3,
      figures: {
        kinds: [
          { kind: "pre-start-contact", due: 1, onTime: 1 },
          { kind: "job-start-follow-up", due: 2, onTime: 1 },
          { kind: "placement-follow-up", due: 4, onTime: 2 },
          { kind: "follow-up", due: 1, onTime: 1 },
          { kind: "job-loss-follow-up", due: 0, onTime: 0, share: null },
        ],
        due: 8,
        onTime: 5,
      },
    });
    expect(item("zero-exclusion")).toMatchObject({
      source: "Organization, item 6: Zero exclusion criteria",
      score: 3,
      figures: { ended: 3, started: 1, notStarted: 2, reasons: { "no-contact": 1, moved: 1 }, excluded: 1 },
    });
    // The review's items: listed, no score, no figures.
    const review = report.items.filter((i: { measured: boolean }) => !i.measured);
    expect(review.map((i: { id: string }) => i.id)).toEqual(
      expect.arrayContaining(["vocational-unit", "team-assignment", "competitive-employment-focus", "executive-support", "community-based-services"]),
    );
    expect(review).toHaveLength(16);
    for (const i of review) expect(i).toEqual({ id: i.id, section: i.section, number: i.number, title: i.title, source: i.source, measured: false, score: null });
    // No participant is named in a fidelity report.
    for (const code of ["P-01", "P-02", ...Object.values(world.ids)]) expect(JSON.stringify(report)).not.toContain(code);
  });

  it("defaults to the last complete quarter and refuses one that has not begun", async () => {
    expect((await fidelity(world.teamA.id)).body.quarter).toBe("2026-Q4");
    const running = await fidelity(world.teamA.id, "?quarter=2027-Q1");
    expect(running.status).toBe(200);
    expect(running.body).toMatchObject({ quarter: "2027-Q1", complete: false, asOf: "2027-01-04T09:00:00.000Z" });
    const ahead = await fidelity(world.teamA.id, "?quarter=2027-Q2");
    expect(ahead.status).toBe(400);
    expect(ahead.body.message).toMatch(/^quarter: /);
    const bad = await fidelity(world.teamA.id, "?quarter=2026-Q5");
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^quarter: /);
  });

  it("answers admins and the team's own members; another team 403, a specialist 403, no token 401, an unknown team 404", async () => {
    const path = `/teams/${world.teamA.id}/fidelity?quarter=2026-Q4`;
    expect((await api.call("GET", path, { token: "dev:admin" })).status).toBe(200);
    expect((await api.call("GET", path, { token: `dev:team:${world.teamA.id}` })).status).toBe(200);
    const other = await api.call("GET", path, { token: `dev:team:${world.teamB.id}` });
    expect(other.status).toBe(403);
    expect(JSON.stringify(other.body)).not.toContain("Nord");
    expect((await api.call("GET", path, { token: `dev:specialist:${world.ola.id}` })).status).toBe(403);
    expect((await api.call("GET", path, {})).status).toBe(401);
    expect((await api.call("GET", "/teams/no-such-team/fidelity", { token: "dev:admin" })).status).toBe(404);
    // Refused before the query is read: another team learns nothing from a bad quarter either.
    expect((await api.call("GET", `/teams/${world.teamA.id}/fidelity?quarter=x`, { token: `dev:team:${world.teamB.id}` })).status).toBe(403);
  });

  it("is in the OpenAPI document with its quarter", async () => {
    const doc = (await api.call("GET", "/openapi.json")).body;
    const op = doc.paths["/teams/{id}/fidelity"].get;
    const quarter = op.parameters.find((p: { name: string }) => p.name === "quarter");
    expect(quarter).toMatchObject({ in: "query", schema: { type: "string" } });
    expect(quarter.required).not.toBe(true);
  });
});
