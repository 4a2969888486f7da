import { afterAll, beforeAll, expect } from "vitest";
import { tz } from "@date-fns/tz";
import { addDays, lightFormat, parseISO } from "date-fns";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { seedTeam, startTestSystem } from "../support/system";
import { capturedMail } from "../support/deps";
import { keys } from "../../adapters/dynamodb/keys";

/**
 * What the journey scenarios share: acting on one local system through its HTTP API (refer,
 * record events at the virtual now), reading it back (obligations, journey, digest records) and
 * reading the specialist's mailbox. Times are Oslo local, the deployment's zone.
 */

export type TestSystem = Awaited<ReturnType<typeof startTestSystem>>;
export type Team = Awaited<ReturnType<typeof seedTeam>>;

export const ZONE = "Europe/Oslo";

/** The UTC instant of a local Oslo time, e.g. oslo("2026-11-25T08:30"). */
export const oslo = (local: string): string => new Date(parseISO(local, { in: tz(ZONE) }).getTime()).toISOString();

/** 00:00 Oslo on a local date, as the API gives `dueAt`. */
export const midnight = (localDate: string): string => new Date(parseISO(localDate, { in: tz(ZONE) }).getTime()).toISOString();

/** A local date `days` calendar days after another. */
export const plusDays = (localDate: string, days: number): string => lightFormat(addDays(parseISO(localDate, { in: tz("UTC") }), days), "yyyy-MM-dd");

export interface Obligation {
  kind: string;
  dueAt: string;
  status: "upcoming" | "due" | "overdue" | "done";
  doneAt?: string;
}

/** One participant's row in the digest. */
export interface DigestLine {
  code: string;
  /** Marked "(!)" after the code: something in the row is overdue. */
  flagged?: true;
  /** The row's items in their order, each its instruction and its status. */
  tasks: Array<{ task: string; status: string }>;
}

/**
 * One local system for a test file, started before its first test at a local Oslo time and
 * stopped after its last. Its hooks take their place among the file's own where it is called:
 * a beforeAll declared after the call finds the system up, and an afterAll declared after it runs
 * before the system stops (after-hooks run as a stack). The system exists only between those
 * hooks, hence an accessor rather than a value.
 */
export function useWorkflowSystem(options: { start: string; log?: (line: string) => void }) {
  let current: TestSystem | undefined;
  beforeAll(async () => {
    current = await startTestSystem({ start: new Date(oslo(options.start)), ...(options.log && { log: options.log }) });
  });
  afterAll(() => current?.stop());
  const system = (): TestSystem => {
    if (!current) throw new Error("the workflow system runs from the file's first beforeAll to its afterAll");
    return current;
  };
  return {
    system,
    s: scenario(system),
    /** A new team with its specialist: each test has its own mailbox. */
    seedTeam: (teamOptions?: Parameters<typeof seedTeam>[1]) => seedTeam(system().api, teamOptions),
  };
}

/** Acts on a system, or on the one an accessor gives at the time of each call. */
export function scenario(of: TestSystem | (() => TestSystem)) {
  const system = typeof of === "function" ? of : () => of;
  const api = () => system().api;
  let keyCounter = 0;

  const now = async () => (await api().get("/local/clock")).body.now as string;

  /** Moves the virtual clock to a local Oslo time (no-op if already there). */
  const advanceTo = async (local: string) => {
    const to = oslo(local);
    if (new Date(to) > new Date(await now())) {
      const res = await api().advance({ to });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
  };

  const refer = async (team: Team, code: string, referredAt?: string) => {
    const res = await api().post("/participants", {
      code,
      teamId: team.team.id,
      specialistId: team.specialist.id,
      referredAt: referredAt ?? (await now()),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await system().clock.settle();
    return res.body.id as string;
  };

  /**
   * Records an event dated now (unless `at` is given); `settle: false` returns as soon as the API
   * answered; `idempotencyKey` sends a key of the caller's (to replay a request), else a fresh one.
   */
  const record = async (
    team: Team,
    participantId: string,
    event: Record<string, unknown>,
    options: { settle?: boolean; idempotencyKey?: string } = {},
  ) => {
    const body = { at: await now(), ...event };
    const res = await api().post(`/participants/${participantId}/events`, body, team.specialistToken, {
      "Idempotency-Key": options.idempotencyKey ?? `scenario-${++keyCounter}`,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    if (options.settle !== false) await system().clock.settle();
    return res.body as { event: { id: string }; phase: string };
  };

  const participant = async (participantId: string) => {
    const res = await api().get(`/participants/${participantId}`);
    expect(res.status).toBe(200);
    return res.body as { phase: string; obligations: Obligation[]; jobs: Array<Record<string, unknown>>; events: unknown[] };
  };

  /** The open obligation of a kind (undefined when none is open). */
  const open = async (participantId: string, kind: string) =>
    (await participant(participantId)).obligations.find((o) => o.kind === kind && o.status !== "done");

  const openKinds = async (participantId: string) =>
    (await participant(participantId)).obligations.filter((o) => o.status !== "done").map((o) => o.kind).sort();

  const journey = async (participantId: string) => {
    const res = await api().get(`/participants/${participantId}/journey`);
    expect(res.status).toBe(200);
    return res.body as { generation: number; executionArn: string; status: string; parked: boolean; checkedInAt: string | null };
  };

  const item = async (key: { pk: string; sk: string }) =>
    (await system().deps.db.send(new GetCommand({ TableName: system().deps.tableName, Key: key, ConsistentRead: true }))).Item;

  const digestRecord = (specialistId: string, localDate: string) => item(keys.digest(specialistId, localDate));

  /** Local dates of every digest recorded for a specialist. */
  const digestDates = async (specialistId: string) => {
    const out = await system().deps.db.send(
      new QueryCommand({
        TableName: system().deps.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.digest(specialistId, "").pk },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map((i) => i.sk as string).sort();
  };

  /** DUE records of a participant (what the journey recorded as come due), as "kind@dueAt". */
  const dueRecords = async (participantId: string) => {
    const out = await system().deps.db.send(
      new QueryCommand({
        TableName: system().deps.tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :due)",
        ExpressionAttributeValues: { ":pk": keys.participant(participantId).pk, ":due": "DUE#" },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []) as Array<{ kind: string; dueAt: string; recordedAt: string }>;
  };

  const mail = (team: Team) => capturedMail(team.specialist.email);

  /** Names of the states an execution entered, in order. */
  const statesEntered = async (executionArn: string): Promise<string[]> => {
    const { events } = await system().stepFunctions.getExecutionHistory({ executionArn, maxResults: 1000 });
    return (events as unknown as Array<{ type: string; stateEnteredEventDetails?: { name?: string } }>)
      .filter((event) => event.type.endsWith("StateEntered"))
      .map((event) => event.stateEnteredEventDetails?.name ?? "?");
  };

  return { now, advanceTo, refer, record, participant, open, openKinds, journey, item, digestRecord, digestDates, dueRecords, mail, statesEntered };
}

/**
 * The digest's plain-text rows, one per participant ("- K.L. (!) · Ta første arbeidsgiverkontakt
 * (2 dager over fristen) · Nå ut til deltakeren – ingen kontakt på 30 dager (i dag)"), each as code, flag and items.
 */
export function digestLines(text: string): DigestLine[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("- "))
    .map((line) => {
      const [head, ...items] = line.slice(2).split(" · ");
      const flagged = head.endsWith(" (!)");
      const tasks = items.map((item) => {
        const parts = /^(.+) \(([^()]+)\)$/.exec(item);
        expect(parts, `a digest item, "task (status)": ${item}`).not.toBeNull();
        return { task: parts![1], status: parts![2] };
      });
      return { code: flagged ? head.slice(0, -" (!)".length) : head, ...(flagged && { flagged: true as const }), tasks };
    });
}

/** The digest a specialist got on a local date (matched by its title, which names the day). */
export async function digestOn(team: Team, localDate: string, locale: "nb" | "en" = "nb") {
  const day = new Intl.DateTimeFormat(locale === "nb" ? "nb-NO" : "en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: ZONE }).format(
    parseISO(localDate, { in: tz(ZONE) }),
  );
  const title = locale === "nb" ? `IPS-oppgaver ${day}` : `IPS tasks for ${day}`;
  const mails = (await capturedMail(team.specialist.email)).filter((m) => m.body.text?.startsWith(`${title}\n`));
  expect(mails.length, `digests titled "${title}"`).toBeLessThanOrEqual(1);
  return mails[0];
}
