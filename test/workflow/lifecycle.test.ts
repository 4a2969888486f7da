import { afterEach, describe, expect, it } from "vitest";
import { keys } from "../../adapters/dynamodb/keys";
import { lambdaArn, sdkIntegrations } from "../../local/functions";
import { createHandler as createPlanHandler } from "../../functions/journey-plan/handler";
import { digestLines, digestOn, midnight, oslo, useWorkflowSystem } from "./scenario";

/**
 * A participant's journey through the whole local system, beyond the obligations themselves:
 * pause and resume, exit and return, a job that ends and the next one, an execution that is lost,
 * and an event that lands while the journey is planning. One system (one virtual clock) for the
 * file; every test starts at its own local time, later than the test before it.
 */

// Monday 2 November 2026, 10:00 in Oslo.
const { system, s, seedTeam } = useWorkflowSystem({ start: "2026-11-02T10:00" });

const lambda = (folder: string) => lambdaArn(system().deps.deployment.region, system().deps.deployment.name, folder);
const lambdaContext = (folder: string) => ({ functionName: folder, awsRequestId: "scenario" });
const planHandler = () => createPlanHandler(() => system().deps) as unknown as (event: unknown, context: object) => Promise<unknown>;
const [awaitWrite] = sdkIntegrations(() => system().deps);

afterEach(() => {
  // Tests that intercept a workflow function put the plain handler back.
  system().stepFunctions.addLambda(lambda("journey-plan"), (event) => planHandler()(event, lambdaContext("journey-plan")));
  system().stepFunctions.addSdkIntegration("dynamodb", "updateItem", awaitWrite.handler);
});

describe("pause, resume, exit and return", () => {
  it("a pause stops every clock and every digest; resume lets each clock run on with the days it had left", async () => {
    const team = await seedTeam();
    const id = await s.refer(team, "P.R.");
    expect((await s.open(id, "first-employer-contact"))!.dueAt).toBe(midnight("2026-12-02"));

    // Ten days in (20 days left on both 30-day clocks), the participant takes a break.
    await s.advanceTo("2026-11-12T10:00");
    // Until the day after the return: the review of the pause is not yet due when it ends.
    expect((await s.record(team, id, { type: "pause", until: oslo("2026-12-15T10:00") })).phase).toBe("paused");
    expect(await s.openKinds(id)).toEqual(["pause-review"]);
    expect(await s.journey(id)).toMatchObject({ status: "RUNNING", parked: true, generation: 1 });

    // 32 days of pause, across the original deadline of 2 December: no reminder, nothing came due.
    await s.advanceTo("2026-12-14T10:00");
    expect((await s.participant(id)).phase).toBe("paused");
    expect(await s.mail(team)).toHaveLength(0);
    expect(await s.digestDates(team.specialist.id)).toEqual([]);
    expect(await s.dueRecords(id)).toEqual([]);

    // Back on 14 December: 20 days left, so the deadlines move to 3 January.
    expect((await s.record(team, id, { type: "resume" })).phase).toBe("referral");
    for (const kind of ["first-employer-contact", "benefits-counselling", "outreach"]) {
      expect(await s.open(id, kind), kind).toMatchObject({ dueAt: midnight("2027-01-03"), status: "upcoming" });
    }
    expect(await s.journey(id)).toMatchObject({ status: "RUNNING", parked: true, generation: 1 });

    // The digest warns seven days ahead again: the first one is Monday 28 December (3 January is
    // within seven days of it; the digests of 15-24 December were too early).
    await s.advanceTo("2026-12-28T09:00");
    expect(await s.digestDates(team.specialist.id)).toEqual(["2026-12-28"]);
    const digest = await digestOn(team, "2026-12-28");
    expect(digestLines(digest!.body.text!)).toEqual([
      {
        code: "P.R.",
        tasks: [
          { task: "Tilby rådgivning om økonomi og ytelser", status: "om 6 dager" },
          { task: "Ta første arbeidsgiverkontakt", status: "om 6 dager" },
        ],
      },
    ]);
  });

  it("exit ends the journey and the digests; a resume after exit is a return with fresh clocks in a new generation", async () => {
    await s.advanceTo("2026-12-28T10:00");
    const team = await seedTeam();
    // Referred 40 days ago: both 30-day deadlines are overdue, so every working morning has a digest.
    const id = await s.refer(team, "E.X.", oslo("2026-11-18T10:00"));
    await s.advanceTo("2026-12-29T09:00");
    expect(await s.digestDates(team.specialist.id)).toEqual(["2026-12-29"]);
    const first = await s.journey(id);
    expect(first).toMatchObject({ generation: 1, status: "RUNNING", parked: true });

    expect((await s.record(team, id, { type: "exit", reason: "moved" })).phase).toBe("exited");
    expect(await s.journey(id)).toMatchObject({ generation: 1, status: "SUCCEEDED" });
    expect(await s.openKinds(id)).toEqual([]);

    // Working mornings go by (30 and 31 December, 4-8 January): no digest for an exited participant.
    await s.advanceTo("2027-01-08T10:00");
    expect(await s.digestDates(team.specialist.id)).toEqual(["2026-12-29"]);
    expect(await s.mail(team)).toHaveLength(1);

    // Coming back is a new referral: fresh 30-day clocks from today, a new generation running.
    expect((await s.record(team, id, { type: "resume" })).phase).toBe("referral");
    const back = await s.journey(id);
    expect(back).toMatchObject({ generation: 2, status: "RUNNING", parked: true });
    expect(back.executionArn.endsWith(`:${id}-g2`)).toBe(true);
    expect(await s.open(id, "first-employer-contact")).toMatchObject({ dueAt: midnight("2027-02-07"), status: "upcoming" });
    expect(await s.open(id, "benefits-counselling")).toMatchObject({ dueAt: midnight("2027-02-07"), status: "upcoming" });

    // The returned participant's journey keeps time again: the missed deadline is recorded.
    await s.advanceTo("2027-02-08T10:00");
    expect((await s.dueRecords(id)).map((r) => `${r.kind}@${r.dueAt}`)).toEqual(
      expect.arrayContaining([`first-employer-contact@${midnight("2027-02-07")}`]),
    );
    await s.record(team, id, { type: "exit", reason: "other" });
  });
});

describe("jobs", () => {
  it("a temporary job ends: job search with a job-loss follow-up; a new job starts its own follow-up; both jobs are kept", async () => {
    await s.advanceTo("2027-02-08T10:00");
    const team = await seedTeam();
    const id = await s.refer(team, "J.E.");
    expect((await s.record(team, id, { type: "employer-contact", employer: "Coop", visit: 1 })).phase).toBe("job-search");
    const start = await s.record(team, id, { type: "job-start", employer: "Coop", hoursPerWeek: 10, wage: "ordinary", temporary: true });
    expect(start.phase).toBe("placement");
    expect(await s.open(id, "job-start-follow-up")).toMatchObject({ dueAt: midnight("2027-02-11") });

    // Weekly contacts through placement; it turns into follow-up 28 days after the start.
    for (const day of ["2027-02-10", "2027-02-17", "2027-02-24", "2027-03-03"]) {
      await s.advanceTo(`${day}T10:00`);
      await s.record(team, id, { type: "follow-up-contact", with: "participant" });
    }
    await s.advanceTo("2027-03-08T10:00");
    expect((await s.participant(id)).phase).toBe("follow-up");

    // The temporary post ends: back to job search; a contact within 3 days; job development from the end.
    await s.advanceTo("2027-03-15T10:00");
    expect((await s.record(team, id, { type: "job-end", reason: "temporary-ended" })).phase).toBe("job-search");
    expect(await s.open(id, "job-loss-follow-up")).toMatchObject({ dueAt: midnight("2027-03-18"), status: "upcoming" });
    expect(await s.open(id, "job-development")).toMatchObject({ dueAt: midnight("2027-03-22") });
    expect(await s.open(id, "follow-up")).toBeUndefined();

    // Not met in time: the digest of Friday 19 March lists it as overdue.
    await s.advanceTo("2027-03-19T09:00");
    expect(digestLines((await digestOn(team, "2027-03-19"))!.body.text!)).toContainEqual(
      expect.objectContaining({
        code: "J.E.",
        flagged: true,
        tasks: expect.arrayContaining([{ task: "Ta kontakt etter jobbslutt", status: "1 dag over fristen" }]),
      }),
    );
    await s.record(team, id, { type: "participant-meeting" });
    expect(await s.open(id, "job-loss-follow-up")).toBeUndefined();

    // A new, permanent job: placement again, with a new 3-day follow-up.
    await s.advanceTo("2027-03-22T10:00");
    expect((await s.record(team, id, { type: "job-start", employer: "Rema", hoursPerWeek: 20, wage: "subsidised", temporary: false })).phase).toBe(
      "placement",
    );
    expect(await s.open(id, "job-start-follow-up")).toMatchObject({ dueAt: midnight("2027-03-25"), status: "upcoming" });
    const { jobs } = await s.participant(id);
    expect(jobs).toEqual([
      expect.objectContaining({ kind: "job", employer: "Coop", temporary: true, endedAt: oslo("2027-03-15T10:00") }),
      expect.objectContaining({ kind: "job", employer: "Rema", temporary: false, wage: "subsidised" }),
    ]);
    expect(jobs[1]).not.toHaveProperty("endedAt");

    // The journey records the new follow-up when it comes due (Maundy Thursday), and the digest
    // of the Wednesday before Easter lists it already.
    await s.advanceTo("2027-03-25T10:00");
    expect(digestLines((await digestOn(team, "2027-03-24"))!.body.text!)).toContainEqual(
      expect.objectContaining({
        code: "J.E.",
        tasks: expect.arrayContaining([{ task: "Følg opp oppstarten", status: "om 1 dag" }]),
      }),
    );
    const due = (await s.dueRecords(id)).find((r) => r.kind === "job-start-follow-up" && r.dueAt === midnight("2027-03-25"));
    expect(due?.recordedAt).toBe(midnight("2027-03-25"));
    await s.record(team, id, { type: "exit", reason: "other" });
  });
});

describe("a journey that loses its execution, and events that race the plan", () => {
  it("an event for a journey whose execution was stopped starts the next generation, and nothing is lost", async () => {
    await s.advanceTo("2027-03-29T10:00");
    const team = await seedTeam();
    const id = await s.refer(team, "L.E.");
    const lost = await s.journey(id);
    expect(lost).toMatchObject({ generation: 1, status: "RUNNING" });
    await system().stepFunctions.stopExecution({ executionArn: lost.executionArn, error: "Lost", cause: "stopped by the test" });
    await system().clock.settle();
    expect(await s.journey(id)).toMatchObject({ generation: 1, status: "ABORTED" });

    await s.advanceTo("2027-03-30T10:00");
    const event = await s.record(team, id, { type: "employer-contact", employer: "Kiwi" });
    expect(event.phase).toBe("job-search");
    const found = await s.journey(id);
    expect(found).toMatchObject({ generation: 2, status: "RUNNING", parked: true });
    expect(found.executionArn.endsWith(`:${id}-g2`)).toBe(true);
    const view = await s.participant(id);
    expect(view.events).toHaveLength(1);
    expect(view.obligations.find((o) => o.kind === "first-employer-contact")).toMatchObject({ status: "done" });
    expect(await s.open(id, "job-development")).toMatchObject({ dueAt: midnight("2027-04-06") });

    // The new generation keeps the clocks: it waits for the benefits counselling due 30 days after
    // the referral, and the digest reminds of the job development that came due meanwhile.
    expect(system().clock.pendingTimers()).toContainEqual({ at: new Date(midnight("2027-04-28")), label: `sfn ${id}-g2: Await timeout` });
    await s.advanceTo("2027-04-07T09:00");
    expect(digestLines((await digestOn(team, "2027-04-07"))!.body.text!)).toContainEqual(
      expect.objectContaining({
        code: "L.E.",
        flagged: true,
        tasks: expect.arrayContaining([{ task: "Jobbutvikling: ta ny arbeidsgiverkontakt", status: "1 dag over fristen" }]),
      }),
    );
    await s.record(team, id, { type: "exit", reason: "other" });
  });

  it("an event recorded while the journey plans is not slept through: the await's write sees the newer version and plan runs again", async () => {
    await s.advanceTo("2027-04-12T10:00");
    const team = await seedTeam();
    const id = await s.refer(team, "R.A.");
    const parkOutcomes: string[] = [];
    let injected = false;
    system().stepFunctions.addSdkIntegration("dynamodb", "updateItem", async (parameters) => {
      const ours = (parameters as { Key: { pk: { S: string } } }).Key.pk.S === keys.journey(id).pk;
      if (ours && !injected && (await s.participant(id)).phase === "job-search") {
        // The plan has read version 1 (the employer contact); a job start lands before the await stores its token.
        injected = true;
        await s.record(team, id, { type: "job-start", employer: "Kiwi", hoursPerWeek: 8, wage: "ordinary", temporary: false }, { settle: false });
      }
      try {
        const out = await awaitWrite.handler(parameters);
        if (ours) parkOutcomes.push("parked");
        return out;
      } catch (error) {
        if (ours) parkOutcomes.push((error as Error).name === "ConditionalCheckFailedException" ? "stale" : "failed");
        throw error;
      }
    });

    await s.record(team, id, { type: "employer-contact", employer: "Kiwi" });
    expect(injected).toBe(true);
    expect(parkOutcomes).toEqual(["stale", "parked"]);

    const journeyItem = await s.item(keys.journey(id));
    const profile = await s.item(keys.participant(id));
    expect(profile?.version).toBe(2);
    expect(journeyItem?.plannedVersion).toBe(2);
    expect(profile?.phase).toBe("placement");
    expect((profile?.obligations as Array<{ kind: string; status: string }>).filter((o) => o.status !== "done").map((o) => o.kind)).toContain(
      "job-start-follow-up",
    );

    // The await was planned from the job start: its 3-day follow-up is recorded at the minute it comes due,
    // not when the employer contact's 7-day job development would have woken the journey.
    await s.advanceTo("2027-04-15T10:00");
    const due = (await s.dueRecords(id)).find((r) => r.kind === "job-start-follow-up");
    expect(due).toMatchObject({ dueAt: midnight("2027-04-15"), recordedAt: midnight("2027-04-15") });
    await s.record(team, id, { type: "exit", reason: "other" });
  });

  // Two moments a return can land while an exited journey is on its way out: after the plan has
  // read the exit but before it says so on the journey record, or after the plan has decided to end.
  it.each([
    { moment: "before the plan marks the journey as ending", code: "R.E.", start: "2027-04-16T10:00" },
    { moment: "after the plan decided to end", code: "R.F.", start: "2027-04-16T11:00" },
  ])("a return recorded $moment is not lost: the journey runs on", async ({ moment, code, start }) => {
    await s.advanceTo(start);
    const team = await seedTeam();
    const id = await s.refer(team, code);
    let injected = false;
    const comeBack = async () => {
      injected = true;
      await s.record(team, id, { type: "resume" }, { settle: false });
    };
    const early = moment.startsWith("before");
    // The plan's own writes pass through here, so the return can land between two of them.
    const db = {
      send: async (command: { input: { UpdateExpression?: string } }) => {
        if (early && !injected && command.input.UpdateExpression?.includes("endingVersion")) await comeBack();
        return system().deps.db.send(command as never);
      },
    };
    const plan = createPlanHandler(() => ({ ...system().deps, db: db as never })) as unknown as (event: unknown, context: object) => Promise<unknown>;
    system().stepFunctions.addLambda(lambda("journey-plan"), async (event) => {
      const planned = (await plan(event, lambdaContext("journey-plan"))) as { action: string };
      const participantId = (event as { state: { participantId: string } }).state.participantId;
      if (!early && !injected && participantId === id && planned.action === "end") await comeBack();
      return planned;
    });

    await s.record(team, id, { type: "exit", reason: "moved" });
    expect(injected).toBe(true);
    expect((await s.participant(id)).phase).toBe("referral");
    const journey = await s.journey(id);
    expect(journey).toMatchObject({ status: "RUNNING", parked: true, generation: 2 });
    expect(await s.item(keys.journey(id))).toMatchObject({ generation: 2, plannedVersion: 2 });
    const executions = (await system().stepFunctions.listExecutions({ stateMachineArn: system().stateMachines.journey })).executions;
    expect(executions.filter((e) => e.name.startsWith(id) && e.status === "RUNNING").map((e) => e.name)).toEqual([`${id}-g2`]);

    // The new generation waits for the returned participant's 30-day deadlines.
    expect(system().clock.pendingTimers()).toContainEqual({ at: new Date(midnight("2027-05-16")), label: `sfn ${id}-g2: Await timeout` });
    await s.record(team, id, { type: "exit", reason: "other" });
  });

  it("events recorded back to back, without waiting for the journey, all count and the journey parks on the latest version", async () => {
    await s.advanceTo("2027-04-19T10:00");
    const team = await seedTeam();
    const ids = [await s.refer(team, "B.A."), await s.refer(team, "B.B."), await s.refer(team, "B.C.")];
    for (const id of ids) {
      await s.record(team, id, { type: "participant-meeting" }, { settle: false });
      await s.record(team, id, { type: "benefits-counselling" }, { settle: false });
      await s.record(team, id, { type: "employer-contact", employer: "Meny" }, { settle: false });
    }
    await system().clock.settle();

    for (const id of ids) {
      const journeyItem = await s.item(keys.journey(id));
      const profile = await s.item(keys.participant(id));
      expect(profile?.version, id).toBe(3);
      expect(journeyItem, id).toMatchObject({ generation: 1, plannedVersion: 3 });
      expect(journeyItem?.taskToken, id).toMatch(/^local-task-token:/);
      expect(profile?.phase).toBe("job-search");
      const stored = profile?.obligations as Array<{ kind: string; status: string }>;
      expect(stored.filter((o) => o.status !== "done").map((o) => o.kind).sort()).toEqual(["job-development", "outreach"]);
      expect(await s.journey(id)).toMatchObject({ status: "RUNNING", parked: true, generation: 1 });
    }
    // The three events closed both 30-day clocks and left only rounds that events end (job
    // development, outreach): each journey waits its longest, 35 days from the plan of the last event.
    for (const id of ids) {
      expect(system().clock.pendingTimers().filter((t) => t.label === `sfn ${id}-g1: Await timeout`)).toEqual([
        { at: new Date(oslo("2027-05-24T10:00")), label: `sfn ${id}-g1: Await timeout` },
      ]);
    }
  });
});
