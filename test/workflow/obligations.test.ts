import { describe, expect, it } from "vitest";
import { keys } from "../../adapters/dynamodb/keys";
import { digestLines, digestOn, midnight, oslo, useWorkflowSystem } from "./scenario";

/**
 * Every obligation rule of core/journey/rules.ts, through the whole local system: events go in
 * through the HTTP API at virtual times, the journey workflow plans and records what comes due,
 * and the morning digest tells the specialist, by participant code, in plain words. One system
 * (one virtual clock) for the file; each test starts at its own local time, later than the one
 * before, with its own team and specialist (own mailbox), and ends its participants' journeys so
 * that later tests do not pay for their digests.
 */

// Monday 2 November 2026, 10:00 in Oslo.
const { s, seedTeam } = useWorkflowSystem({ start: "2026-11-02T10:00" });

const recordedDue = async (id: string) => (await s.dueRecords(id)).map((r) => `${r.kind}@${r.dueAt}`);

describe("obligations through the system", () => {
  it("first employer contact and benefits counselling: due 30 days after referral, warned 7 days ahead, recorded and flagged when missed", async () => {
    const team = await seedTeam();
    const id = await s.refer(team, "F.C.");
    expect(await s.open(id, "first-employer-contact")).toMatchObject({ dueAt: midnight("2026-12-02"), status: "upcoming" });
    expect(await s.open(id, "benefits-counselling")).toMatchObject({ dueAt: midnight("2026-12-02"), status: "upcoming" });
    expect(await s.open(id, "outreach")).toMatchObject({ dueAt: midnight("2026-12-02"), status: "upcoming" });

    // Nothing to act on until the deadlines are within 7 days: the first digest is Wednesday 25 November.
    await s.advanceTo("2026-11-25T09:00");
    expect(await s.digestDates(team.specialist.id)).toEqual(["2026-11-25"]);
    const warning = await digestOn(team, "2026-11-25");
    expect(warning!.subject).toBe("IPS: 2 frister nærmer seg");
    expect(digestLines(warning!.body.text!)).toEqual([
      {
        code: "F.C.",
        tasks: [
          { task: "Tilby rådgivning om økonomi og ytelser", status: "om 7 dager" },
          { task: "Ta første arbeidsgiverkontakt", status: "om 7 dager" },
        ],
      },
    ]);

    // Benefits counselling is held: that deadline is closed, and it was a contact with the
    // participant, so outreach starts again from it; the employer-contact deadline runs on.
    await s.advanceTo("2026-11-26T10:00");
    await s.record(team, id, { type: "benefits-counselling" });
    expect(await s.open(id, "benefits-counselling")).toBeUndefined();
    expect((await s.participant(id)).obligations.find((o) => o.kind === "benefits-counselling")).toMatchObject({
      status: "done",
      doneAt: oslo("2026-11-26T10:00"),
    });

    // 2 December passes without an employer contact: recorded as come due at its midnight, and
    // flagged once for the team as a missed deadline.
    await s.advanceTo("2026-12-03T09:00");
    expect(await s.open(id, "first-employer-contact")).toMatchObject({ status: "overdue" });
    expect(await recordedDue(id)).toEqual([`first-employer-contact@${midnight("2026-12-02")}`]);
    expect(await s.open(id, "outreach")).toMatchObject({ dueAt: midnight("2026-12-26"), status: "upcoming" });
    expect((await s.dueRecords(id)).every((r) => r.recordedAt === midnight("2026-12-02"))).toBe(true);
    expect(await s.item(keys.missedDeadline(id, "first-employer-contact", midnight("2026-12-02")))).toMatchObject({
      teamId: team.team.id,
      code: "F.C.",
    });
    expect(digestLines((await digestOn(team, "2026-12-03"))!.body.text!)).toEqual([
      {
        code: "F.C.",
        flagged: true,
        tasks: [{ task: "Ta første arbeidsgiverkontakt", status: "1 dag over fristen" }],
      },
    ]);

    // A late employer contact still starts job search and closes the deadline.
    await s.advanceTo("2026-12-03T10:00");
    expect((await s.record(team, id, { type: "employer-contact", employer: "Kiwi", visit: 1 })).phase).toBe("job-search");
    expect(await s.open(id, "first-employer-contact")).toBeUndefined();
    await s.record(team, id, { type: "exit", reason: "other" });
  });

  it("job development: in job search, due 7 days after the last employer contact", async () => {
    await s.advanceTo("2026-12-03T10:00");
    const team = await seedTeam();
    const id = await s.refer(team, "J.D.");
    await s.record(team, id, { type: "employer-contact", employer: "Kiwi", visit: 1 });
    expect(await s.open(id, "job-development")).toMatchObject({ dueAt: midnight("2026-12-10") });

    await s.advanceTo("2026-12-07T10:00");
    await s.record(team, id, { type: "employer-contact", employer: "Rema", visit: 2 });
    expect(await s.open(id, "job-development")).toMatchObject({ dueAt: midnight("2026-12-14"), status: "upcoming" });

    // Friday 11 December lists nothing (14 December is the next working day itself); Monday does.
    await s.advanceTo("2026-12-14T09:00");
    expect(await s.digestDates(team.specialist.id)).toEqual(["2026-12-14"]);
    expect(digestLines((await digestOn(team, "2026-12-14"))!.body.text!)).toEqual([
      { code: "J.D.", tasks: [{ task: "Jobbutvikling: ta ny arbeidsgiverkontakt", status: "i dag" }] },
    ]);
    await s.advanceTo("2026-12-15T09:00");
    expect(digestLines((await digestOn(team, "2026-12-15"))!.body.text!)).toEqual([
      { code: "J.D.", flagged: true, tasks: [{ task: "Jobbutvikling: ta ny arbeidsgiverkontakt", status: "1 dag over fristen" }] },
    ]);
    // A weekly round does not wake the journey: the contact that ends it records that it came due.
    expect(await recordedDue(id)).toEqual([]);

    // The next contact closes it and opens the next round, 7 days on.
    await s.advanceTo("2026-12-15T10:00");
    await s.record(team, id, { type: "employer-contact", employer: "Meny", visit: 3 });
    expect(await s.open(id, "job-development")).toMatchObject({ dueAt: midnight("2026-12-22"), status: "upcoming" });
    expect(await recordedDue(id)).toEqual([`job-development@${midnight("2026-12-14")}`]);
    await s.record(team, id, { type: "exit", reason: "other" });
  });

  it("job and school starts: a contact within 3 days, then weekly through placement", async () => {
    await s.advanceTo("2026-12-15T10:00");
    const team = await seedTeam();
    const worker = await s.refer(team, "J.S.");
    const student = await s.refer(team, "E.S.");
    // A job start is an employer contact: the 30-day deadline is met.
    expect((await s.record(team, worker, { type: "job-start", employer: "Kiwi", hoursPerWeek: 4, wage: "ordinary", temporary: false })).phase).toBe(
      "placement",
    );
    expect((await s.record(team, student, { type: "education-start" })).phase).toBe("placement");
    for (const id of [worker, student]) {
      expect(await s.open(id, "job-start-follow-up")).toMatchObject({ dueAt: midnight("2026-12-18"), status: "upcoming" });
      expect(await s.open(id, "placement-follow-up")).toMatchObject({ dueAt: midnight("2026-12-22") });
    }
    expect(await s.open(worker, "first-employer-contact")).toBeUndefined();
    expect(await s.open(student, "first-employer-contact")).toMatchObject({ dueAt: midnight("2027-01-14") });

    // A call to the employer two days in is weekly follow-up, not the check with the participant.
    await s.advanceTo("2026-12-17T10:00");
    await s.record(team, worker, { type: "follow-up-contact", with: "employer" });
    expect(await s.open(worker, "job-start-follow-up")).toMatchObject({ dueAt: midnight("2026-12-18") });
    expect(await s.open(worker, "placement-follow-up")).toMatchObject({ dueAt: midnight("2026-12-24") });
    // One contact with the participant closes both the 3-day and the weekly follow-up; the next week counts from it.
    await s.record(team, worker, { type: "follow-up-contact", with: "participant" });
    expect(await s.open(worker, "job-start-follow-up")).toBeUndefined();
    expect(await s.open(worker, "placement-follow-up")).toMatchObject({ dueAt: midnight("2026-12-24") });

    await s.advanceTo("2026-12-18T09:00");
    expect(digestLines((await digestOn(team, "2026-12-18"))!.body.text!)).toEqual([
      { code: "E.S.", tasks: [{ task: "Følg opp oppstarten", status: "i dag" }] },
    ]);
    // Thursday 24 December is the last working day before Christmas: the weekly follow-ups due
    // then are listed today.
    await s.advanceTo("2026-12-24T09:00");
    expect(digestLines((await digestOn(team, "2026-12-24"))!.body.text!)).toEqual([
      {
        code: "E.S.",
        flagged: true,
        tasks: [
          { task: "Følg opp oppstarten", status: "6 dager over fristen" },
          { task: "Ukentlig oppfølging første måned", status: "2 dager over fristen" },
        ],
      },
      { code: "J.S.", tasks: [{ task: "Ukentlig oppfølging første måned", status: "i dag" }] },
    ]);
    await s.advanceTo("2026-12-28T10:00");
    await s.record(team, worker, { type: "follow-up-contact", with: "participant" });
    expect(await s.open(worker, "placement-follow-up")).toMatchObject({ dueAt: midnight("2027-01-04"), status: "upcoming" });
    expect(await recordedDue(worker)).toEqual([`placement-follow-up@${midnight("2026-12-24")}`]);
    for (const id of [worker, student]) await s.record(team, id, { type: "exit", reason: "other" });
  });

  it("placement turns into follow-up after 28 days: follow-up 30 days after the last contact, or the participant's own interval; outreach after 30 days without the participant", async () => {
    await s.advanceTo("2027-01-04T10:00");
    const team = await seedTeam();
    const id = await s.refer(team, "F.U.");
    await s.record(team, id, { type: "job-start", employer: "Coop", hoursPerWeek: 15, wage: "subsidised", temporary: false });
    for (const day of ["2027-01-06", "2027-01-13", "2027-01-20", "2027-01-27"]) {
      await s.advanceTo(`${day}T10:00`);
      await s.record(team, id, { type: "follow-up-contact", with: "participant" });
    }
    await s.advanceTo("2027-01-31T23:30");
    expect((await s.participant(id)).phase).toBe("placement");
    // 1 February 00:00, 28 days after the start: follow-up, due 30 days after the contact of 27 January.
    await s.advanceTo("2027-02-01T00:30");
    expect((await s.participant(id)).phase).toBe("follow-up");
    expect(await s.openKinds(id)).toEqual(["benefits-counselling", "follow-up", "outreach"]);
    expect(await s.open(id, "follow-up")).toMatchObject({ dueAt: midnight("2027-02-26") });
    expect(await s.item(keys.participant(id))).toMatchObject({ phase: "follow-up" });

    // The participant wants a contact every other week: the open follow-up is re-timed from the same contact.
    await s.advanceTo("2027-02-01T10:00");
    await s.record(team, id, { type: "follow-up-interval", days: 14 });
    expect(await s.open(id, "follow-up")).toMatchObject({ dueAt: midnight("2027-02-10") });
    await s.advanceTo("2027-02-10T09:00");
    expect(digestLines((await digestOn(team, "2027-02-10"))!.body.text!)).toContainEqual(
      expect.objectContaining({
        code: "F.U.",
        tasks: expect.arrayContaining([{ task: "Ta oppfølgingskontakt med deltaker eller arbeidsgiver", status: "i dag" }]),
      }),
    );
    // A contact with the employer closes the follow-up (next one in 14 days) but not outreach; it
    // records that the round came due.
    await s.advanceTo("2027-02-10T10:00");
    expect(await recordedDue(id)).not.toContain(`follow-up@${midnight("2027-02-10")}`);
    await s.record(team, id, { type: "follow-up-contact", with: "employer" });
    expect(await recordedDue(id)).toContain(`follow-up@${midnight("2027-02-10")}`);
    expect(await s.open(id, "follow-up")).toMatchObject({ dueAt: midnight("2027-02-24") });
    expect(await s.open(id, "outreach")).toMatchObject({ dueAt: midnight("2027-02-26") });
    await s.advanceTo("2027-02-24T10:00");
    await s.record(team, id, { type: "follow-up-contact", with: "employer" });

    // 30 days without the participant: get back in touch.
    await s.advanceTo("2027-02-26T09:00");
    expect(digestLines((await digestOn(team, "2027-02-26"))!.body.text!)).toContainEqual(
      expect.objectContaining({
        code: "F.U.",
        tasks: expect.arrayContaining([{ task: "Nå ut til deltakeren – ingen kontakt på 30 dager", status: "i dag" }]),
      }),
    );
    await s.advanceTo("2027-02-26T10:00");
    await s.record(team, id, { type: "participant-meeting" });
    expect(await s.open(id, "outreach")).toMatchObject({ dueAt: midnight("2027-03-28") });
    expect(await s.open(id, "follow-up")).toMatchObject({ dueAt: midnight("2027-03-10") });
    await s.record(team, id, { type: "exit", reason: "other" });
  });

  it("job loss: a contact within 3 days of the end; someone still at school stays in follow-up", async () => {
    await s.advanceTo("2027-03-01T10:00");
    const team = await seedTeam();
    const id = await s.refer(team, "J.L.");
    await s.record(team, id, { type: "education-start" });
    await s.record(team, id, { type: "job-start", employer: "Kiwi", hoursPerWeek: 6, wage: "ordinary", temporary: true });
    await s.advanceTo("2027-04-05T10:00");
    expect((await s.participant(id)).phase).toBe("follow-up");

    expect((await s.record(team, id, { type: "job-end" })).phase).toBe("follow-up");
    expect(await s.open(id, "job-loss-follow-up")).toMatchObject({ dueAt: midnight("2027-04-08"), status: "upcoming" });
    await s.advanceTo("2027-04-08T09:00");
    expect(digestLines((await digestOn(team, "2027-04-08"))!.body.text!)).toContainEqual(
      expect.objectContaining({
        code: "J.L.",
        tasks: expect.arrayContaining([{ task: "Ta kontakt etter jobbslutt", status: "i dag" }]),
      }),
    );
    await s.advanceTo("2027-04-08T10:00");
    await s.record(team, id, { type: "follow-up-contact", with: "participant" });
    expect(await s.open(id, "job-loss-follow-up")).toBeUndefined();
    expect(await recordedDue(id)).toContain(`job-loss-follow-up@${midnight("2027-04-08")}`);
    await s.record(team, id, { type: "exit", reason: "other" });
  });

  it("a team that reads English gets its specialist's digest in English", async () => {
    await s.advanceTo("2027-04-08T10:00");
    const team = await seedTeam({ locale: "en" });
    // Referred 35 days ago: both 30-day deadlines and outreach came due on 3 April.
    const id = await s.refer(team, "EN-7", oslo("2027-03-04T10:00"));
    await s.advanceTo("2027-04-09T09:00");
    const digest = await digestOn(team, "2027-04-09", "en");
    expect(digest!.subject).toBe("IPS: 3 overdue");
    // One row: the missed 30-day deadline first.
    expect(digestLines(digest!.body.text!)).toEqual([
      {
        code: "EN-7",
        flagged: true,
        tasks: [
          { task: "Make the first employer contact", status: "6 days overdue" },
          { task: "Offer advice on income and benefits", status: "6 days overdue" },
          { task: "Reach out to the participant – no contact for 30 days", status: "6 days overdue" },
        ],
      },
    ]);
    expect(digest!.body.text).toContain("\nOverdue\n");
    expect(digest!.body.html).toContain('<html lang="en">');
    expect(digest!.body.text).not.toMatch(/oppgave|forfalt|fristen/i);
    await s.record(team, id, { type: "exit", reason: "other" });
  });
});
