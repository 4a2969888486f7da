import { describe, expect, it } from "vitest";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { capturedMail } from "../support/deps";
import { expectNoPersonalData } from "../support/privacy";
import { useWorkflowSystem } from "./scenario";

// Monday 2 November 2026, 10:00 in Oslo (winter time, UTC+1).
const { system, s, seedTeam } = useWorkflowSystem({ start: "2026-11-02T10:00" });

describe("journey workflow on the local engine", () => {
  it("reminds before the 30-day deadline, flags it when missed (once, for the team) and mails no names", async () => {
    const ctx = await seedTeam();
    const { api } = system();
    const id = await s.refer(ctx, "P-0193");
    const journey = await api.get(`/participants/${id}/journey`);
    expect(journey.body).toMatchObject({ generation: 1, status: "RUNNING", parked: true });

    // Three weeks in: nothing to act on yet (the deadline of 2 Dec is more than 7 days away).
    await api.advance({ to: "2026-11-24T08:30:00Z" });
    expect(await capturedMail(ctx.specialist.email)).toHaveLength(0);

    // 25 Nov 08:00 Oslo: the deadline is 7 days away: the morning digest lists it.
    await api.advance({ to: "2026-11-25T08:30:00Z" });
    let mail = await capturedMail(ctx.specialist.email);
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toMatch(/\d/);
    expect(mail[0].body.text).toContain("P-0193");
    expect(mail[0].body.html).toContain(`/participants/${id}`);

    // The deadline passes with no employer contact: overdue, and recorded for the team once.
    await api.advance({ to: "2026-12-04T08:30:00Z" });
    expect((await s.open(id, "first-employer-contact"))!.status).toBe("overdue");
    const alerts = await system().deps.db.send(
      new QueryCommand({
        TableName: system().deps.tableName,
        IndexName: "gsi2",
        KeyConditionExpression: "gsi2pk = :pk AND begins_with(gsi2sk, :a)",
        ExpressionAttributeValues: { ":pk": `TEAM#${ctx.team.id}`, ":a": "ALERT#" },
      }),
    );
    expect(alerts.Items?.map((a) => a.kind)).toEqual(["first-employer-contact"]);
    mail = await capturedMail(ctx.specialist.email);
    const last = mail.at(-1)!;
    expect(last.body.text).toMatch(/forfalt|over fristen/i);
    for (const m of mail) expectNoPersonalData(`${m.subject}\n${m.body.text}\n${m.body.html}`, [ctx.specialist.name, "diagnose"]);
    // One digest per working morning, never two on one day.
    const days = mail.map((m) => m.subject);
    expect(new Set((await Promise.all(["2026-11-25", "2026-11-26"].map((d) => s.digestRecord(ctx.specialist.id, d)))).map((r) => r?.status))).toEqual(new Set(["sent"]));
    expect(days.length).toBe(8); // 25–27 Nov, 30 Nov–4 Dec: eight working mornings
  });

  it("an event wakes the parked journey at once and closes the obligation", async () => {
    const ctx = await seedTeam();
    const { api } = system();
    const id = await s.refer(ctx, "A.B.");
    const before = await api.get(`/participants/${id}/journey`);
    const result = await s.record(ctx, id, { type: "employer-contact", employer: "Kiwi", visit: 1 });
    expect(result.phase).toBe("job-search");
    const after = await api.get(`/participants/${id}/journey`);
    expect(after.body).toMatchObject({ status: "RUNNING", parked: true, generation: before.body.generation });
    expect(new Date(after.body.checkedInAt) >= new Date(before.body.checkedInAt)).toBe(true);
    expect(await s.open(id, "first-employer-contact")).toBeUndefined();
    // job search: the next employer contact is due 7 days after the last one
    const development = await s.open(id, "job-development");
    expect(development!.status).toBe("upcoming");
    const history = await system().stepFunctions.getExecutionHistory({ executionArn: after.body.executionArn });
    expect(history.events.length).toBeGreaterThan(5);
  });

  it("pause stops every clock until resume, and comes up for review at its end; exit ends the journey", async () => {
    const ctx = await seedTeam();
    const { api } = system();
    const id = await s.refer(ctx, "P.S.");
    const now = (await api.get("/local/clock")).body.now as string;
    await s.record(ctx, id, { type: "pause", until: new Date(Date.parse(now) + 60 * 86_400_000).toISOString() });
    const paused = await api.get(`/participants/${id}`);
    expect(paused.body.phase).toBe("paused");
    // Only the pause's review is open: the other clocks stand still.
    expect(paused.body.obligations.filter((o: { status: string }) => o.status !== "done").map((o: { kind: string }) => o.kind)).toEqual(["pause-review"]);
    const mailBefore = (await capturedMail(ctx.specialist.email)).length;
    await api.advance({ days: 45 });
    expect((await capturedMail(ctx.specialist.email)).length).toBe(mailBefore);
    // At the pause's end the specialist is reminded to get in touch.
    await api.advance({ days: 17 });
    const reminded = (await capturedMail(ctx.specialist.email)).slice(mailBefore);
    expect(reminded.length).toBeGreaterThan(0);
    expect(reminded[0].body.text).toContain("P.S.");
    await s.record(ctx, id, { type: "resume" });
    expect((await api.get(`/participants/${id}`)).body.phase).not.toBe("paused");
    await s.record(ctx, id, { type: "exit", reason: "moved" });
    await api.advance({ hours: 1 });
    const journey = await api.get(`/participants/${id}/journey`);
    expect(journey.body.status).toBe("SUCCEEDED");
    expect((await api.get(`/participants/${id}`)).body.phase).toBe("exited");
  });
});
