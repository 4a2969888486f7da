import { parseArgs } from "node:util";
import * as z from "zod";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SFNClient } from "@aws-sdk/client-sfn";
import { fixedClock } from "../core/clock";
import { localDeployment } from "../core/config/deployment";
import type { Deps } from "../adapters/deps";
import type { EventBody, ParticipantEvent } from "../core/domain/schemas";
import { createTeam } from "../adapters/dynamodb/teams";
import { createSpecialist } from "../adapters/dynamodb/specialists";
import { eventPut, profileItem } from "../adapters/dynamodb/participants";
import { type ParticipantProfile } from "../core/participants/profile";
import { index, keys } from "../adapters/dynamodb/keys";
import { toStoredState, journeyStateOf, foldContext } from "../core/participants/state";
import { foldJourney } from "../core/journey/fold";
import { TZDate } from "@date-fns/tz";
import { sendTeamSummary, type SummaryOutcome } from "../use-cases/summary/send";
import { planSummaries } from "../use-cases/summary/plan";
import { weeklySummaryFigures } from "../use-cases/summary/load-figures";
import { startDynamoDb } from "../local/servers/dynamodb";
import { startSes } from "../local/servers/ses";
import { freePort } from "../local/servers/ports";
import { ensureTable } from "../local/servers/table";
import { localCredentials } from "../local/servers/credentials";
import { mulberry32 } from "./lib/random";
import { pool } from "./lib/pool";

/**
 * `npm run bench:summary -- --teams 500 --participants 10000 [--history-years 1] [--any-hour] [--compare-history]`
 *
 * Seeds that many treatment teams and participants (referred over the last `history-years` years,
 * each with their generated journey up to now) into an
 * in-memory DynamoDB Local, then runs the weekly summary as the workflow does (plan, then one send
 * per team, 10 at a time like the Map's MaxConcurrency) and prints the wall time and the DynamoDB
 * capacity the summaries consumed. The repository does not ask for ConsumedCapacity, so a
 * middleware on the client adds ReturnConsumedCapacity=TOTAL to every request and sums the answers.
 *
 * `--compare-history` seeds the same teams and participants twice, referred over the last year
 * and over the last three, runs the summaries on each and prints the change in read units per
 * team against the target (within 10 %).
 */

const { values } = parseArgs({
  options: {
    teams: { type: "string", default: "500" },
    participants: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "10" },
    "seed-concurrency": { type: "string", default: "16" },
    seed: { type: "string", default: "42" },
    "history-years": { type: "string", default: "1" },
    "any-hour": { type: "boolean", default: false },
    "compare-history": { type: "boolean", default: false },
  },
});
const args = z
  .object({
    teams: z.coerce.number().int().min(1).max(100_000),
    participants: z.coerce.number().int().min(0).max(1_000_000),
    concurrency: z.coerce.number().int().min(1).max(100),
    "seed-concurrency": z.coerce.number().int().min(1).max(100),
    seed: z.coerce.number().int(),
    "history-years": z.coerce.number().min(0.1).max(10),
    "any-hour": z.boolean(),
    "compare-history": z.boolean(),
  })
  .parse(values);

/** Monday 7 December 2026 07:00 Europe/Oslo: the summaries cover 2026-W49, a week in which fortnightly teams are due too. */
const sentAt = new Date("2026-12-07T06:00:00.000Z");
const day = 86_400_000;

// ---- capacity meter ----------------------------------------------------------------------------

const readCommands = new Set(["GetItemCommand", "QueryCommand", "ScanCommand", "BatchGetItemCommand", "TransactGetItemsCommand"]);
const meter = { read: 0, write: 0, requests: new Map<string, number>() };
const resetMeter = () => {
  meter.read = 0;
  meter.write = 0;
  meter.requests.clear();
};

function meteredClient(endpoint: string): DynamoDBClient {
  const client = new DynamoDBClient({ region: "eu-north-1", endpoint, credentials: localCredentials });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = "TOTAL";
      const result = await next(args);
      const name = context.commandName ?? "unknown";
      meter.requests.set(name, (meter.requests.get(name) ?? 0) + 1);
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | Array<{ CapacityUnits?: number }> })
        .ConsumedCapacity;
      const units = [consumed ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      if (readCommands.has(name)) meter.read += units;
      else meter.write += units;
      return result;
    },
    { step: "initialize", name: "sumConsumedCapacity" },
  );
  return client;
}

// ---- generated journeys --------------------------------------------------------------------------

const employers = ["Bakeriet", "Rema 1000", "Lager AS", "Hotell Vest", "Verksted AS", "Kafé Sentrum", "Kommunen", "Butikken"];

/**
 * The same day between 08:00 and 16:00 in Oslo: a specialist meets people and employers in working
 * hours. (`--any-hour` keeps the instant as drawn, any time of day or night.)
 */
function duringWorkingHours(at: number): number {
  const local = new TZDate(at, localDeployment.timeZone);
  return local.setHours(8 + (local.getHours() % 8));
}

/** An event body without its instant (each member of the union on its own). */
type Body = EventBody extends infer E ? (E extends EventBody ? Omit<E, "at"> : never) : never;

/** A plausible journey from referral to `end`: contacts while searching, often a job, follow-ups, sometimes an end or an exit. */
function journeyEvents(rand: () => number, referredAt: number, end: number): EventBody[] {
  const events: EventBody[] = [];
  const push = (when: number, body: Body) => {
    const at = args["any-hour"] ? when : duringWorkingHours(when);
    if (at >= referredAt && at < end) events.push({ ...body, at: new Date(Math.floor(at)).toISOString() } as EventBody);
  };
  const employer = () => employers[Math.floor(rand() * employers.length)];
  if (rand() < 0.85) push(referredAt + (3 + rand() * 22) * day, { type: "benefits-counselling" });
  for (let at = referredAt + (5 + rand() * 30) * day; at < end; at += (25 + rand() * 30) * day) push(at, { type: "participant-meeting" });

  const firstContact = referredAt + (2 + rand() * (rand() < 0.85 ? 25 : 60)) * day;
  const jobAt = rand() < 0.55 ? firstContact + (10 + rand() * 120) * day : Infinity;
  for (let at = firstContact; at < Math.min(jobAt, end); at += (4 + rand() * 10) * day) {
    push(at, { type: "employer-contact", employer: employer(), visit: (1 + Math.floor(rand() * 3)) as 1 | 2 | 3 });
  }
  if (jobAt < end) {
    const school = rand() < 0.15;
    if (school) push(jobAt, { type: "education-start" });
    else
      push(jobAt, {
        type: "job-start",
        employer: employer(),
        hoursPerWeek: [4, 8, 10, 15, 20, 30, 37.5][Math.floor(rand() * 7)],
        wage: rand() < 0.7 ? "ordinary" : "subsidised",
        temporary: rand() < 0.5,
      });
    const endsAt = rand() < 0.3 ? jobAt + (20 + rand() * 150) * day : Infinity;
    for (let at = jobAt + (1 + rand() * 3) * day; at < Math.min(endsAt, end); at += (10 + rand() * 30) * day) {
      push(at, { type: "follow-up-contact", with: rand() < 0.7 ? "participant" : "employer" });
    }
    push(endsAt, school ? { type: "education-end" } : { type: "job-end" });
  }
  if (rand() < 0.06) {
    const exitAt = referredAt + rand() * (end - referredAt);
    const kept = events.filter((e) => Date.parse(e.at) < exitAt);
    events.length = 0;
    events.push(...kept);
    push(exitAt, { type: "exit", reason: "moved" });
  } else if (rand() < 0.05) {
    push(referredAt + (0.5 + rand() * 0.5) * (end - referredAt), { type: "pause" });
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

// ---- seeding -------------------------------------------------------------------------------------

async function batchWrite(deps: Pick<Deps, "db" | "tableName">, items: Record<string, unknown>[], concurrency: number) {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  await pool(batches, concurrency, async (batch) => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
      const out = await deps.db.send(new BatchWriteCommand({ RequestItems: { [deps.tableName]: requests } }));
      requests = (out.UnprocessedItems?.[deps.tableName] ?? []) as typeof requests;
    }
  });
}

async function seed(deps: Deps, historyYears: number) {
  const rand = mulberry32(args.seed);
  const seedClock = { ...deps, clock: fixedClock("2025-11-01T08:00:00.000Z") };
  const teams = await pool(
    Array.from({ length: args.teams }, (_, i) => i),
    8,
    (i) =>
      createTeam(seedClock, {
        name: `Behandlingsteam ${i + 1}`,
        emails: [`team-${i + 1}@example.org`],
        locale: i % 5 === 4 ? "en" : "nb",
        summaryCadence: i % 4 === 3 ? "fortnightly" : "weekly",
      }),
  );
  // About 16 participants per specialist, each specialist in one team.
  const perTeam = Math.ceil(args.participants / args.teams);
  const specialistsPerTeam = Math.max(1, Math.ceil(perTeam / 16));
  const specialists = await pool(
    teams.flatMap((team, t) => Array.from({ length: specialistsPerTeam }, (_, s) => ({ team, name: `Spesialist ${t + 1}-${s + 1}` }))),
    8,
    ({ team, name }) => createSpecialist(seedClock, { name, email: `${name.replace(/\W+/g, "-").toLowerCase()}@example.org`, teamIds: [team.id], caseloadLimit: 20 }),
  );

  const end = sentAt.getTime();
  const items: Record<string, unknown>[] = [];
  let events = 0;
  for (let i = 0; i < args.participants; i++) {
    const t = i % teams.length;
    const team = teams[t];
    const specialist = specialists[t * specialistsPerTeam + (Math.floor(i / teams.length) % specialistsPerTeam)];
    const referredAt = end - (1 + rand() * 365 * historyYears) * day;
    const id = `P${String(i).padStart(7, "0")}`;
    const bodies = journeyEvents(rand, referredAt, end);
    const recorded: ParticipantEvent[] = bodies.map((body, n) => ({ ...body, id: `${id}E${String(n).padStart(4, "0")}`, recordedAt: body.at }) as ParticipantEvent);
    const state = journeyStateOf({ referredAt: new Date(referredAt).toISOString() }, recorded, sentAt, localDeployment);
    const profile: ParticipantProfile = {
      id,
      code: `P-${i + 1}`,
      teamId: team.id,
      specialistId: specialist.id,
      referredAt: new Date(referredAt).toISOString(),
      createdAt: new Date(referredAt).toISOString(),
      version: recorded.length,
      ...toStoredState(state),
      // As recording the events one by one leaves it.
      fold: foldJourney(new Date(referredAt).toISOString(), recorded, foldContext(localDeployment)),
    };
    items.push(profileItem(profile));
    for (const event of recorded) items.push(eventPut(deps, profile, event).Put!.Item!);
    events += recorded.length;
    // The alert the journey's record step writes for a missed first-employer-contact deadline.
    const first = state.obligations.find((o) => o.kind === "first-employer-contact");
    if (first && state.missedFirstEmployerContact) {
      items.push({
        ...keys.missedDeadline(id, first.kind, first.dueAt),
        entity: "missed-deadline",
        gsi2pk: index.team(team.id),
        gsi2sk: index.alertInTeam(first.dueAt, id, first.kind),
        teamId: team.id,
        participantId: id,
        code: profile.code,
        kind: first.kind,
        dueAt: first.dueAt,
        recordedAt: first.dueAt,
      });
    }
  }
  await batchWrite(deps, items, args["seed-concurrency"]);
  return { teams: teams.length, specialists: specialists.length, participants: args.participants, events, items: items.length };
}

// ---- run -----------------------------------------------------------------------------------------

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0);
const ms = (n: number) => `${n.toFixed(0)} ms`;
const table = (rows: Array<[string, string]>) => {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join("\n");
};

const [dynamodb, ses] = await Promise.all([freePort().then((port) => startDynamoDb({ port })), startSes({ port: 0 })]);

/** Seeds a table with `historyYears` of history, then runs one Monday's summaries on it, metered. */
async function seedAndSummarize(tableName: string, historyYears: number) {
  const raw = meteredClient(dynamodb.endpoint);
  await ensureTable(raw, tableName);
  const deps: Deps = {
    clock: fixedClock(sentAt),
    db: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }),
    ses: new SESv2Client({ region: "eu-north-1", endpoint: ses.endpoint, credentials: localCredentials }),
    sfn: new SFNClient({ region: "eu-north-1", endpoint: "http://127.0.0.1:9", credentials: localCredentials }),
    tableName,
    journeyStateMachineArn: "arn:aws:states:eu-north-1:000000000000:stateMachine:none",
    deployment: localDeployment,
  };

  console.log(`Seeding ${args.teams} teams and ${args.participants} participants (${historyYears} year(s) of history) into DynamoDB Local (in memory)...`);
  resetMeter();
  const seedStart = performance.now();
  const seeded = await seed(deps, historyYears);
  const seedMs = performance.now() - seedStart;
  const seedWrites = meter.write;

  resetMeter();
  const mailBefore = await emailsCaptured();
  const start = performance.now();
  const plan = await planSummaries(deps);
  const planMs = performance.now() - start;
  const perTeam: number[] = [];
  const outcomes = new Map<SummaryOutcome, number>();
  await pool(plan.teamIds, args.concurrency, async (teamId) => {
    const t0 = performance.now();
    const { outcome } = await sendTeamSummary(deps, teamId, plan.week);
    perTeam.push(performance.now() - t0);
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  });
  const wallMs = performance.now() - start;
  const mail = (await emailsCaptured()) - mailBefore;
  perTeam.sort((a, b) => a - b);
  const used = { read: meter.read, write: meter.write, requests: [...meter.requests].sort() };
  // One team's figures, to see that the generated journeys make a summary worth reading (not metered).
  const sample = plan.teamIds.length ? await weeklySummaryFigures(deps, plan.teamIds[0], plan.week) : undefined;
  return { seeded, seedMs, seedWrites, plan, planMs, perTeam, outcomes, wallMs, mail, used, sample, readPerTeam: used.read / Math.max(1, plan.teamIds.length) };
}

async function emailsCaptured(): Promise<number> {
  return ((await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: unknown[] }).emails.length;
}

function report(run: Awaited<ReturnType<typeof seedAndSummarize>>) {
  const { seeded, seedMs, seedWrites, plan, planMs, perTeam, outcomes, wallMs, mail, used, sample } = run;
  console.log(`
Seeded
${table([
  ["teams / specialists", `${seeded.teams} / ${seeded.specialists}`],
  ["participants / events", `${seeded.participants} / ${seeded.events}`],
  ["items (BatchWrite)", `${seeded.items} in ${ms(seedMs)} (${Math.round(seeded.items / (seedMs / 1000))} items/s, ${seedWrites.toFixed(0)} WCU)`],
])}

Weekly summary ${plan.week}, ${args.concurrency} teams at a time
${table([
  ["teams due (plan)", `${plan.teamIds.length} of ${seeded.teams} (plan took ${ms(planMs)})`],
  ["outcomes", [...outcomes].map(([o, n]) => `${o} ${n}`).join(", ")],
  ["emails captured", String(mail)],
  ["wall time, all summaries", ms(wallMs)],
  ["per team p50 / p95 / max", `${ms(percentile(perTeam, 0.5))} / ${ms(percentile(perTeam, 0.95))} / ${ms(perTeam.at(-1) ?? 0)}`],
  ["read units consumed", `${used.read.toFixed(1)} RCU (${run.readPerTeam.toFixed(2)} per team)`],
  ["write units consumed", `${used.write.toFixed(1)} WCU`],
  ["requests", used.requests.map(([name, n]) => `${name.replace(/Command$/, "")} ${n}`).join(", ")],
])}`);
  if (sample) {
    const phases = Object.entries(sample.participantsByPhase).map(([phase, n]) => `${phase} ${n}`).join(", ");
    console.log(`
One team's figures (${sample.teamName})
${table([
  ["by phase", phases],
  ["in work / in school / active", `${sample.outcomes.inWork} / ${sample.outcomes.inSchool} / ${sample.outcomes.active}`],
  ["new referrals", String(sample.newReferrals.length)],
  ["employer contacts", `${sample.employerContacts.total} (${sample.employerContacts.perSpecialist.map((s) => s.count).join(" + ")}; target ${sample.employerContacts.target} each)`],
  ["starts / ends", `${sample.starts.length} / ${sample.ends.length}`],
  ["overdue (missed deadlines)", `${sample.overdue.length} (${sample.overdue.filter((o) => o.missedDeadline).length})`],
  ["follow-ups next week", String(sample.comingFollowUps.length)],
  ["caseloads", sample.caseloads.map((c) => `${c.count}/${c.limit}`).join(", ")],
])}`);
  }
}

try {
  if (args["compare-history"]) {
    // The same teams and participants, referred over the last year or the last three: the
    // summary's cost must depend on the participants and the week's events, not on the history.
    const oneYear = await seedAndSummarize("bench-summary-1y", 1);
    report(oneYear);
    const threeYears = await seedAndSummarize("bench-summary-3y", 3);
    report(threeYears);
    const change = threeYears.readPerTeam / oneYear.readPerTeam - 1;
    console.log(`
Weekly summary read units per team, 1 year vs 3 years of history: ${oneYear.readPerTeam.toFixed(2)} vs ${threeYears.readPerTeam.toFixed(2)} (${change >= 0 ? "+" : ""}${(change * 100).toFixed(1)} %; target within 10 %: ${Math.abs(change) <= 0.1 ? "met" : "MISSED"}).`);
  } else {
    report(await seedAndSummarize("bench-summary", args["history-years"]));
  }
} finally {
  await Promise.all([dynamodb.stop(), ses.stop()]);
}
