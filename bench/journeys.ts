import { cpus, loadavg } from "node:os";
import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import * as z from "zod";
import { populationArgs } from "./lib/population-args";
import { startLocalSystem, type LocalSystem } from "../local/system";
import { freePort } from "../local/servers/ports";
import { createTeam } from "../adapters/dynamodb/teams";
import { createSpecialist } from "../adapters/dynamodb/specialists";
import { getParticipant, listEvents } from "../adapters/dynamodb/participants";
import { createParticipant } from "../use-cases/participants/create";
import { recordEvent } from "../use-cases/participants/record-event";
import { getParticipantAndJourney } from "../adapters/stepfunctions/journey-execution";
import type { Phase } from "../core/domain/schemas";
import { CapacityMeter, meterScope, type Usage as Capacity } from "./lib/capacity";
import { LambdaMeter } from "./lib/lambdas";
import { executionsOf, transitionsOf } from "./lib/histories";
import { generatePopulation, mix, type PlannedEvent, type PlannedParticipant } from "./lib/population";
import { phaseAt, phaseTimeline, timeByPhase, type PhaseTimeline } from "./lib/phases";
import { pool } from "./lib/pool";
import { num, ratio, seconds, table, usd } from "./lib/report";
import { dynamoDbLocalCpuSeconds, nodeCpuSeconds } from "./lib/cpu";
import { costOf, lambdaMemoryMiB, prices, type Usage } from "./prices";

/**
 * `npm run bench:journeys -- --participants 200 --years 2`
 *
 * Runs the whole local system (DynamoDB Local, the SES inbox, the workflows on the local Step
 * Functions endpoint, the schedules on the virtual clock) and lets a generated caseload live
 * through the given years: every referral and event is recorded in process with the same
 * functions the API calls (createParticipant, getParticipantAndJourney and recordEvent, no HTTP), the journeys wake and sleep
 * as they do in AWS, and the morning digests and weekly summaries run on their schedules. Then it
 * reads what AWS would bill from the system itself (state transitions from the execution
 * histories, Lambda invocations and their duration, DynamoDB consumed capacity, emails in the
 * inbox) and sets it beside the naive design that wakes every participant once a day.
 *
 * The population (bench/lib/population.ts, `mix`), per participant:
 * - referral: all participants are referred over the first `--referral-days` (90) days, so the
 *   first months are mostly referral and job search and later ones mostly follow-up;
 * - benefits counselling within 5–30 days for 80 %, late (31–70 days) for 12 %, never for 8 %;
 * - first employer contact within 5–29 days for 80 %, after the 30-day deadline (31–45 days) for
 *   20 %; then employer contacts every 3–9 days during job search, with a 10–21-day gap 15 % of
 *   the time (so job-development reminders come due), and participant meetings every 10–28 days;
 * - 60 % start a job or school within 3–9 months, half of the rest within 9–24 months; 12 % of
 *   starts are school (4–10 months); 30 % of jobs are temporary (2–6 months); a permanent job
 *   ends with 15 % a year; after an end, a meeting within 1–5 days, job search again, and 70 %
 *   start again after 1–5 months;
 * - placement: first follow-up contact 1–4 days after the start (10 % late, 4–7), then every 5–9
 *   days (10 % late, 8–12) for four weeks;
 * - follow-up: half get an individual interval of 21, 28, 35 or 42 days, the rest keep 30; a
 *   contact comes at 0.7–1.3 times the interval (so some are late and reminders come due),
 *   with the participant 70 % of the time, else with the employer;
 * - pauses: 8 % a year, 2–13 weeks each, then a resume; exits: 10 % a year;
 * - events are recorded on working days at 09, 11, 13 or 15 local time.
 * Teams and specialists: one treatment team and one job specialist per 15 participants (one
 * specialist per team), every fourth team on a fortnightly summary.
 *
 * Participant-years count each participant from the referral to the exit or the end of the span,
 * paused time included (a paused participant stays on the caseload and the journey still runs).
 * Wall time covers the simulation only: not starting the system, not creating teams and
 * specialists, not the read probes for the naive design, not reading the results.
 *
 * The simulation walks the recording instants in order: advance the virtual clock to the instant
 * (every timer on the way fires: journeys whose obligations come due, digests at 08:00 on working
 * days, summaries on Mondays at 07:00), record that instant's referrals and events (participants
 * in parallel, `--concurrency` at a time; one participant's events in order), let the system
 * settle, and go on. Finally the clock advances to the end of the span.
 *
 * The naive design, computed from the same population: one execution per participant that wakes
 * every day (Wait 1 day → Task "check" → Choice → back): per participant-day 3 state transitions,
 * 1 Lambda invocation lasting as long as ipsflow's plan when a timeout woke it (it then reads the
 * profile and the events and evaluates them, like the daily check), and the read units of reading the profile and the events, measured on this run's
 * data at four instants (a quarter, half, three quarters and the end of the span) and averaged.
 * Event recording (API) and the digest and summary workflows are the same in both designs.
 */

const DAY = 86_400_000;
const YEAR_DAYS = 365.25;

const parsed = populationArgs({ name: "years", fallback: "1", schema: z.coerce.number().positive().max(20) }, "200");
const args = { ...parsed, years: parsed.span };

// One JSON metric line per journey check-in would drown the report.
process.env.POWERTOOLS_METRICS_DISABLED = "true";

const start = new Date(args.start);
const progress = (line: string) => process.stderr.write(`${line}\n`);

const dynamodbPort = await freePort();
const system = await startLocalSystem({
  ports: { api: 0, web: 0, stepFunctions: 0, ses: 0, dynamodb: dynamodbPort },
  speed: 0,
  seed: false,
  start,
});
// Java must not outlive an interrupted run.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void system.stop().finally(() => process.exit(130)));
}
try {
  await run(system);
} finally {
  await system.stepFunctions.close();
  await system.stop();
}

async function run(system: LocalSystem) {
  const { deps, clock } = system;
  const { timeZone, holidayCountry } = deps.deployment;
  const end = new Date(addDays(new TZDate(start.getTime(), timeZone), Math.round(args.years * YEAR_DAYS)).getTime());
  const capacity = new CapacityMeter();
  capacity.attach(deps.db);
  const lambdas = new LambdaMeter();
  // Which plans a timeout woke (the rest: events and new generations).
  lambdas.instrument(system, (folder, _result, input) =>
    folder === "journey-plan" ? ((input as { state?: { timedOut?: unknown } }).state?.timedOut ? "woken by a timeout" : "woken otherwise") : undefined,
  );
  // The journey's await: a DynamoDB write Step Functions makes itself, metered apart.
  lambdas.instrumentSdk(system);

  // ---- teams, specialists and the population (not timed) -------------------------------------
  const population = generatePopulation({
    participants: args.participants,
    start,
    end,
    // Referrals never spread past the span itself.
    referralDays: Math.min(args["referral-days"], (end.getTime() - start.getTime()) / DAY),
    seed: args.seed,
    timeZone,
    holidayCountry,
  });
  if (population.length === 0) throw new Error("no participant is referred within the span: give more --years or fewer --referral-days");
  const teamCount = Math.ceil(args.participants / 15);
  const { teams, specialists } = await meterScope.run("setup", async () => {
    const teams = await pool(Array.from({ length: teamCount }, (_, i) => i), 8, (i) =>
      createTeam(deps, {
        name: `Behandlingsteam ${i + 1}`,
        emails: [`team-${i + 1}@example.org`],
        locale: "nb",
        summaryCadence: i % 4 === 3 ? "fortnightly" : "weekly",
      }),
    );
    const specialists = await pool(teams, 8, (team) =>
      createSpecialist(deps, { name: `Jobbspesialist ${team.name.split(" ")[1]}`, email: `spesialist-${team.name.split(" ")[1]}@example.org`, teamIds: [team.id], caseloadLimit: 20 }),
    );
    return { teams, specialists };
  });
  await clock.settle();

  // ---- the walk ------------------------------------------------------------------------------
  type Action = { participant: PlannedParticipant } & ({ kind: "refer" } | { kind: "event"; event: PlannedEvent; n: number });
  const byInstant = new Map<number, Action[]>();
  const schedule = (at: Date, action: Action) => {
    const list = byInstant.get(at.getTime());
    if (list) list.push(action);
    else byInstant.set(at.getTime(), [action]);
  };
  for (const participant of population) {
    schedule(participant.referredAt, { participant, kind: "refer" });
    participant.events.forEach((event, n) => schedule(event.at, { participant, kind: "event", event, n }));
  }
  const instants = [...byInstant.keys()].sort((a, b) => a - b);
  const ids = new Map<number, string>();
  const failures = new Map<string, number>();

  const perform = async (action: Action) => {
    const p = action.participant;
    try {
      if (action.kind === "refer") {
        const created = await lambdas.invoke("api", () =>
          createParticipant(
            deps,
            { code: p.code, teamId: teams[p.index % teams.length].id, specialistId: specialists[p.index % specialists.length].id, referredAt: p.referredAt.toISOString() },
            `bench-refer-${p.index}`,
          ),
        );
        ids.set(p.index, (created.body as { id: string }).id);
      } else {
        const id = ids.get(p.index);
        if (!id) throw new Error("participant was not created");
        await lambdas.invoke("api", async () => {
          // As the events route reads: the profile and the journey record in one request.
          const { profile, journey } = await getParticipantAndJourney(deps, id);
          if (!profile) throw new Error("participant not found");
          return recordEvent(deps, profile, action.event.body, `bench-${p.index}-${action.n}`, { record: journey });
        });
      }
    } catch (error) {
      const key = `${action.kind === "refer" ? "refer" : action.event.body.type}: ${(error as Error).message}`;
      failures.set(key, (failures.get(key) ?? 0) + 1);
    }
  };

  // Read probes for the naive design: what reading every active participant's profile and events costs now.
  const probes: Array<{ at: Date; participants: number; readUnits: number }> = [];
  const probe = async () => {
    const now = clock.now();
    const active = population.filter((p) => ids.has(p.index) && !(p.exitAt && p.exitAt <= now));
    const before = capacity.usage("probe").read;
    await meterScope.run("probe", () =>
      pool(active, args.concurrency, async (p) => {
        const id = ids.get(p.index)!;
        await Promise.all([getParticipant(deps, id), listEvents(deps, id)]);
      }),
    );
    probes.push({ at: now, participants: active.length, readUnits: capacity.usage("probe").read - before });
  };
  const checkpoints = [0.25, 0.5, 0.75].map((f) => start.getTime() + f * (end.getTime() - start.getTime()));

  progress(
    `Simulating ${population.length} participants (${teams.length} teams, ${specialists.length} specialists), ` +
      `${population.reduce((n, p) => n + p.events.length, 0)} events, ${args.years} year(s) from ${start.toISOString()}...`,
  );
  const loadBefore = loadavg()[0];
  const cpuBefore = { node: nodeCpuSeconds(), dynamodb: dynamoDbLocalCpuSeconds(dynamodbPort) };
  let advanceMs = 0;
  let recordMs = 0;
  let excludedMs = 0;
  const excludedCpu = { node: 0, dynamodb: 0 };
  const began = performance.now();
  let reported = began;
  for (const [i, instant] of instants.entries()) {
    while (checkpoints.length > 0 && checkpoints[0] <= instant) {
      checkpoints.shift();
      const t = performance.now();
      const cpu = { node: nodeCpuSeconds(), dynamodb: dynamoDbLocalCpuSeconds(dynamodbPort) ?? 0 };
      await probe();
      excludedMs += performance.now() - t;
      excludedCpu.node += nodeCpuSeconds() - cpu.node;
      excludedCpu.dynamodb += (dynamoDbLocalCpuSeconds(dynamodbPort) ?? 0) - cpu.dynamodb;
    }
    let t = performance.now();
    await clock.advance(new Date(instant));
    advanceMs += performance.now() - t;
    t = performance.now();
    const groups = new Map<number, Action[]>();
    for (const action of byInstant.get(instant)!) {
      const group = groups.get(action.participant.index);
      if (group) group.push(action);
      else groups.set(action.participant.index, [action]);
    }
    await pool([...groups.values()], args.concurrency, async (group) => {
      for (const action of group) await perform(action);
    });
    await clock.settle();
    recordMs += performance.now() - t;
    if (performance.now() - reported > 10_000) {
      reported = performance.now();
      const done = (instant - start.getTime()) / (end.getTime() - start.getTime());
      progress(`  ${(100 * done).toFixed(0)} % of the span (${new Date(instant).toISOString().slice(0, 10)}) after ${seconds(reported - began - excludedMs)}, step ${i + 1} of ${instants.length}`);
    }
  }
  const toEnd = performance.now();
  await clock.advance(end);
  advanceMs += performance.now() - toEnd;
  const wallMs = performance.now() - began - excludedMs;
  const cpuAfter = { node: nodeCpuSeconds(), dynamodb: dynamoDbLocalCpuSeconds(dynamodbPort) };
  const loadAfter = loadavg()[0];
  await probe();

  // ---- what happened -------------------------------------------------------------------------
  progress("Reading execution histories, emails and phases...");
  const participantYears = population.reduce((sum, p) => sum + (p.activeUntil.getTime() - p.referredAt.getTime()) / DAY / YEAR_DAYS, 0);
  const participantDays = participantYears * YEAR_DAYS;

  // Journeys: every generation of every participant, transitions attributed to the phase they ran in.
  const journeyByParticipant = new Map<string, Array<{ state: string; at: Date }>>();
  const timeoutsByParticipant = new Map<string, Date[]>();
  const journey = { executions: 0, transitions: 0, retries: 0, lambdaInvocations: 0, maxHistoryEvents: 0, byState: new Map<string, number>() };
  for await (const execution of executionsOf(system.stepFunctions, system.stateMachines.journey)) {
    journey.executions++;
    journey.transitions += transitionsOf(execution);
    journey.retries += execution.retries;
    journey.lambdaInvocations += execution.lambdaInvocations;
    journey.maxHistoryEvents = Math.max(journey.maxHistoryEvents, execution.historyEvents);
    for (const { state } of execution.entered) journey.byState.set(state, (journey.byState.get(state) ?? 0) + 1);
    const participantId = execution.name.slice(0, execution.name.lastIndexOf("-g"));
    const list = journeyByParticipant.get(participantId) ?? [];
    list.push(...execution.entered);
    journeyByParticipant.set(participantId, list);
    timeoutsByParticipant.set(participantId, [...(timeoutsByParticipant.get(participantId) ?? []), ...execution.timedOut]);
  }
  const scheduled = { executions: 0, transitions: 0, retries: 0, lambdaInvocations: 0, digestExecutions: 0, summaryExecutions: 0 };
  for (const workflow of ["digest", "summary"] as const) {
    for await (const execution of executionsOf(system.stepFunctions, system.stateMachines[workflow])) {
      scheduled.executions++;
      if (workflow === "digest") scheduled.digestExecutions++;
      else scheduled.summaryExecutions++;
      scheduled.transitions += transitionsOf(execution);
      scheduled.retries += execution.retries;
      scheduled.lambdaInvocations += execution.lambdaInvocations;
    }
  }

  const timePerPhase = new Map<Phase, number>();
  const transitionsPerPhase = new Map<Phase, number>();
  const statesPerPhase = new Map<Phase, Map<string, number>>();
  const endPhases = new Map<Phase, number>();
  await meterScope.run("report", () =>
    pool(population, 8, async (p) => {
      const id = ids.get(p.index);
      if (!id) return;
      const entered = journeyByParticipant.get(id) ?? [];
      const plans = entered.filter((e) => e.state === "Plan").map((e) => e.at.getTime());
      const events = await listEvents(deps, id);
      const timeline: PhaseTimeline = phaseTimeline(p.referredAt.toISOString(), events, plans, deps.deployment);
      for (const [phase, ms] of timeByPhase(timeline, p.referredAt.getTime(), p.activeUntil.getTime())) {
        timePerPhase.set(phase, (timePerPhase.get(phase) ?? 0) + ms);
      }
      for (const { state, at } of entered) {
        const phase = phaseAt(timeline, at.getTime());
        transitionsPerPhase.set(phase, (transitionsPerPhase.get(phase) ?? 0) + 1);
        const states = statesPerPhase.get(phase) ?? new Map<string, number>();
        states.set(state, (states.get(state) ?? 0) + 1);
        statesPerPhase.set(phase, states);
      }
      for (const at of timeoutsByParticipant.get(id) ?? []) {
        const states = statesPerPhase.get(phaseAt(timeline, at.getTime())) ?? new Map<string, number>();
        states.set("(timeout)", (states.get("(timeout)") ?? 0) + 1);
        statesPerPhase.set(phaseAt(timeline, at.getTime()), states);
      }
      const atEnd = phaseAt(timeline, end.getTime());
      endPhases.set(atEnd, (endPhases.get(atEnd) ?? 0) + 1);
    }),
  );
  const yearsIn = (phase: Phase) => (timePerPhase.get(phase) ?? 0) / DAY / YEAR_DAYS;

  const store = (await (await fetch(`${system.urls.inbox}/store`)).json()) as { emails: Array<{ destination: { to: string[] } }> };
  const teamAddresses = new Set(teams.flatMap((team) => team.emails));
  const mail = { digests: 0, summaries: 0, recipients: 0 };
  for (const email of store.emails) {
    mail.recipients += email.destination.to.length;
    if (email.destination.to.some((to) => teamAddresses.has(to))) mail.summaries++;
    else mail.digests++;
  }

  // ---- usage of each part, ipsflow and naive ---------------------------------------------------
  const isJourneyFn = (f: string) => f.startsWith("journey-");
  const isScheduledFn = (f: string) => f.startsWith("digest-") || f.startsWith("summary-");
  const scopeOf = (select: (f: string) => boolean) => (scope: string) => scope.startsWith("lambda:") && select(scope.slice("lambda:".length));
  const writeUnits = (c: Capacity) => c.write + c.refusedWriteUnits;

  const isStatesScope = (scope: string) => scope.startsWith("states:");
  const journeyCapacity = capacity.usage((scope) => scopeOf(isJourneyFn)(scope) || isStatesScope(scope));
  const apiCapacity = capacity.usage("lambda:api");
  const scheduledCapacity = capacity.usage(scopeOf(isScheduledFn));
  const journeyLambdas = lambdas.total(isJourneyFn);
  const apiLambdas = lambdas.total((f) => f === "api");
  const scheduledLambdas = lambdas.total(isScheduledFn);
  // The daily check reads the profile and the events and evaluates them, as a plan woken by its
  // timeout does (a plan woken by an event mostly reads only the profile).
  const check = lambdas.labelled.get("journey-plan: woken by a timeout") ?? { invocations: 0, ms: 0, billedMs: 0 };
  const readsPerCheck = probes.reduce((sum, p) => sum + p.readUnits / Math.max(1, p.participants), 0) / Math.max(1, probes.length);

  const parts: Record<"journeys" | "api" | "scheduled", Usage> = {
    journeys: {
      stateTransitions: journey.transitions,
      lambdaInvocations: journeyLambdas.invocations,
      lambdaBilledMs: journeyLambdas.billedMs,
      readUnits: journeyCapacity.read,
      writeUnits: writeUnits(journeyCapacity),
      emails: 0,
    },
    api: {
      stateTransitions: 0,
      lambdaInvocations: apiLambdas.invocations,
      lambdaBilledMs: apiLambdas.billedMs,
      readUnits: apiCapacity.read,
      writeUnits: writeUnits(apiCapacity),
      emails: 0,
    },
    scheduled: {
      stateTransitions: scheduled.transitions,
      lambdaInvocations: scheduledLambdas.invocations,
      lambdaBilledMs: scheduledLambdas.billedMs,
      readUnits: scheduledCapacity.read,
      writeUnits: writeUnits(scheduledCapacity),
      emails: mail.recipients,
    },
  };
  const naiveJourneys: Usage = {
    stateTransitions: 3 * participantDays,
    lambdaInvocations: participantDays,
    lambdaBilledMs: participantDays * Math.ceil(check.invocations ? check.ms / check.invocations : 1),
    readUnits: participantDays * readsPerCheck,
    writeUnits: 0,
    emails: 0,
  };
  const sum = (...usages: Usage[]): Usage => ({
    stateTransitions: usages.reduce((s, u) => s + u.stateTransitions, 0),
    lambdaInvocations: usages.reduce((s, u) => s + u.lambdaInvocations, 0),
    lambdaBilledMs: usages.reduce((s, u) => s + u.lambdaBilledMs, 0),
    readUnits: usages.reduce((s, u) => s + u.readUnits, 0),
    writeUnits: usages.reduce((s, u) => s + u.writeUnits, 0),
    emails: usages.reduce((s, u) => s + u.emails, 0),
  });
  const ours = sum(parts.journeys, parts.api, parts.scheduled);
  const naive = sum(naiveJourneys, parts.api, parts.scheduled);
  const perPy = (n: number) => n / participantYears;
  const per1000 = (usd: number) => (usd / participantYears) * 1000;
  const oursCost = costOf(ours);
  const naiveCost = costOf(naive);

  // ---- report --------------------------------------------------------------------------------
  const followUpYears = yearsIn("follow-up");
  const followUpTransitions = transitionsPerPhase.get("follow-up") ?? 0;
  const eventsByType = new Map<string, number>();
  for (const p of population) for (const e of p.events) eventsByType.set(e.body.type, (eventsByType.get(e.body.type) ?? 0) + 1);
  const eventCount = population.reduce((n, p) => n + p.events.length, 0);
  const throughput = participantYears / (wallMs / 1000);
  const row = (label: string, ipsflow: number, naiveValue: number, format: (n: number) => string = num) => [
    label,
    format(ipsflow),
    format(naiveValue),
    ratio(naiveValue, ipsflow),
  ];
  const header = ["per participant-year", "ipsflow", "naive daily", "naive / ipsflow"];
  const phases: Phase[] = ["referral", "job-search", "placement", "follow-up", "paused", "exited"];
  const requests = capacity.usage((scope) => scope.startsWith("lambda:") || isStatesScope(scope));
  const requestCount = [...requests.requests.values()].reduce((sum, n) => sum + n, 0);
  const targets: Array<[string, number, number, (n: number) => string]> = [
    ["DynamoDB requests", perPy(requestCount), 250, num],
    ["Lambda invocations (API calls included)", perPy(ours.lambdaInvocations), 160, num],
    ["journey state transitions", perPy(journey.transitions), 100, num],
    ["AWS cost per 1,000 participant-years", per1000(oursCost.total), 5, usd],
  ];

  console.log(`
ipsflow journey benchmark: ${population.length} participants, ${args.years} year(s) from ${start.toISOString().slice(0, 10)}, seed ${args.seed}
Command: npm run bench:journeys -- --participants ${args.participants} --years ${args.years}${args.seed !== 42 ? ` --seed ${args.seed}` : ""}${args.concurrency !== 16 ? ` --concurrency ${args.concurrency}` : ""}

Population
${table([
  ["teams / specialists", `${teams.length} / ${specialists.length}`],
  ["participant-years", `${num(participantYears)} (follow-up ${num(followUpYears)}; ${phases.map((ph) => `${ph} ${num(yearsIn(ph))}`).join(", ")})`],
  ["events recorded", `${eventCount} (${num(eventCount / participantYears)} per participant-year): ${[...eventsByType].sort((a, b) => b[1] - a[1]).map(([type, n]) => `${type} ${n}`).join(", ")}`],
  ["phase at the end", phases.filter((ph) => endPhases.has(ph)).map((ph) => `${ph} ${endPhases.get(ph)}`).join(", ")],
  ["failed requests", failures.size === 0 ? "none" : [...failures].map(([k, n]) => `${n}× ${k}`).join("; ")],
], { align: "left" })}

Throughput (wall clock, simulation only)
${table([
  // The wall-clock target is retired (it measured DynamoDB Local's CPU more than ipsflow); the
  // figure stays for comparing runs on one machine. The targets are the counts below.
  ["participant-years per second", `${num(throughput)} (on this machine; no target)`],
  ["simulation wall time", `${seconds(wallMs)} for ${num(participantYears)} participant-years`],
  ["  advancing the clock (timers)", `${seconds(advanceMs)}: journeys coming due, digests, summaries`],
  ["  recording + settling", `${seconds(recordMs)}: ${instants.length} recording instants, concurrency ${args.concurrency}`],
  [
    "CPU time (simulation)",
    `Node ${num(cpuAfter.node - cpuBefore.node - excludedCpu.node)} s, DynamoDB Local ${cpuAfter.dynamodb !== undefined && cpuBefore.dynamodb !== undefined ? `${num(cpuAfter.dynamodb - cpuBefore.dynamodb - excludedCpu.dynamodb)} s` : "n/a"}; ` +
      `${cpus().length} cores, load average ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after`,
  ],
  ["Lambda time in process", [...lambdas.stats].sort((a, b) => b[1].ms - a[1].ms).map(([f, s]) => `${f} ${seconds(s.ms)} (${s.invocations}× ${num(s.ms / s.invocations)} ms)`).join(", ")],
  ["DynamoDB requests", [...requests.requests].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name.replace(/Command$/, "")} ${n}`).join(", ")],
], { align: "left" })}

Figures per participant-year, beside the naive design (one execution per participant waking daily)
${table(
  [
    row("state transitions, journeys", perPy(journey.transitions), perPy(naiveJourneys.stateTransitions)),
    followUpYears > 0
      ? row("  in follow-up (per follow-up year)", followUpTransitions / followUpYears, 3 * YEAR_DAYS)
      : ["  in follow-up (per follow-up year)", "n/a", num(3 * YEAR_DAYS), ""],
    row("state transitions, all workflows", perPy(ours.stateTransitions), perPy(naive.stateTransitions)),
    row("Lambda invocations", perPy(ours.lambdaInvocations), perPy(naive.lambdaInvocations)),
    row("DynamoDB read units", perPy(ours.readUnits), perPy(naive.readUnits)),
    row("DynamoDB write units", perPy(ours.writeUnits), perPy(naive.writeUnits)),
    row("emails", perPy(ours.emails), perPy(naive.emails)),
  ],
  { header },
)}
  Follow-up target ≤ 100 transitions per follow-up participant-year: ${followUpYears === 0 ? "not measured (no time in follow-up in this run)" : followUpTransitions / followUpYears <= 100 ? "met" : "MISSED"}.
  Targets per participant-year, machine-independent: ${targets
    .map(([label, value, limit, format]) => `${label} ${format(value)} (≤ ${format(limit)}: ${value <= limit ? "met" : "MISSED"})`)
    .join("; ")}.
  Journey states entered per participant-year of each phase (Plan: one per wake; timeouts: the wakes at a due time, which also record what came due; the rest are by events or a new generation):
${table(
  phases
    .filter((ph) => statesPerPhase.has(ph) && yearsIn(ph) > 0)
    .map((ph) => {
      const states = statesPerPhase.get(ph)!;
      const perYear = (state: string) => num((states.get(state) ?? 0) / yearsIn(ph));
      return [ph, num(yearsIn(ph)), perYear("Plan"), perYear("Await"), perYear("(timeout)"), perYear("Continue"), num((transitionsPerPhase.get(ph) ?? 0) / yearsIn(ph))];
    }),
  { header: ["phase", "years", "Plan", "Await", "timeouts", "Continue", "all"], indent: "    " },
)}

AWS cost per 1,000 participant-years (list prices, free tiers excluded)
${table(
  [
    row("Step Functions", per1000(oursCost.stepFunctions), per1000(naiveCost.stepFunctions), usd),
    row("Lambda requests", per1000(oursCost.lambdaRequests), per1000(naiveCost.lambdaRequests), usd),
    row(`Lambda duration (arm64, ${lambdaMemoryMiB} MiB)`, per1000(oursCost.lambdaDuration), per1000(naiveCost.lambdaDuration), usd),
    row("DynamoDB reads", per1000(oursCost.dynamoDbReads), per1000(naiveCost.dynamoDbReads), usd),
    row("DynamoDB writes", per1000(oursCost.dynamoDbWrites), per1000(naiveCost.dynamoDbWrites), usd),
    row("SES", per1000(oursCost.ses), per1000(naiveCost.ses), usd),
    row("total", per1000(oursCost.total), per1000(naiveCost.total), usd),
  ],
  { header: ["per 1,000 participant-years", "ipsflow", "naive daily", "naive / ipsflow"] },
)}

Breakdown (whole run)
${table(
  [
    ["journeys", String(journey.executions), num(journey.transitions), num(parts.journeys.lambdaInvocations), num(parts.journeys.readUnits), num(parts.journeys.writeUnits), "0"],
    ["event recording (API)", "-", "0", num(parts.api.lambdaInvocations), num(parts.api.readUnits), num(parts.api.writeUnits), "0"],
    [`digests + summaries`, `${scheduled.digestExecutions} + ${scheduled.summaryExecutions}`, num(scheduled.transitions), num(parts.scheduled.lambdaInvocations), num(parts.scheduled.readUnits), num(parts.scheduled.writeUnits), `${mail.digests} + ${mail.summaries}`],
    ["naive daily journeys", String(population.length), num(naiveJourneys.stateTransitions), num(naiveJourneys.lambdaInvocations), num(naiveJourneys.readUnits), "0", "0"],
  ],
  { header: ["", "executions", "transitions", "Lambda", "RRU", "WRU", "emails"] },
)}
  Journey states entered: ${[...journey.byState].map(([s, n]) => `${s} ${n}`).join(", ")}; retries ${journey.retries}; largest history ${journey.maxHistoryEvents} events.
  Per function (whole run; RRU/WRU as metered under each function, refused writes included):
${table(
  [...lambdas.stats]
    .sort((a, b) => b[1].invocations - a[1].invocations)
    .map(([folder, stats]) => {
      const used = capacity.usage(`lambda:${folder}`);
      const calls = [...used.requests].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name.replace(/(Item|Items)?Command$/, "")} ${num(n / stats.invocations)}`);
      return [folder, String(stats.invocations), num(stats.ms / stats.invocations), num(used.read / stats.invocations), num(writeUnits(used) / stats.invocations), calls.join(", ")];
    })
    .concat(
      // The SDK integrations: calls Step Functions makes itself, no function between (per call).
      capacity.scopes().filter(isStatesScope).map((scope) => {
        const used = capacity.usage(scope);
        const count = [...used.requests.values()].reduce((sum, n) => sum + n, 0);
        return [`${scope.slice("states:".length)} (Step Functions)`, `${count} calls`, "-", num(used.read / count), num(writeUnits(used) / count), "1 request each"];
      }),
    ),
  { header: ["function", "invocations", "ms each", "RRU each", "WRU each", "DynamoDB requests each"], indent: "    " },
)}
  Journey plans: ${[...(lambdas.outcomes.get("journey-plan") ?? [])].map(([label, n]) => `${n} ${label}`).join(", ") || "none"}.
  Lambda invocations counted in the histories ${journey.lambdaInvocations + scheduled.lambdaInvocations}, by the handlers ${lambdas.total((f) => f !== "api").invocations}.
  Writes refused by their condition (billed at least 1 WRU, 2 per transaction item; included above): ${requests.refusedWrites}, ${num(requests.refusedWriteUnits)} WRU.
  Naive reads: ${probes.map((p) => `${num(p.readUnits / Math.max(1, p.participants))} RRU per participant on ${p.at.toISOString().slice(0, 10)}`).join(", ")}; ${num(readsPerCheck)} used.
  Lambda duration: measured in process (DynamoDB Local on loopback), each invocation rounded up to 1 ms; naive check = ipsflow's plan woken by a timeout (${num(check.ms / Math.max(1, check.invocations))} ms).
  Prices: ${Object.values(prices).map((p) => `$${p.usd} per ${p.per.toLocaleString("en-US")} ${p.unit.split(" (")[0]}`).join("; ")} (bench/prices.ts, looked up ${prices.lambdaRequest.lookedUp}).
  Population mix: bench/lib/population.ts (${Object.keys(mix).length} assumptions, listed at the top of bench/journeys.ts).`);
}
