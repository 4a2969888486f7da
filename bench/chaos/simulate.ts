import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import { localDeployment } from "../../core/config/deployment";
import { newId } from "../../core/ids";
import { freePort } from "../../local/servers/ports";
import { generatePopulation, type PlannedParticipant } from "../lib/population";
import { mulberry32 } from "../lib/random";
import { pool } from "../lib/pool";
import { ChaosClient, type ClientCounts } from "./client";
import { Runtime } from "./runtime";
import { observe, type Observed } from "./observe";

export interface FaultRates {
  /** Workflow Lambda tasks that throw. */
  lambda: number;
  /** SES sends answered with throttling. */
  ses: number;
  /** API requests that arrive twice. */
  duplicate: number;
  /** Wakes (SendTaskSuccess) lost on the way. */
  wake: number;
  /** SIGKILLs of the runtime, each followed by a restart on the same data. */
  kills: number;
}

export const noFaults: FaultRates = { lambda: 0, ses: 0, duplicate: 0, wake: 0, kills: 0 };

/** A bad day at AWS, as `npm run chaos` plays it. */
export const chaosFaults: FaultRates = { lambda: 0.1, ses: 0.05, duplicate: 0.05, wake: 0.02, kills: 2 };

export interface SimulationOptions {
  participants: number;
  days: number;
  referralDays: number;
  seed: number;
  start: Date;
  concurrency: number;
  faults: FaultRates;
  /** Servers that outlive the runtime (DynamoDB Local, the SES inbox). */
  dynamodbEndpoint: string;
  sesEndpoint: string;
  progress?: (line: string) => void;
}

export interface Simulation {
  observed: Observed;
  client: ClientCounts;
  injected: Map<string, number>;
  kills: Array<{ at: string; during: "advance" | "recording" }>;
  runtimeLines: string[];
  /** Texts that must never reach an email or a log line. */
  secrets: { codes: string[]; preferences: string[] };
  wallMs: number;
}

type Action = { participant: PlannedParticipant } & ({ kind: "refer" } | { kind: "event"; n: number });

/**
 * One run of the population through the local runtime over HTTP, as `npm run bench:journeys`
 * lives it in process: advance the virtual clock to each instant at which something is recorded
 * (every timer on the way fires: journeys, digests, summaries), record that instant's referrals
 * and events through the API, go on. With faults, the runtime fails from outside its handlers
 * (local/faults/), the client sends some requests twice, and the runtime is killed and restarted.
 */
export async function simulate(options: SimulationOptions): Promise<Simulation> {
  const progress = options.progress ?? (() => {});
  const { timeZone, holidayCountry } = localDeployment;
  const end = new Date(addDays(new TZDate(options.start.getTime(), timeZone), options.days).getTime());
  const population = generatePopulation({
    participants: options.participants,
    start: options.start,
    end,
    referralDays: Math.min(options.referralDays, options.days),
    seed: options.seed,
    timeZone,
    holidayCountry,
  });
  const f = options.faults;
  const faultsArg = f.lambda || f.ses || f.wake ? `lambda=${f.lambda},ses=${f.ses},wake=${f.wake},seed=${options.seed}` : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), "ipsflow-chaos-"));
  const run = newId().slice(-8).toLowerCase();
  const runtime = new Runtime({
    dataDir,
    dynamodbEndpoint: options.dynamodbEndpoint,
    sesEndpoint: options.sesEndpoint,
    table: `chaos-${run}`,
    start: options.start,
    faults: faultsArg,
    ports: { api: await freePort(), web: await freePort(), stepFunctions: await freePort() },
  });
  const random = mulberry32(options.seed * 7919 + 17);
  const client = new ChaosClient(runtime, random, f.duplicate);
  const kills: Simulation["kills"] = [];
  const began = performance.now();
  await runtime.start();
  try {
    // ---- teams and specialists: one of each per 15 participants, as in the journey benchmark ----
    const teamCount = Math.ceil(options.participants / 15);
    const teams: Array<{ id: string; specialistId: string }> = [];
    for (let i = 0; i < teamCount; i++) {
      const team = await client.send("POST", "/teams", {
        key: `team-${i}`,
        body: { name: `Behandlingsteam ${i + 1}`, emails: [`team-${i + 1}@${run}.example.org`], locale: "nb", summaryCadence: i % 4 === 3 ? "fortnightly" : "weekly" },
      });
      const specialist = await client.send("POST", "/specialists", {
        key: `specialist-${i}`,
        body: { name: `Jobbspesialist ${i + 1}`, email: `spesialist-${i + 1}@${run}.example.org`, teamIds: [team.body.id], caseloadLimit: 20 },
      });
      teams.push({ id: team.body.id, specialistId: specialist.body.id });
    }

    // ---- the walk ----------------------------------------------------------------------------
    const actions: Array<Action & { at: number }> = population.flatMap((participant) => [
      { participant, kind: "refer" as const, at: participant.referredAt.getTime() },
      ...participant.events.map((event, n) => ({ participant, kind: "event" as const, n, at: event.at.getTime() })),
    ]);
    const byInstant = Map.groupBy(actions, (action) => action.at);
    const instants = [...byInstant.keys()].sort((a, b) => a - b);
    // Kills land on the first instant of a working morning, right after the 08:00 digest started.
    const killAt = new Set(
      Array.from({ length: f.kills }, (_, k) => {
        const from = Math.floor(((k + 1) / (f.kills + 1)) * instants.length);
        const morning = instants.findIndex((t, i) => i >= from && new TZDate(t, timeZone).getHours() === 9);
        return morning >= 0 ? morning : from;
      }),
    );
    const ids = new Map<number, string>();
    const preferences = population.map((p) => `Ønskejobb-${run}-${p.index}`);

    const perform = async (action: Action) => {
      const p = action.participant;
      if (action.kind === "refer") {
        const team = teams[p.index % teams.length];
        const created = await client.send("POST", "/participants", {
          key: `refer-${p.index}`,
          body: { code: p.code, teamId: team.id, specialistId: team.specialistId, referredAt: p.referredAt.toISOString(), preferences: { jobs: [preferences[p.index]] } },
        });
        if (created.status === 201 || created.status === 200) ids.set(p.index, created.body.id);
        return;
      }
      const id = ids.get(p.index);
      if (!id) return;
      await client.send("POST", `/participants/${id}/events`, { key: `event-${p.index}-${action.n}`, body: p.events[action.n].body });
    };
    const advance = (to: number) => client.send("POST", "/local/clock/advance", { body: { to: new Date(to).toISOString() } });

    let reported = performance.now();
    for (const [i, instant] of instants.entries()) {
      let crash: Promise<void> | undefined;
      let phase: "advance" | "recording" = "advance";
      if (killAt.has(i)) {
        // Up to just before the digest, then the kill lands while the morning's workflows run.
        const beforeDigest = new TZDate(instant, timeZone).setHours(7, 55);
        if (i > 0 && beforeDigest > instants[i - 1]) await advance(beforeDigest);
        const delay = 5 + Math.floor(random() * 60);
        crash = new Promise((resolve, reject) =>
          setTimeout(() => {
            kills.push({ at: new Date(instant).toISOString(), during: phase });
            runtime.crashAndRestart().then(resolve, reject);
          }, delay),
        );
      }
      await advance(instant);
      phase = "recording";
      // One participant's actions in order, participants side by side.
      const groups = Map.groupBy(byInstant.get(instant)!, (action) => action.participant.index);
      await pool([...groups.values()], options.concurrency, async (group) => {
        for (const action of group) await perform(action);
      });
      if (crash) {
        await crash;
        // What the kill interrupted is sent again by the client; the clock catches up here.
        await advance(instant);
      }
      if (performance.now() - reported > 10_000) {
        reported = performance.now();
        progress(`  ${((100 * i) / instants.length).toFixed(0)} % (${new Date(instant).toISOString().slice(0, 10)})`);
      }
    }
    await advance(end.getTime());

    const observed = await observe({
      runtime,
      sesEndpoint: options.sesEndpoint,
      dynamodbEndpoint: options.dynamodbEndpoint,
      table: `chaos-${run}`,
      run,
      population,
      ids,
      teams,
    });
    const injected = new Map<string, number>();
    for (const fault of runtime.faults) injected.set(fault.fault, (injected.get(fault.fault) ?? 0) + 1);
    return {
      observed,
      client: client.counts,
      injected,
      kills,
      runtimeLines: runtime.lines,
      secrets: { codes: population.map((p) => p.code), preferences },
      wallMs: performance.now() - began,
    };
  } finally {
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
