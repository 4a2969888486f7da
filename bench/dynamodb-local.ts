import { parseArgs } from "node:util";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { defaultRules, rulesVersion } from "../core/journey/rules";
import { startDynamoDb } from "../local/servers/dynamodb";
import { ensureTable } from "../local/servers/table";
import { freePort } from "../local/servers/ports";
import { localCredentials } from "../local/servers/credentials";
import { dynamoDbLocalCpuSeconds, nodeCpuSeconds } from "./lib/cpu";
import { table } from "./lib/report";
import { eventPut, listEvents, profileItem, profileUpdate, transact } from "../adapters/dynamodb/participants";
import { type StoredState, type ParticipantProfile } from "../core/participants/profile";
import { storedResponsePut } from "../adapters/dynamodb/idempotency";
import { keys } from "../adapters/dynamodb/keys";
import { obligationKinds, type ParticipantEvent } from "../core/domain/schemas";

/**
 * `npm run bench:dynamodb -- --requests 3000`
 *
 * What one request of each kind the journeys send costs on the local system: CPU of DynamoDB
 * Local (its JVM, from /proc) and of Node (the AWS SDK and the loopback HTTP), per request, once
 * the JVM is warm. Items have the shapes the system writes: a profile on both indexes with its
 * obligations, an event on the team index, an idempotency record. The journey benchmark's
 * throughput is bounded by these figures times its requests per participant-year.
 */

const { values } = parseArgs({ options: { requests: { type: "string", default: "3000" }, concurrency: { type: "string", default: "8" } } });
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);

const port = await freePort();
const server = await startDynamoDb({ port });
const client = new DynamoDBClient({ endpoint: server.endpoint, region: "eu-north-1", credentials: localCredentials });
const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
const TableName = "bench-requests";
await ensureTable(client, TableName);

// Items exactly as the system writes them: its own builders, a profile with five obligations.
const deps = { db, tableName: TableName, clock: { now: () => new Date("2027-01-01T09:00:00.000Z") } };
const profile = (i: number): ParticipantProfile & StoredState => ({
  id: `P${i}`,
  code: `P-${i}`,
  teamId: `T${i % 10}`,
  specialistId: `S${i % 10}`,
  referredAt: "2026-10-01T09:00:00.000Z",
  createdAt: "2026-10-01T09:00:00.000Z",
  phase: "follow-up",
  version: 1,
  inWork: true,
  inSchool: false,
  missedFirstEmployerContact: false,
  nextDueAt: "2026-12-31T23:00:00.000Z",
  nextChangeAt: "2026-12-31T23:00:00.000Z",
  evaluatedAt: "2026-12-01T09:00:00.000Z",
  rulesVersion: rulesVersion(defaultRules),
  placementEndsAt: null,
  obligations: obligationKinds.slice(0, 5).map((kind) => ({ kind, dueDate: "2027-01-01", dueAt: "2026-12-31T23:00:00.000Z", status: "upcoming" as const })),
});
const event = (n: string): ParticipantEvent => ({
  type: "employer-contact",
  employer: "Employer",
  at: "2027-01-01T09:00:00.000Z",
  id: n,
  recordedAt: "2027-01-01T09:00:00.000Z",
});
const history = profile(-1);

type Row = [string, string, string, string];
const rows: Row[] = [];
async function measure(name: string, count: number, parallel: number, send: (i: number) => Promise<unknown>, report = true) {
  const java0 = dynamoDbLocalCpuSeconds(port) ?? NaN;
  const node0 = nodeCpuSeconds();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < count) await send(next++);
  }));
  const wall = performance.now() - t0;
  const java = (dynamoDbLocalCpuSeconds(port) ?? NaN) - java0;
  const node = nodeCpuSeconds() - node0;
  const ms = (value: number) => ((value * 1000) / count).toFixed(2);
  if (report) rows.push([name, ms(java), ms(node), (wall / count).toFixed(2)]);
}

for (let i = 0; i < 60; i++) await db.send(new PutCommand(eventPut(deps, history, event(String(i).padStart(4, "0"))).Put!));
// The JVM compiles its hot paths during the first thousands of requests: warm it with the same mix.
for (let round = 0; round < 2; round++) {
  const last = round === 1;
  await measure("PutItem (profile, 2 indexes)", requests, concurrency, (i) => db.send(new PutCommand({ TableName, Item: profileItem(profile(i % 500)) })), last);
  await measure("GetItem (profile, consistent)", requests, concurrency, (i) => db.send(new GetCommand({ TableName, Key: keys.participant(`P${i % 500}`), ConsistentRead: true })), last);
  await measure("Query (60 events, as listEvents)", requests / 3, concurrency, () =>
    listEvents(deps, history.id), last);
  await measure("TransactWriteItems (event, profile, idempotency)", requests / 3, concurrency, (i) =>
    transact(deps, [
      eventPut(deps, profile(i % 500), event(`${round}-${i}`)),
      profileUpdate(deps, profile(i % 500), profile(i % 500), 1),
      storedResponsePut(deps, "bench", `${round}-${i}`, { statusCode: 201, body: {} }),
    ]), last);
}
client.destroy();
await server.stop();

console.log(`DynamoDB Local, one request of each kind once warm (${requests} puts and gets, ${requests / 3} queries and transactions, ${concurrency} at a time):\n`);
console.log(table(rows, { header: ["request", "DynamoDB Local CPU ms", "Node CPU ms", "wall ms"] }));
