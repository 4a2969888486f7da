import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  ListStateMachinesCommand,
} from "@aws-sdk/client-sfn";
import { startTestSystem, seedTeam } from "../support/system";
import type { ExecutionListItem } from "../../local/stepfunctions";
import { digestLines, digestOn, midnight, oslo, plusDays, scenario, type TestSystem } from "./scenario";

/**
 * A journey outlives every execution that carries it. AWS ends a Standard execution after one
 * year and at 25,000 history events, whatever the definition says; the local engine does the
 * same, so a journey that handed over too late dies here as it would in AWS. The bounds are AWS's,
 * written out (never the journey's own hand-over constants, which are what is being checked).
 */
const YEAR_DAYS = 365;
const MAX_HISTORY_EVENTS = 25_000;
const DAY_MS = 86_400_000;

let system: TestSystem;
let s: ReturnType<typeof scenario>;

const START = "2027-01-04"; // a Monday
const END = "2029-01-04"; // two years on

beforeAll(async () => {
  system = await startTestSystem({ start: new Date(oslo(`${START}T10:00`)) });
  s = scenario(system);
});
afterAll(() => system?.stop());

async function journeyExecutions(participantId: string) {
  const all: ExecutionListItem[] = [];
  let nextToken: string | undefined;
  do {
    const page = await system.stepFunctions.listExecutions({ stateMachineArn: system.stateMachines.journey, nextToken });
    all.push(...page.executions);
    nextToken = page.nextToken;
  } while (nextToken);
  return all.filter((e) => e.name.startsWith(`${participantId}-g`)).sort((a, b) => a.startDate.getTime() - b.startDate.getTime());
}

describe("a journey followed for two years on the local engine", () => {
  it("hands over before any execution reaches a year or 25,000 events, and still reminds after the first year", async () => {
    const team = await seedTeam(system.api, { cadence: "fortnightly" });
    const id = await s.refer(team, "Y-2");
    await s.record(team, id, { type: "benefits-counselling" });
    await s.record(team, id, { type: "employer-contact", employer: "Rema", visit: 3 });
    await s.record(team, id, { type: "job-start", employer: "Rema", hoursPerWeek: 15, wage: "ordinary", temporary: false });

    // Weekly through placement, then a call every four weeks (a Wednesday, 07:00, before the
    // digest), for two years; two calls missed after the first year is over.
    const contactDays = ["2027-01-06", "2027-01-13", "2027-01-20", "2027-01-27"];
    while (plusDays(contactDays.at(-1)!, 28) < END) contactDays.push(plusDays(contactDays.at(-1)!, 28));
    const missed = new Set(["2028-03-22", "2028-11-29"]);
    for (const day of missed) {
      expect(contactDays, day).toContain(day);
      expect(Date.parse(oslo(`${day}T00:00`)) - Date.parse(oslo(`${START}T10:00`)), day).toBeGreaterThan(YEAR_DAYS * DAY_MS);
    }

    let last = contactDays[0];
    for (const day of contactDays) {
      if (!missed.has(day)) {
        await s.advanceTo(`${day}T07:00`);
        await s.record(team, id, { type: "follow-up-contact", with: "participant" });
        last = day;
        continue;
      }
      // Nobody called: 30 days after the last call the follow-up and the outreach come due, and
      // the morning digest says so; the journey recorded both at midnight.
      const due = plusDays(last, 30);
      await s.advanceTo(`${due}T09:00`);
      const digest = await digestOn(team, due);
      expect(digest, `a digest on ${due}`).toBeDefined();
      expect(digestLines(digest!.body.text!), due).toEqual([
        {
          code: "Y-2",
          tasks: [
            { task: "Ta oppfølgingskontakt med deltaker eller arbeidsgiver", status: "i dag" },
            { task: "Nå ut til deltakeren – ingen kontakt på 30 dager", status: "i dag" },
          ],
        },
      ]);
      const recorded = (await s.dueRecords(id)).filter((r) => r.dueAt === midnight(due));
      expect(recorded.map((r) => r.kind).sort(), due).toEqual(["follow-up", "outreach"]);
      await s.record(team, id, { type: "follow-up-contact", with: "participant" });
      last = due;
    }
    await s.advanceTo(`${END}T10:00`);

    // Still followed, and its journey still running and parked, two years after the referral.
    expect((await s.participant(id)).phase).toBe("follow-up");
    expect(await s.open(id, "follow-up")).toMatchObject({ status: "upcoming" });
    const journey = await s.journey(id);
    expect(journey).toMatchObject({ status: "RUNNING", parked: true });

    // Every generation, finished or running, stayed inside AWS's limits; each handed over by itself.
    const executions = await journeyExecutions(id);
    expect(executions.map((e) => e.name)).toEqual(executions.map((_, i) => `${id}-g${i + 1}`));
    expect(executions.length).toBe(journey.generation);
    const now = system.clock.now().getTime();
    const lives = executions.map((e) => {
      const days = ((e.stopDate?.getTime() ?? now) - e.startDate.getTime()) / DAY_MS;
      const events = system.stepFunctions.historyEventCount(e.executionArn);
      return { name: e.name, status: e.status, days: Math.round(days * 10) / 10, events };
    });
    for (const life of lives) {
      expect(life.days, JSON.stringify(life)).toBeLessThan(YEAR_DAYS);
      expect(life.events, JSON.stringify(life)).toBeLessThan(MAX_HISTORY_EVENTS);
    }
    expect(lives.slice(0, -1).every((life) => life.status === "SUCCEEDED"), JSON.stringify(lives)).toBe(true);
    expect(lives.at(-1)!.status).toBe("RUNNING");
    // The journey as a whole ran well over a year, on executions started after the first one died.
    expect((now - executions[0].startDate.getTime()) / DAY_MS).toBeGreaterThan(1.5 * YEAR_DAYS);
    console.info(`two years of follow-up: ${lives.map((l) => `${l.name.slice(-3)} ${l.status} ${l.days} days ${l.events} events`).join("; ")}`);
    // About 20 s of real time on an idle two-core machine; the margin is for a busy one.
  }, 180_000);

  it("shows its workflows to ListStateMachines, DescribeStateMachine and DescribeStateMachineForExecution", async () => {
    const { sfn, deployment } = system.deps;
    const listed = await sfn.send(new ListStateMachinesCommand({}));
    expect(listed.stateMachines?.map((machine) => machine.stateMachineArn)).toEqual(
      expect.arrayContaining(Object.values(system.stateMachines)),
    );
    const journey = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: system.stateMachines.journey }));
    expect(journey).toMatchObject({ status: "ACTIVE", type: "STANDARD", name: expect.stringContaining(deployment.name) });
    // The ASL of workflows/, its ${...} placeholders replaced by the local function ARNs.
    const asl = JSON.parse(readFileSync(new URL("../../workflows/journey.asl.json", import.meta.url), "utf8"));
    const described = JSON.parse(journey.definition!);
    expect(Object.keys(described.States)).toEqual(Object.keys(asl.States));
    expect(described.States.Plan.Parameters.FunctionName).toMatch(/^arn:aws:lambda:/);

    const team = await seedTeam(system.api);
    const id = await s.refer(team, "D-1");
    const { executionArn } = await s.journey(id);
    const forExecution = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    expect(forExecution).toMatchObject({ stateMachineArn: system.stateMachines.journey, definition: journey.definition });
  });
});
