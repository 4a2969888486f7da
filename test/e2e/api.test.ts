import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSystem, seedTeam } from "../support/system";
import { createHandler as sesEvents } from "../../functions/ses-events/handler";
import { getParticipant } from "../../adapters/dynamodb/participants";
import { recordEvent } from "../../use-cases/participants/record-event";

let system: Awaited<ReturnType<typeof startTestSystem>>;
let api: typeof system.api;

beforeAll(async () => {
  system = await startTestSystem();
  api = system.api;
});
afterAll(() => system?.stop());

const referral = (teamId: string, specialistId: string, extra: Record<string, unknown> = {}) => ({
  code: "K.L.",
  teamId,
  specialistId,
  referredAt: "2026-10-20T10:00:00Z",
  ...extra,
});

describe("HTTP API through the local system", () => {
  it("serves the OpenAPI document, generated from the request schemas, without a token", async () => {
    const res = await api.call("GET", "/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(["/teams", "/teams/{id}", "/specialists", "/specialists/{id}/caseload", "/participants", "/participants/{id}", "/participants/{id}/events"]),
    );
    expect(res.body.components.schemas.CreateTeam.required).toEqual(expect.arrayContaining(["name", "emails"]));
    expect(JSON.stringify(res.body.components.schemas.Event)).toContain("employer-contact");
  });

  it("creates, lists and reads teams with defaults", async () => {
    const created = await api.post("/teams", { name: "Behandlingsteam Øst", emails: ["ost@example.org"] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Behandlingsteam Øst", locale: "nb", summaryCadence: "weekly" });
    expect(created.body.id).toMatch(/^[0-9A-Z]{26}$/);
    const one = await api.get(`/teams/${created.body.id}`);
    expect(one.body).toEqual(created.body);
    const all = await api.get("/teams");
    expect(all.body.teams.map((t: { id: string }) => t.id)).toContain(created.body.id);
    expect((await api.get("/teams/NOPE")).status).toBe(404);
  });

  it("creates specialists with a default caseload limit of 20 and refuses unknown teams", async () => {
    const { team } = await seedTeam(api);
    const res = await api.post("/specialists", { name: "Kari Spesialist", email: "kari@example.org", teamIds: [team.id] });
    expect(res.status).toBe(201);
    expect(res.body.caseloadLimit).toBe(20);
    const bad = await api.post("/specialists", { name: "X", email: "x@example.org", teamIds: ["UNKNOWN"] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain("teamIds.0");
  });

  it("registers a participant in phase referral, starts the journey and shows the 30-day deadline", async () => {
    const { team, specialist } = await seedTeam(api);
    const res = await api.post("/participants", referral(team.id, specialist.id, { preferences: { jobs: ["butikk"], hoursPerWeek: 10, disclosure: "partial" } }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ phase: "referral", code: "K.L.", teamId: team.id, specialistId: specialist.id });
    await system.clock.settle();
    const journey = await api.get(`/participants/${res.body.id}/journey`);
    expect(journey.body).toMatchObject({ generation: 1, status: "RUNNING", parked: true });
    const participant = await api.get(`/participants/${res.body.id}`);
    expect(participant.status).toBe(200);
    const first = participant.body.obligations.find((o: { kind: string }) => o.kind === "first-employer-contact");
    expect(first).toMatchObject({ status: "upcoming" });
    expect(first.dueAt.slice(0, 10)).toBe("2026-11-18"); // 20 Oct + 30 days, midnight Oslo = 18 Nov 23:00Z
    const caseload = await api.get(`/specialists/${specialist.id}/caseload`);
    expect(caseload.body).toMatchObject({ count: 1, limit: 20 });
    expect(caseload.body.participants[0]).toMatchObject({ id: res.body.id, code: "K.L.", phase: "referral" });
  });

  it("answers a replayed referral with the first answer: one participant, one journey", async () => {
    const { team, specialist } = await seedTeam(api);
    const body = referral(team.id, specialist.id, { code: "R.P." });
    const first = await api.post("/participants", body, "dev:admin", { "Idempotency-Key": "referral-1" });
    const replay = await api.post("/participants", body, "dev:admin", { "Idempotency-Key": "referral-1" });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    await system.clock.settle();
    const caseload = await api.get(`/specialists/${specialist.id}/caseload`);
    expect(caseload.body.participants.map((p: { id: string }) => p.id)).toEqual([first.body.id]);
    expect((await api.get(`/participants/${first.body.id}/journey`)).body).toMatchObject({ generation: 1, status: "RUNNING" });
  });

  it("creates a team, a specialist and a participant once per Idempotency-Key, when the twin requests arrive together too", async () => {
    const { team, specialist } = await seedTeam(api);
    const twins = <T>(send: () => Promise<T>) => Promise.all([send(), send(), send()]);
    const teams = await twins(() => api.post("/teams", { name: "Tvilling", emails: ["tvilling@example.org"] }, "dev:admin", { "Idempotency-Key": "team-twin" }));
    const specialists = await twins(() =>
      api.post("/specialists", { name: "Tvilling Spes", email: "tvilling-spes@example.org", teamIds: [team.id] }, "dev:admin", { "Idempotency-Key": "spes-twin" }),
    );
    const referrals = await twins(() => api.post("/participants", referral(team.id, specialist.id, { code: "T.W." }), "dev:admin", { "Idempotency-Key": "referral-twin" }));
    for (const answers of [teams, specialists, referrals]) {
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
      expect(answers[1].body).toEqual(answers[0].body);
      expect(answers[2].body).toEqual(answers[0].body);
    }
    // A later replay too, and exactly one of each is stored.
    const replay = await api.post("/teams", { name: "Tvilling", emails: ["tvilling@example.org"] }, "dev:admin", { "Idempotency-Key": "team-twin" });
    expect(replay.body).toEqual(teams[0].body);
    expect((await api.get("/teams")).body.teams.filter((t: { name: string }) => t.name === "Tvilling")).toHaveLength(1);
    expect((await api.get("/specialists")).body.specialists.filter((s: { name: string }) => s.name === "Tvilling Spes")).toHaveLength(1);
    await system.clock.settle();
    const caseload = await api.get(`/specialists/${specialist.id}/caseload`);
    expect(caseload.body.participants.filter((p: { code: string }) => p.code === "T.W.")).toHaveLength(1);
  });

  it("refuses a code that looks like a full name, naming the field", async () => {
    const { team, specialist } = await seedTeam(api);
    const res = await api.post("/participants", referral(team.id, specialist.id, { code: "Kari Nordmann" }));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^code: /);
  });

  it("names the field of every validation error and never answers 500", async () => {
    const { team, specialist } = await seedTeam(api);
    const cases: Array<[string, unknown, RegExp]> = [
      ["/teams", { name: "T", emails: ["not-an-email"] }, /emails\.0/],
      ["/teams", { name: "T", emails: ["a@example.org"], locale: "de" }, /locale/],
      ["/teams", "{not json", /body/],
      ["/specialists", { name: "S", email: "s@example.org", teamIds: [team.id], caseloadLimit: -1 }, /caseloadLimit/],
      ["/participants", referral(team.id, specialist.id, { referredAt: "yesterday" }), /referredAt/],
      ["/participants", referral(team.id, specialist.id, { referredAt: "2027-01-01T00:00:00Z" }), /referredAt/],
      ["/participants", referral("NOPE", specialist.id), /teamId/],
      ["/participants", referral(team.id, specialist.id, { extra: 1 }), /extra|Unrecognized/],
    ];
    for (const [path, body, field] of cases) {
      const res = await api.post(path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.message).toMatch(field);
    }
  });

  it("answers odd ids and oversized bodies with a 4xx that names them, never a 500 or a dropped connection", async () => {
    const long = await api.get(`/participants/${"x".repeat(5000)}`);
    expect(long.status).toBe(400);
    expect(long.body.message).toMatch(/^id: /);
    for (const id of ["%F0%9F%98%80", "a%20b", "..%2F..%2Fteams"]) {
      const res = await api.get(`/participants/${id}`);
      expect(res.status, id).toBe(400);
      expect(res.body.message, id).toMatch(/^id: /);
    }
    expect((await api.get("/teams/01UNKNOWN")).status).toBe(404);
    const huge = await api.post("/teams", { name: "T", emails: ["a@example.org"], padding: "x".repeat(1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.message).toMatch(/^body: too large/);
  });

  it("answers twin job-end requests (one key, at once) alike: the second does not find the job already ended", async () => {
    const { team, specialist, specialistToken } = await seedTeam(api);
    const p = (await api.post("/participants", referral(team.id, specialist.id))).body;
    const start = { type: "job-start", at: "2026-10-25T10:00:00Z", employer: "Bakeriet", hoursPerWeek: 20, wage: "ordinary", temporary: true };
    expect((await api.post(`/participants/${p.id}/events`, start, specialistToken, { "Idempotency-Key": "start-1" })).status).toBe(201);
    const end = { type: "job-end", at: "2026-10-30T10:00:00Z", reason: "temporary-ended" };
    const twins = await Promise.all(
      Array.from({ length: 4 }, () => api.post(`/participants/${p.id}/events`, end, specialistToken, { "Idempotency-Key": "end-twin" })),
    );
    expect(twins.map((t) => t.status)).toEqual([201, 201, 201, 201]);
    for (const twin of twins) expect(twin.body).toEqual(twins[0].body);
    const events = (await api.get(`/participants/${p.id}`)).body.events;
    expect(events.filter((e: { type: string }) => e.type === "job-end")).toHaveLength(1);
  });

  it("lets writers that do not conflict in meaning all land: 20 different events for one participant at once", async () => {
    const { team, specialist, specialistToken } = await seedTeam(api);
    const p = (await api.post("/participants", referral(team.id, specialist.id))).body;
    const events = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? { type: "employer-contact", at: `2026-10-2${i % 8}T10:${String(i).padStart(2, "0")}:00Z`, employer: `Arbeidsgiver ${i}` }
        : { type: "participant-meeting", at: `2026-10-2${i % 8}T11:${String(i).padStart(2, "0")}:00Z` },
    );
    const answers = await Promise.all(
      events.map((body, i) => api.post(`/participants/${p.id}/events`, body, specialistToken, { "Idempotency-Key": `burst-${i}` })),
    );
    expect(answers.map((a) => a.status)).toEqual(events.map(() => 201));
    expect((await api.get(`/participants/${p.id}`)).body.events).toHaveLength(20);
  });

  it("a retry of an event whose wake failed wakes the journey", async () => {
    const { team, specialist, specialistToken } = await seedTeam(api);
    const p = (await api.post("/participants", referral(team.id, specialist.id))).body;
    await system.clock.settle();
    const { executionArn } = (await api.get(`/participants/${p.id}/journey`)).body;
    const plans = async () =>
      ((await system.stepFunctions.getExecutionHistory({ executionArn, maxResults: 1000 })).events as unknown as Array<{ type: string; stateEnteredEventDetails?: { name?: string } }>).filter(
        (e) => e.type.endsWith("StateEntered") && e.stateEnteredEventDetails?.name === "Plan",
      ).length;
    const before = await plans();
    // Step Functions refuses the wake once (a boundary no local server fails on its own).
    let refused = false;
    system.deps.sfn.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "SendTaskSuccessCommand" && !refused) {
          refused = true;
          throw Object.assign(new Error("service unavailable"), { name: "ServiceUnavailable" });
        }
        return next(args);
      },
      { step: "initialize", name: "refuseOneWake" },
    );
    // The first employer contact changes the phase: the journey must plan again at once.
    const contact = { type: "employer-contact", at: "2026-10-28T10:00:00Z", employer: "Kiwi" };
    const failed = await api.post(`/participants/${p.id}/events`, contact, specialistToken, { "Idempotency-Key": "wake-1" });
    expect(failed.status).toBe(500);
    await system.clock.settle();
    expect(await plans()).toBe(before);
    const retried = await api.post(`/participants/${p.id}/events`, contact, specialistToken, { "Idempotency-Key": "wake-1" });
    expect(retried.status).toBe(201);
    await system.clock.settle();
    expect(await plans()).toBe(before + 1);
    expect((await api.get(`/participants/${p.id}`)).body.events).toHaveLength(1);
    system.deps.sfn.middlewareStack.remove("refuseOneWake");
  });

  it("records events with an Idempotency-Key; a replay returns the first result and writes nothing", async () => {
    const { team, specialist, specialistToken } = await seedTeam(api);
    const { body: p } = await api.post("/participants", referral(team.id, specialist.id));
    const contact = { type: "employer-contact", at: "2026-10-28T12:00:00Z", employer: "Kiwi", visit: 1 };
    const first = await api.post(`/participants/${p.id}/events`, contact, specialistToken, { "Idempotency-Key": "abc-1" });
    expect(first.status).toBe(201);
    expect(first.body.phase).toBe("job-search");
    const replay = await api.post(`/participants/${p.id}/events`, contact, specialistToken, { "Idempotency-Key": "abc-1" });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    const view = await api.get(`/participants/${p.id}`);
    expect(view.body.events).toHaveLength(1);
    expect(view.body.obligations.find((o: { kind: string }) => o.kind === "first-employer-contact").status).toBe("done");
  });

  it("requires the Idempotency-Key and refuses events in the future or before the referral", async () => {
    const { team, specialist } = await seedTeam(api);
    const { body: p } = await api.post("/participants", referral(team.id, specialist.id));
    const path = `/participants/${p.id}/events`;
    const missing = await api.post(path, { type: "participant-meeting", at: "2026-10-28T12:00:00Z" });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain("Idempotency-Key");
    const future = await api.post(path, { type: "participant-meeting", at: "2026-12-28T12:00:00Z" }, "dev:admin", { "Idempotency-Key": "f" });
    expect(future.body.message).toMatch(/^at: /);
    const early = await api.post(path, { type: "participant-meeting", at: "2026-10-01T12:00:00Z" }, "dev:admin", { "Idempotency-Key": "e" });
    expect(early.body.message).toMatch(/^at: /);
    const badType = await api.post(path, { type: "lunch", at: "2026-10-28T12:00:00Z" }, "dev:admin", { "Idempotency-Key": "t" });
    expect(badType.status).toBe(400);
    expect(badType.body.message).toMatch(/type/);
    const badJob = await api.post(path, { type: "job-start", at: "2026-10-28T12:00:00Z", employer: "X", hoursPerWeek: 10, wage: "cash", temporary: false }, "dev:admin", { "Idempotency-Key": "j" });
    expect(badJob.body.message).toMatch(/^wage: /);
    expect((await api.get(`/participants/${p.id}`)).body.events).toHaveLength(0);
    expect((await api.post("/participants/NOPE/events", { type: "pause", at: "2026-10-28T12:00:00Z" }, "dev:admin", { "Idempotency-Key": "n" })).status).toBe(404);
  });

  it("takes exit and job-end reasons as codes only, and a pause's end after its start, naming the field", async () => {
    const { team, specialist, specialistToken } = await seedTeam(api);
    const p = (await api.post("/participants", referral(team.id, specialist.id))).body;
    const post = (body: Record<string, unknown>, key: string) =>
      api.post(`/participants/${p.id}/events`, { at: "2026-10-25T10:00:00Z", ...body }, specialistToken, { "Idempotency-Key": key });
    const freeText = await post({ type: "exit", reason: "innlagt på sykehus" }, "reason-1");
    expect(freeText.status).toBe(400);
    expect(freeText.body.message).toMatch(/^reason: /);
    expect((await post({ type: "job-end", reason: "sykemeldt" }, "reason-2")).body.message).toMatch(/^reason: /);
    const backwards = await post({ type: "pause", until: "2026-10-24T10:00:00Z" }, "pause-1");
    expect(backwards.status).toBe(400);
    expect(backwards.body.message).toBe("until: must be after at");
    expect((await post({ type: "pause", until: "2026-12-01T10:00:00Z" }, "pause-2")).status).toBe(201);
    const view = (await api.get(`/participants/${p.id}`, specialistToken)).body;
    expect(view.obligations.filter((o: { status: string }) => o.status !== "done")).toEqual([
      { kind: "pause-review", dueAt: "2026-11-30T23:00:00.000Z", status: expect.any(String) },
    ]);
    // An event stored before reasons were codes, with free text: the API shows "other", never the text.
    const profile = await getParticipant(system.deps, p.id);
    await recordEvent(system.deps, profile!, { type: "exit", at: "2026-10-26T10:00:00Z", reason: "sykemeldt" as "other" }, "stored-before");
    const events = (await api.get(`/participants/${p.id}`, specialistToken)).body.events as Array<{ type: string; reason?: string }>;
    expect(events.find((e) => e.type === "exit")?.reason).toBe("other");
    expect(JSON.stringify(events)).not.toContain("sykemeldt");
    expect((await post({ type: "exit", reason: "moved" }, "reason-3")).status).toBe(201);
  });

  it("names each job by its id: an end or change of one of several jobs must say which, and an offer may name a future start", async () => {
    const { team, specialist, specialistToken } = await seedTeam(api);
    const p = (await api.post("/participants", referral(team.id, specialist.id))).body;
    let n = 0;
    const post = (body: Record<string, unknown>) =>
      api.post(`/participants/${p.id}/events`, { at: "2026-10-28T10:00:00Z", ...body }, specialistToken, { "Idempotency-Key": `job-${++n}` });
    const offer = await post({ type: "job-offer", employer: "Kiwi", startsAt: "2026-11-16T07:00:00Z" });
    expect(offer.status).toBe(201);
    expect((await post({ type: "job-end" })).body.message).toBe("jobId: no job is held at that time");
    const kiwi = (await post({ type: "job-start", employer: "Kiwi", hoursPerWeek: 8, wage: "ordinary", temporary: false })).body.event.id as string;
    // With one job held, the end or change may leave the job out: it is filled in.
    const change = await post({ type: "job-change", hoursPerWeek: 12 });
    expect(change.status).toBe(201);
    expect(change.body.event.jobId).toBe(kiwi);
    const rema = (await post({ type: "job-start", employer: "Rema", hoursPerWeek: 6, wage: "ordinary", temporary: true })).body.event.id as string;
    const ambiguous = await post({ type: "job-end", reason: "temporary-ended" });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.message).toBe("jobId: required when several jobs are held");
    expect((await post({ type: "job-end", jobId: "01NOTAJOB", reason: "temporary-ended" })).body.message).toMatch(/^jobId: /);
    expect((await post({ type: "job-end", jobId: rema, reason: "temporary-ended" })).status).toBe(201);
    const jobs = (await api.get(`/participants/${p.id}`, specialistToken)).body.jobs as Array<{ id: string; employer: string; hoursPerWeek: number; endedAt?: string }>;
    expect(jobs.map((j) => [j.id, j.employer, j.hoursPerWeek, Boolean(j.endedAt)])).toEqual([
      [kiwi, "Kiwi", 12, false],
      [rema, "Rema", 6, true],
    ]);
  });

  it("answers 401 without a valid token and 403 outside the role's scope", async () => {
    const { team, specialist, specialistToken, teamToken } = await seedTeam(api);
    const other = await seedTeam(api);
    const { body: p } = await api.post("/participants", referral(team.id, specialist.id));
    expect((await api.call("GET", "/teams")).status).toBe(401);
    expect((await api.get("/teams", "not-a-token")).status).toBe(401);
    expect((await api.get("/teams", "dev:specialist")).status).toBe(401);
    expect((await api.post("/teams", { name: "T", emails: ["t@example.org"] }, specialistToken)).status).toBe(403);
    expect((await api.post("/specialists", { name: "S", email: "s@example.org", teamIds: [team.id] }, teamToken)).status).toBe(403);
    // Own caseload and participants: yes; another specialist's: no.
    expect((await api.get(`/specialists/${specialist.id}/caseload`, specialistToken)).status).toBe(200);
    expect((await api.get(`/specialists/${specialist.id}/caseload`, other.specialistToken)).status).toBe(403);
    expect((await api.get(`/participants/${p.id}`, specialistToken)).status).toBe(200);
    expect((await api.get(`/participants/${p.id}`, other.specialistToken)).status).toBe(403);
    // The team reads its participants but records nothing.
    expect((await api.get(`/participants/${p.id}`, teamToken)).status).toBe(200);
    expect((await api.get(`/participants/${p.id}`, other.teamToken)).status).toBe(403);
    const byTeam = await api.post(`/participants/${p.id}/events`, { type: "pause", at: "2026-10-28T12:00:00Z" }, teamToken, { "Idempotency-Key": "x" });
    expect(byTeam.status).toBe(403);
    // A specialist registers referrals to their own caseload only.
    expect((await api.post("/participants", referral(team.id, specialist.id), other.specialistToken)).status).toBe(403);
    // Teams see only their own team.
    expect((await api.get(`/teams/${other.team.id}`, teamToken)).status).toBe(403);
    expect((await api.get("/teams", teamToken)).body.teams.map((t: { id: string }) => t.id)).toEqual([team.id]);
  });

  it("records SES bounces and complaints once and shows them to admins only", async () => {
    const handler = sesEvents(() => system.deps) as unknown as (event: unknown, context: object) => Promise<{ recorded: number }>;
    const notification = (eventType: string, messageId: string, extra: Record<string, unknown>) => ({
      Records: [{ Sns: { Message: JSON.stringify({ eventType, mail: { messageId, timestamp: "2026-11-01T08:00:00Z", destination: ["ola@example.org"] }, ...extra }) } }],
    });
    const bounce = notification("Bounce", "m-1", { bounce: { bounceType: "Permanent", bounceSubType: "General", bouncedRecipients: [{ emailAddress: "ola@example.org" }] } });
    expect(await handler(bounce, {})).toEqual({ recorded: 1 });
    expect(await handler(bounce, {})).toEqual({ recorded: 0 }); // a redelivery adds nothing
    expect(await handler(notification("Complaint", "m-2", { complaint: { complainedRecipients: [{ emailAddress: "team@example.org" }] } }), {})).toEqual({ recorded: 1 });
    expect(await handler(notification("Delivery", "m-3", {}), {})).toEqual({ recorded: 0 });
    await expect(handler({ Records: [{ Sns: { Message: JSON.stringify({ eventType: "Bounce" }) } }] }, {})).rejects.toThrow(/mail/);

    const listed = await api.get("/admin/email-events?since=2026-10-01T00:00:00Z");
    expect(listed.status).toBe(200);
    expect(listed.body.events.map((e: { type: string; recipients: string[] }) => [e.type, e.recipients])).toEqual(
      expect.arrayContaining([["Bounce", ["ola@example.org"]], ["Complaint", ["team@example.org"]]]),
    );
    expect(listed.body.count).toBe(2);
    const { specialistToken } = await seedTeam(api);
    expect((await api.get("/admin/email-events", specialistToken)).status).toBe(403);
    expect((await api.get("/admin/email-events?since=yesterday")).body.message).toMatch(/^since: /);
  });

  it("answers 404 for unknown routes and ids", async () => {
    expect((await api.get("/nowhere")).status).toBe(404);
    expect((await api.get("/participants/UNKNOWN")).status).toBe(404);
    expect((await api.get("/specialists/UNKNOWN/caseload")).status).toBe(404);
  });

  it("tells and moves the virtual clock", async () => {
    const before = await api.call("GET", "/local/clock");
    const moved = await api.advance({ hours: 5 });
    expect(new Date(moved.body.now).getTime() - new Date(before.body.now).getTime()).toBe(5 * 3600_000);
    expect((await api.advance({ to: "2000-01-01T00:00:00Z" })).status).toBe(400);
    expect((await api.advance({})).status).toBe(400);
  });
});
