import { describe, expect, it } from "vitest";
import { digestLines, digestOn, midnight, oslo, useWorkflowSystem, type Team } from "./scenario";

/**
 * The IPS rules as the method means them, through the whole local system: events go in through
 * the HTTP API, the journeys plan and wake on the virtual clock, and the morning digest tells the
 * specialist what is due. Each test would fail if its rule went back to what it was.
 */
// Monday 2 November 2026, 10:00 in Oslo.
const { s, seedTeam } = useWorkflowSystem({ start: "2026-11-02T10:00" });

const tasksOf = async (team: Team, day: string, code: string) =>
  digestLines((await digestOn(team, day))?.body.text ?? "").find((row) => row.code === code)?.tasks.map((t) => t.task) ?? [];

describe("the IPS rules through the system", () => {
  it("outreach: a job start is a contact with the participant, and a tapered interval is not overridden", async () => {
    const team = await seedTeam();
    // Referred 28 days ago, met on the day: outreach would come due on Wednesday.
    const hired = await s.refer(team, "O.J.", oslo("2026-10-05T10:00"));
    await s.record(team, hired, { type: "participant-meeting", at: oslo("2026-10-05T11:00") });
    await s.record(team, hired, { type: "employer-contact", employer: "Kiwi", at: oslo("2026-10-20T10:00") });
    await s.record(team, hired, { type: "job-start", employer: "Kiwi", hoursPerWeek: 8, wage: "ordinary", temporary: false });
    expect(await s.open(hired, "outreach")).toMatchObject({ dueAt: midnight("2026-12-02") });

    // Followed up for months, then tapering off to every 60 days: outreach waits as long.
    const tapered = await s.refer(team, "T.O.", oslo("2026-06-01T10:00"));
    await s.record(team, tapered, { type: "benefits-counselling", at: oslo("2026-06-05T10:00") });
    await s.record(team, tapered, { type: "job-start", employer: "Rema", hoursPerWeek: 20, wage: "ordinary", temporary: false, at: oslo("2026-06-10T10:00") });
    await s.record(team, tapered, { type: "follow-up-contact", with: "participant", at: oslo("2026-09-23T10:00") });
    await s.record(team, tapered, { type: "follow-up-interval", days: 60, at: oslo("2026-09-23T10:05") });
    expect(await s.open(tapered, "follow-up")).toMatchObject({ dueAt: midnight("2026-11-22") });
    expect(await s.open(tapered, "outreach")).toMatchObject({ dueAt: midnight("2026-11-22") });

    await s.advanceTo("2026-11-05T09:00");
    // Benefits counselling is late (never held), and the start is to be followed up; outreach is not due.
    expect((await tasksOf(team, "2026-11-05", "O.J.")).sort()).toEqual(["Følg opp oppstarten", "Tilby rådgivning om økonomi og ytelser"]);
    expect(await tasksOf(team, "2026-11-05", "T.O.")).toEqual([]);
  });

  it("job loss: the contact is due 3 days after the specialist learnt of it, not after the last day at work", async () => {
    await s.advanceTo("2026-11-09T10:00");
    const team = await seedTeam();
    const id = await s.refer(team, "J.L.", oslo("2026-08-03T10:00"));
    await s.record(team, id, { type: "job-start", employer: "Posten", hoursPerWeek: 10, wage: "ordinary", temporary: true, at: oslo("2026-08-20T10:00") });
    await s.record(team, id, { type: "follow-up-contact", with: "participant", at: oslo("2026-10-01T10:00") });
    // The job ended ten days ago; the specialist hears of it today.
    await s.record(team, id, { type: "job-end", reason: "temporary-ended", at: oslo("2026-10-30T16:00") });
    expect(await s.open(id, "job-loss-follow-up")).toMatchObject({ dueAt: midnight("2026-11-12"), status: "upcoming" });
    await s.advanceTo("2026-11-10T09:00");
    expect(await tasksOf(team, "2026-11-10", "J.L.")).not.toContain("Ta kontakt etter jobbslutt");
    await s.advanceTo("2026-11-12T09:00");
    expect(digestLines((await digestOn(team, "2026-11-12"))!.body.text!).find((row) => row.code === "J.L.")?.tasks).toContainEqual({
      task: "Ta kontakt etter jobbslutt",
      status: "i dag",
    });
  });

  it("a job offer: a contact within the week before the start, and benefits counselling before it; again after a change of hours", async () => {
    await s.advanceTo("2026-11-16T10:00");
    const team = await seedTeam();
    const id = await s.refer(team, "J.T.", oslo("2026-10-19T10:00"));
    await s.record(team, id, { type: "benefits-counselling" });
    await s.record(team, id, { type: "employer-contact", employer: "Coop" });
    // Monday 16 November: an offer for a job starting Thursday 26 November.
    await s.record(team, id, { type: "job-offer", employer: "Coop", startsAt: oslo("2026-11-26T08:00") });
    expect(await s.open(id, "pre-start-contact")).toMatchObject({ dueAt: midnight("2026-11-19") });
    expect(await s.open(id, "benefits-counselling")).toMatchObject({ dueAt: midnight("2026-11-30") });
    await s.advanceTo("2026-11-19T09:00");
    expect(await tasksOf(team, "2026-11-19", "J.T.")).toContain("Ta kontakt før jobbstart");
    await s.record(team, id, { type: "benefits-counselling", status: "offered" });
    await s.record(team, id, { type: "participant-meeting" });
    expect(await s.open(id, "pre-start-contact")).toBeUndefined();
    expect(await s.open(id, "benefits-counselling")).toBeUndefined();

    // Started, then more hours a month later: counselling again, due within 14 days.
    await s.advanceTo("2026-11-26T10:00");
    const start = await s.record(team, id, { type: "job-start", employer: "Coop", hoursPerWeek: 10, wage: "ordinary", temporary: false });
    await s.advanceTo("2026-12-28T10:00");
    await s.record(team, id, { type: "job-change", jobId: start.event.id, hoursPerWeek: 25 });
    expect(await s.open(id, "benefits-counselling")).toMatchObject({ dueAt: midnight("2027-01-11") });
    expect(((await s.participant(id)).jobs[0] as { hoursPerWeek: number }).hoursPerWeek).toBe(25);
  });
});
