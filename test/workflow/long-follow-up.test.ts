import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DescribeStateMachineCommand, DescribeStateMachineForExecutionCommand, ListStateMachinesCommand } from "@aws-sdk/client-sfn";
import type { ExecutionListItem } from "../../local/stepfunctions";
import { MAX_GENERATION_DAYS, MAX_PLANS_PER_GENERATION } from "../../core/wake/journey-payload";
import { digestLines, digestOn, midnight, oslo, plusDays, useWorkflowSystem } from "./scenario";

/**
 * Follow-up never ends by itself (IPS principle 8): a participant in work, followed for three
 * virtual years with a contact every four weeks, a few of them missed. The journey keeps reminding
 * in year 3 exactly as in year 1, while it hands over from generation to generation so that no
 * execution comes near Step Functions' limits. AWS ends a Standard execution after one year and at
 * 25,000 history events whatever the definition says, and the local engine does the same, so a
 * journey that handed over too late dies here as it would in AWS. Those bounds are AWS's, written
 * out; never the journey's own hand-over constants, which are what is being checked.
 */
const AWS_MAX_EXECUTION_DAYS = 365;
const AWS_MAX_HISTORY_EVENTS = 25_000;

const START = "2027-01-04"; // a Monday
const END = "2030-01-04";

const { system, s, seedTeam } = useWorkflowSystem({ start: `${START}T10:00` });

async function journeyExecutions(participantId: string) {
  const all: ExecutionListItem[] = [];
  let nextToken: string | undefined;
  do {
    const page = await system().stepFunctions.listExecutions({ stateMachineArn: system().stateMachines.journey, nextToken });
    all.push(...page.executions);
    nextToken = page.nextToken;
  } while (nextToken);
  return all.filter((e) => e.name.startsWith(`${participantId}-g`)).sort((a, b) => a.startDate.getTime() - b.startDate.getTime());
}

describe("three years of follow-up", () => {
  it("reminds in year 3 as in year 1 when a monthly contact is missed, across generations of small executions", async () => {
    // Fortnightly team summaries: half the Monday work of a weekly team, which this test does not need.
    const team = await seedTeam({ cadence: "fortnightly" });
    const id = await s.refer(team, "L-3");
    await s.record(team, id, { type: "benefits-counselling" });
    await s.record(team, id, { type: "employer-contact", employer: "Bama", visit: 3 });
    await s.record(team, id, { type: "job-start", employer: "Bama", hoursPerWeek: 12, wage: "ordinary", temporary: false });

    // Weekly through placement, then every four weeks (a Wednesday), for three years. The calls are
    // made at 07:00, before the morning digest, so a day with a call has nothing to remind of.
    const contactDays = ["2027-01-06", "2027-01-13", "2027-01-20", "2027-01-27"];
    while (plusDays(contactDays.at(-1)!, 28) < END) contactDays.push(plusDays(contactDays.at(-1)!, 28));
    // Missed contacts: one in each of years 1 and 2, two in year 3.
    const missed = new Set(["2027-06-16", "2028-05-17", "2029-04-18", "2029-10-03"]);
    for (const day of missed) expect(contactDays, day).toContain(day);

    const expectedDigests: string[] = [];
    let last = contactDays[0];
    for (const day of contactDays) {
      if (!missed.has(day)) {
        await s.advanceTo(`${day}T07:00`);
        await s.record(team, id, { type: "follow-up-contact", with: "participant" });
        last = day;
        continue;
      }
      // Nobody called: 30 days after the last contact (a Friday) the follow-up and the outreach fall
      // due; on Monday they are overdue and the specialist calls.
      const due = plusDays(last, 30);
      const monday = plusDays(due, 3);
      await s.advanceTo(`${monday}T09:00`);
      expect(digestLines((await digestOn(team, due))!.body.text!), due).toEqual([
        {
          code: "L-3",
          tasks: [
            { task: "Ta oppfølgingskontakt med deltaker eller arbeidsgiver", status: "i dag" },
            { task: "Nå ut til deltakeren – ingen kontakt på 30 dager", status: "i dag" },
          ],
        },
      ]);
      expect(digestLines((await digestOn(team, monday))!.body.text!), monday).toEqual([
        {
          code: "L-3",
          flagged: true,
          tasks: [
            { task: "Ta oppfølgingskontakt med deltaker eller arbeidsgiver", status: "3 dager over fristen" },
            { task: "Nå ut til deltakeren – ingen kontakt på 30 dager", status: "3 dager over fristen" },
          ],
        },
      ]);
      expectedDigests.push(due, monday);
      await s.advanceTo(`${monday}T10:00`);
      await s.record(team, id, { type: "follow-up-contact", with: "participant" });
      // Both rounds are recorded as come due under their due minute: by the journey, had it woken
      // by itself since, or else by this contact, which ended them.
      const recorded = (await s.dueRecords(id)).filter((r) => r.dueAt === midnight(due));
      expect(recorded.map((r) => r.kind).sort(), due).toEqual(["follow-up", "outreach"]);
      for (const { recordedAt } of recorded) expect(recordedAt >= midnight(due) && recordedAt <= oslo(`${monday}T10:00`), recordedAt).toBe(true);
      last = monday;
    }
    await s.advanceTo(`${END}T10:00`);

    // Reminders came on those mornings only: no stray digest in three years.
    expect(await s.digestDates(team.specialist.id)).toEqual(expectedDigests);
    expect(expectedDigests.filter((d) => d.startsWith("2029"))).toHaveLength(4);
    const view = await s.participant(id);
    expect(view.phase).toBe("follow-up");
    expect(await s.open(id, "follow-up")).toMatchObject({ status: "upcoming" });

    // Generations: each a fresh, small execution named <id>-g<n>; only the newest runs.
    const journey = await s.journey(id);
    const executions = await journeyExecutions(id);
    expect(journey.generation).toBeGreaterThan(1);
    expect(journey).toMatchObject({ status: "RUNNING", parked: true });
    expect(executions.map((e) => e.name)).toEqual(executions.map((_, i) => `${id}-g${i + 1}`));
    expect(executions.length).toBe(journey.generation);
    expect(executions.slice(0, -1).every((e) => e.status === "SUCCEEDED")).toBe(true);
    expect(executions.at(-1)!.status).toBe("RUNNING");
    const lengths = executions.map((e) => system().stepFunctions.historyEventCount(e.executionArn));
    const maxEvents = Math.max(...lengths);
    // One loop (plan, await) writes about 11 events; a generation holds at most 16 plans.
    expect(maxEvents).toBeLessThan(MAX_PLANS_PER_GENERATION * 20);
    // Each finished generation handed over at one of the two limits: 16 plans, or 180 days (checked
    // at a plan, so at most one await of 35 days later).
    const generations: string[] = [];
    for (const [i, e] of executions.entries()) {
      const history = await system().stepFunctions.getExecutionHistory({ executionArn: e.executionArn, maxResults: 1000 });
      expect(history.events).toHaveLength(lengths[i]);
      const plans = history.events.filter(
        (event) => event.type === "TaskStateEntered" && (event.stateEnteredEventDetails as { name: string }).name === "Plan",
      ).length;
      const days = ((e.stopDate ?? system().clock.now()).getTime() - e.startDate.getTime()) / 86_400_000;
      generations.push(`g${i + 1}: ${plans} plans, ${Math.round(days)} days, ${lengths[i]} events`);
      expect(days, generations.at(-1)).toBeLessThan(AWS_MAX_EXECUTION_DAYS);
      expect(lengths[i], generations.at(-1)).toBeLessThan(AWS_MAX_HISTORY_EVENTS);
      expect(plans, generations.at(-1)).toBeLessThanOrEqual(MAX_PLANS_PER_GENERATION);
      expect(days, generations.at(-1)).toBeLessThan(MAX_GENERATION_DAYS + 36);
      if (e.status === "SUCCEEDED") expect(plans === MAX_PLANS_PER_GENERATION || days >= MAX_GENERATION_DAYS, generations.at(-1)).toBe(true);
    }
    // The journey as a whole ran for years, on executions started after the first one ended.
    expect((system().clock.now().getTime() - executions[0].startDate.getTime()) / 86_400_000).toBeGreaterThan(2 * AWS_MAX_EXECUTION_DAYS);
    console.info(`three years of follow-up: ${executions.length} generations (max ${maxEvents} history events): ${generations.join("; ")}`);
    // About 30 s of real time on an idle two-core machine; the margin is for a busy one.
  }, 180_000);
});

describe("the local system's workflows", () => {
  it("shows them to ListStateMachines, DescribeStateMachine and DescribeStateMachineForExecution", async () => {
    const { sfn, deployment } = system().deps;
    const listed = await sfn.send(new ListStateMachinesCommand({}));
    expect(listed.stateMachines?.map((machine) => machine.stateMachineArn)).toEqual(expect.arrayContaining(Object.values(system().stateMachines)));
    const journey = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: system().stateMachines.journey }));
    expect(journey).toMatchObject({ status: "ACTIVE", type: "STANDARD", name: expect.stringContaining(deployment.name) });
    // The ASL of workflows/, its ${...} placeholders replaced by the local function ARNs.
    const asl = JSON.parse(readFileSync(new URL("../../workflows/journey.asl.json", import.meta.url), "utf8"));
    const described = JSON.parse(journey.definition!);
    expect(Object.keys(described.States)).toEqual(Object.keys(asl.States));
    expect(described.States.Plan.Parameters.FunctionName).toMatch(/^arn:aws:lambda:/);

    const team = await seedTeam();
    const id = await s.refer(team, "D-1");
    const { executionArn } = await s.journey(id);
    const forExecution = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    expect(forExecution).toMatchObject({ stateMachineArn: system().stateMachines.journey, definition: journey.definition });
  });
});
