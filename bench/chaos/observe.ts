import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { ListExecutionsCommand, ListStateMachinesCommand, SFNClient } from "@aws-sdk/client-sfn";
import { localDeployment } from "../../core/config/deployment";
import { catalogue } from "../../core/email/i18n";
import { keys } from "../../adapters/dynamodb/keys";
import { localCredentials } from "../../local/servers/credentials";
import type { PlannedParticipant } from "../lib/population";
import { pool } from "../lib/pool";
import type { Runtime } from "./runtime";

/** One reminder as a specialist read it: participant code, what to do, the morning it was in. */
export interface Reminder {
  code: string;
  kind: string;
  date: string;
}

export interface Observed {
  /** Per participant code: the events as recorded (type and instant), and the phase at the end. */
  participants: Map<string, { events: string[]; phase: string; journey: string }>;
  /** Journeys with more than one running execution at the end. */
  runningTwice: string[];
  reminders: Reminder[];
  /** `code date` for each participant whose specialist's digest of that morning was claimed and never sent. */
  lostMornings: Set<string>;
  digests: { emails: number; records: number; sentTwice: string[]; claimedNotSent: string[]; unrecorded: number };
  summaries: { emails: number; records: number; sentTwice: string[]; claimedNotSent: string[]; unrecorded: number };
  /** Subjects and bodies of this run's emails, for the privacy scan. */
  emailTexts: string[];
}

interface StoredEmail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

const words = catalogue("nb");
const kindOfInstruction = new Map(Object.entries(words.obligation).map(([kind, text]) => [text, kind]));

/**
 * What a run left behind, read from the outside: the participants and their journeys through the
 * API and the Step Functions endpoint, the emails from the SES inbox, the send records from the
 * table. Emails are matched to the records that claimed them by SES's message id.
 */
export async function observe(input: {
  runtime: Runtime;
  sesEndpoint: string;
  dynamodbEndpoint: string;
  table: string;
  run: string;
  population: PlannedParticipant[];
  ids: Map<number, string>;
  teams: Array<{ id: string; specialistId: string }>;
}): Promise<Observed> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const api = async (path: string): Promise<any> => {
    const res = await fetch(`${input.runtime.apiUrl}${path}`, { headers: { authorization: "Bearer dev:admin" } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const participants: Observed["participants"] = new Map();
  await pool(input.population, 8, async (p) => {
    const id = input.ids.get(p.index);
    if (!id) return;
    const [view, journey] = await Promise.all([api(`/participants/${id}`), api(`/participants/${id}/journey`)]);
    participants.set(p.code, {
      events: (view.events as Array<{ type: string; at: string }>).map((e) => `${e.at} ${e.type}`).sort(),
      phase: view.phase,
      journey: journey.status,
    });
  });

  // Running executions per participant, on the runtime's own Step Functions endpoint.
  const sfn = new SFNClient({ region: localDeployment.region, endpoint: input.runtime.stepFunctionsUrl, credentials: localCredentials });
  const machines = await sfn.send(new ListStateMachinesCommand({}));
  const journeyArn = machines.stateMachines!.find((m) => m.name!.endsWith("-journey"))!.stateMachineArn!;
  const running = new Map<string, number>();
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: journeyArn, statusFilter: "RUNNING", maxResults: 1000, nextToken }));
    for (const execution of page.executions ?? []) {
      const participant = execution.name!.slice(0, execution.name!.lastIndexOf("-g"));
      running.set(participant, (running.get(participant) ?? 0) + 1);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  sfn.destroy();
  const codeOf = new Map([...input.ids].map(([index, id]) => [id, input.population[index].code]));
  const runningTwice = [...running].filter(([, n]) => n > 1).map(([id]) => codeOf.get(id) ?? id);

  // Send records: one per specialist and morning, one per team and week.
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: localDeployment.region, endpoint: input.dynamodbEndpoint, credentials: localCredentials }));
  const recordsOf = async (pk: string) => {
    const out = await db.send(new QueryCommand({ TableName: input.table, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": pk } }));
    return (out.Items ?? []) as Array<{ sk: string; status: string; messageId?: string }>;
  };
  // Each record with the address its email went to: the local SES's message ids are random
  // nine-digit numbers, so across tens of thousands of emails two may share one; the address
  // and the id together do not.
  const withAddress = async (pk: string, address: string) => (await recordsOf(pk)).map((record) => ({ ...record, address }));
  const numbered = input.teams.map((team, i) => ({ team, n: i + 1 }));
  const digestRecords = (await pool(numbered, 8, ({ team, n }) => withAddress(keys.digest(team.specialistId, "").pk, `spesialist-${n}@${input.run}.example.org`))).flat();
  const summaryRecords = (await pool(numbered, 8, ({ team, n }) => withAddress(keys.summary(team.id, "").pk, `team-${n}@${input.run}.example.org`))).flat();
  const lostByAddress = Map.groupBy(digestRecords.filter((r) => r.status !== "sent"), (r) => r.address);
  const lostMornings = new Set(
    input.population.flatMap((p) =>
      (lostByAddress.get(`spesialist-${(p.index % input.teams.length) + 1}@${input.run}.example.org`) ?? []).map((r) => `${p.code} ${r.sk}`),
    ),
  );
  db.destroy();

  const store = (await (await fetch(`${input.sesEndpoint}/store`)).json()) as { emails: StoredEmail[] };
  const mine = store.emails.filter((email) => email.destination.to.some((to) => to.endsWith(`@${input.run}.example.org`)));
  const isTeam = (email: StoredEmail) => email.destination.to.some((to) => to.startsWith("team-"));
  const digestEmails = mine.filter((email) => !isTeam(email));
  const summaryEmails = mine.filter(isTeam);

  // Reminders: each row of a digest's text part is "- CODE[ (!)] · instruction (status) · ...".
  const sentAs = (email: StoredEmail) => `${email.destination.to.join(",")} ${email.messageId}`;
  const dateOfMessage = new Map(digestRecords.filter((r) => r.messageId).map((r) => [`${r.address} ${r.messageId}`, r.sk]));
  const reminders: Reminder[] = [];
  for (const email of digestEmails) {
    const date = dateOfMessage.get(sentAs(email)) ?? "unknown";
    for (const line of (email.body.text ?? "").split("\n")) {
      if (!line.startsWith("- ")) continue;
      const [code, ...tasks] = line.slice(2).split(" · ");
      for (const task of tasks) {
        const instruction = task.replace(/ \([^()]*\)$/, "");
        reminders.push({ code: code.replace(/ \(!\)$/, ""), kind: kindOfInstruction.get(instruction) ?? `? ${instruction}`, date });
      }
    }
  }

  const sends = (emails: StoredEmail[], records: Array<{ sk: string; status: string; messageId?: string; address: string }>, keyOf: (email: StoredEmail) => string) => {
    const recorded = new Set(records.filter((r) => r.messageId).map((r) => `${r.address} ${r.messageId}`));
    const perKey = new Map<string, number>();
    for (const email of emails) perKey.set(keyOf(email), (perKey.get(keyOf(email)) ?? 0) + 1);
    return {
      emails: emails.length,
      records: records.length,
      sentTwice: [...perKey].filter(([, n]) => n > 1).map(([key]) => key),
      claimedNotSent: records.filter((r) => r.status !== "sent").map((r) => r.sk),
      unrecorded: emails.filter((email) => !recorded.has(sentAs(email))).length,
    };
  };
  const summaryWeek = new Map(summaryRecords.filter((r) => r.messageId).map((r) => [`${r.address} ${r.messageId}`, r.sk]));
  return {
    participants,
    runningTwice,
    reminders,
    lostMornings,
    // Two emails to one address for one morning (or week) is what must never happen.
    digests: sends(digestEmails, digestRecords, (email) => `${email.destination.to.join(",")} ${dateOfMessage.get(sentAs(email)) ?? email.messageId}`),
    summaries: sends(summaryEmails, summaryRecords, (email) => `${email.destination.to.join(",")} ${summaryWeek.get(sentAs(email)) ?? email.messageId}`),
    emailTexts: mine.map((email) => `${email.subject}\n${email.body.text ?? ""}\n${email.body.html ?? ""}`),
  };
}
