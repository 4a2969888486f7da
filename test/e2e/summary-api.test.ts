import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSystem, seedTeam, type Api } from "../support/system";
import { capturedMail } from "../support/deps";

let system: Awaited<ReturnType<typeof startTestSystem>>;
let api: Api;

// Wednesday 18 November 2026 (ISO week 47), 10:00 in Oslo.
beforeAll(async () => {
  system = await startTestSystem({ start: new Date("2026-11-18T09:00:00Z") });
  api = system.api;
});
afterAll(() => system?.stop());

describe("weekly summary through the API and the schedule", () => {
  it("mails each team once for the week just ended and shows the same figures as JSON and as a preview", async () => {
    // A team created on Monday 16 Nov 00:00 would count W47; this one exists from before W48.
    const ctx = await seedTeam(api);
    const other = await seedTeam(api);
    await api.advance({ to: "2026-11-23T08:00:00Z" }); // Monday W48, after the 07:00 run
    const referral = await api.post("/participants", { code: "T.N.", teamId: ctx.team.id, specialistId: ctx.specialist.id, referredAt: "2026-11-23T08:00:00Z" });
    const id = referral.body.id;
    await api.advance({ to: "2026-11-24T10:00:00Z" });
    const post = (body: Record<string, unknown>, key: string) =>
      api.post(`/participants/${id}/events`, body, ctx.specialistToken, { "Idempotency-Key": key });
    expect((await post({ type: "employer-contact", at: "2026-11-24T09:00:00Z", employer: "Kiwi", visit: 1 }, "e1")).status).toBe(201);
    await api.advance({ to: "2026-11-26T10:00:00Z" });
    expect((await post({ type: "job-start", at: "2026-11-26T09:00:00Z", employer: "Kiwi", hoursPerWeek: 12, wage: "ordinary", temporary: true }, "e2")).status).toBe(201);

    // Monday 30 Nov 07:00 Oslo: the summary of W48 goes out.
    await api.advance({ to: "2026-11-30T06:30:00Z" });
    const mail = await capturedMail(ctx.team.emails[0]);
    const w48 = mail.filter((m) => m.subject.includes("uke 48"));
    expect(w48).toHaveLength(1);
    expect(w48[0].subject).toBe("IPS-oppsummering uke 48: 1 deltaker, 1 ny jobb");
    expect(w48[0].body.text).toContain("T.N.");

    const figures = await api.get(`/teams/${ctx.team.id}/summary?week=2026-W48`, ctx.teamToken);
    expect(figures.status).toBe(200);
    expect(figures.body).toMatchObject({
      teamId: ctx.team.id,
      week: "2026-W48",
      participantsByPhase: { placement: 1 },
      employerContacts: { total: 1, target: 6, perSpecialist: [{ specialistId: ctx.specialist.id, count: 1, inTeam: 1, fte: 1, target: 6 }] },
      // T.N. was referred this week: counted by phase and in the subject, not yet among the active.
      outcomes: { inWork: 0, inSchool: 0, inWorkOrSchool: 0, active: 0, employmentRate: 0, inWorkOrSchoolRate: 0 },
      // Referred Monday, first employer contact Tuesday.
      rapidJobSearch: { count: 1, medianDays: 1 },
      caseloads: [{ specialistId: ctx.specialist.id, count: 1, limit: 20, caseloadLimit: 20, fte: 1 }],
    });
    expect(figures.body.newReferrals.map((r: { code: string }) => r.code)).toEqual(["T.N."]);
    expect(figures.body.starts).toEqual([expect.objectContaining({ code: "T.N.", kind: "job", hoursPerWeek: 12, wage: "ordinary", temporary: true })]);
    // Default week: the last full one.
    expect((await api.get(`/teams/${ctx.team.id}/summary`, ctx.teamToken)).body.week).toBe("2026-W48");

    const preview = await api.get(`/teams/${ctx.team.id}/summary/preview?week=2026-W48`);
    expect(preview.body.subject).toBe(w48[0].subject);
    expect(preview.body.text).toBe(w48[0].body.text);
    // Previewing sends nothing.
    expect((await capturedMail(ctx.team.emails[0])).length).toBe(mail.length);
    // A retry of the week's run finds the record and sends nothing more.
    await system.stepFunctions.startExecution({ stateMachineArn: system.stateMachines.summary, input: JSON.stringify({ scheduledTime: "2026-11-30T06:00:00.000Z" }) });
    await system.clock.settle();
    expect((await capturedMail(ctx.team.emails[0])).filter((m) => m.subject.includes("uke 48"))).toHaveLength(1);

    // Scope and validation.
    expect((await api.get(`/teams/${ctx.team.id}/summary?week=2026-W48`, other.teamToken)).status).toBe(403);
    expect((await api.get(`/teams/${ctx.team.id}/summary?week=2026-W48`, ctx.specialistToken)).status).toBe(403);
    const bad = await api.get(`/teams/${ctx.team.id}/summary?week=2026-48`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^week: /);
    expect((await api.get(`/teams/${ctx.team.id}/summary?week=2025-W53`)).status).toBe(400);
    expect((await api.get("/teams/NOPE/summary")).status).toBe(404);
  });

  it("takes a specialist's working share at POST /specialists and scales their target and caseload limit by it", async () => {
    const ctx = await seedTeam(api);
    // Full time unless given; at most two decimals, from 0.1 to 1.
    expect(ctx.specialist.fte).toBe(1);
    const specialist = { name: "Halv Stilling", email: "halv@example.org", teamIds: [ctx.team.id], caseloadLimit: 15 };
    for (const fte of [0.05, 1.5, 0.555, "0.5"]) {
      const bad = await api.post("/specialists", { ...specialist, fte });
      expect(bad.status, String(fte)).toBe(400);
      expect(bad.body.message).toMatch(/^fte: /);
    }
    const created = await api.post("/specialists", { ...specialist, fte: 0.5 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ fte: 0.5, caseloadLimit: 15 });
    const listed = (await api.get("/specialists")).body.specialists.find((s: { id: string }) => s.id === created.body.id);
    expect(listed).toMatchObject({ fte: 0.5, caseloadLimit: 15 });

    await api.advance({ to: "2026-11-30T09:00:00Z" }); // Monday of week 49
    const referral = await api.post("/participants", { code: "H.S.", teamId: ctx.team.id, specialistId: created.body.id, referredAt: "2026-11-30T08:00:00Z" });
    expect(referral.status).toBe(201);
    await api.advance({ to: "2026-12-02T10:00:00Z" });
    const token = `dev:specialist:${created.body.id}`;
    for (const [key, at] of [["c1", "2026-12-01T09:00:00Z"], ["c2", "2026-12-02T09:00:00Z"]] as const) {
      const res = await api.post(`/participants/${referral.body.id}/events`, { type: "employer-contact", at, employer: "Kiwi" }, token, { "Idempotency-Key": key });
      expect(res.status).toBe(201);
    }
    const figures = (await api.get(`/teams/${ctx.team.id}/summary?week=2026-W49`, ctx.teamToken)).body;
    expect(figures.employerContacts.perSpecialist).toEqual([
      { specialistId: created.body.id, specialistName: "Halv Stilling", count: 2, inTeam: 2, fte: 0.5, target: 3 },
    ]);
    // 15 for full time, 7.5 for half: 7.
    expect(figures.caseloads).toEqual([{ specialistId: created.body.id, specialistName: "Halv Stilling", count: 1, limit: 7, caseloadLimit: 15, fte: 0.5 }]);
  });
});
