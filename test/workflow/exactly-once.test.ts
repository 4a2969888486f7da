import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../adapters/dynamodb/keys";
import { createHandler as createDigestSend } from "../../functions/digest-send/handler";
import { lambdaArn } from "../../local/functions";
import { freePort } from "../../local/servers/ports";
import { localCredentials } from "../../local/servers/credentials";
import type { Deps } from "../../adapters/deps";
import { digestOn, oslo, useWorkflowSystem } from "./scenario";

/**
 * A specialist gets at most one digest a morning, whatever retries happen: the digest-send
 * function claims the morning (a conditional write) before it sends, a concurrent or repeated
 * invocation finds the claim, and a send that SES refused releases the claim so that the retry
 * sends, once.
 */

// Monday 2 November 2026, 07:00 in Oslo: an hour before the scheduled digest.
const { system, s, seedTeam } = useWorkflowSystem({ start: "2026-11-02T07:00" });
let deadSes: SESv2Client;

beforeAll(async () => {
  // SES that cannot be reached: a port nothing listens on, and no SDK retries.
  deadSes = new SESv2Client({
    region: system().deps.deployment.region,
    endpoint: `http://127.0.0.1:${await freePort()}`,
    credentials: localCredentials,
    maxAttempts: 1,
  });
});
afterAll(() => deadSes?.destroy());

type DigestSend = (event: unknown, context: object) => Promise<{ outcome: string; items: number }>;
const digestSend = (deps: () => Deps) => createDigestSend(deps) as unknown as DigestSend;
const context = { functionName: "digest-send", awsRequestId: "exactly-once" };
const sendLambda = () => lambdaArn(system().deps.deployment.region, system().deps.deployment.name, "digest-send");

afterEach(() => {
  const plain = digestSend(() => system().deps);
  system().stepFunctions.addLambda(sendLambda(), (event) => plain(event, context));
});

/** A participant whose deadlines are long overdue: the specialist has something every morning. */
async function overdueCaseload() {
  const team = await seedTeam();
  await s.refer(team, "O-1", oslo("2026-09-01T10:00"));
  return team;
}

describe("exactly one digest a morning", () => {
  it("two concurrent invocations for the same specialist and morning send one email; the scheduled run finds the claim", async () => {
    const team = await overdueCaseload();
    const handler = digestSend(() => system().deps);
    const event = { specialistId: team.specialist.id, date: "2026-11-02" };
    const outcomes = await Promise.all([handler(event, context), handler(event, context)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["already-sent", "sent"]);
    expect(await s.mail(team)).toHaveLength(1);
    expect(await s.digestRecord(team.specialist.id, "2026-11-02")).toMatchObject({
      status: "sent",
      claimedAt: oslo("2026-11-02T07:00"),
      items: 3,
    });

    // 08:00: the scheduled digest runs for the same morning and sends nothing more; a late retry neither.
    await s.advanceTo("2026-11-02T09:00");
    expect((await handler(event, context)).outcome).toBe("already-sent");
    expect(await s.mail(team)).toHaveLength(1);
    expect(await digestOn(team, "2026-11-02")).toBeDefined();
  });

  it("a send SES refused releases the claim: the scheduled run that follows sends exactly one", async () => {
    await s.advanceTo("2026-11-03T07:00");
    const team = await overdueCaseload();
    const failing = digestSend(() => ({ ...system().deps, ses: deadSes }));
    await expect(failing({ specialistId: team.specialist.id, date: "2026-11-03" }, context)).rejects.toThrow();
    expect(await s.digestRecord(team.specialist.id, "2026-11-03")).toBeUndefined();
    expect(await s.mail(team)).toHaveLength(0);

    await s.advanceTo("2026-11-03T09:00");
    expect(await s.mail(team)).toHaveLength(1);
    expect(await s.digestRecord(team.specialist.id, "2026-11-03")).toMatchObject({ status: "sent", claimedAt: oslo("2026-11-03T08:00") });
    expect((await digestSend(() => system().deps)({ specialistId: team.specialist.id, date: "2026-11-03" }, context)).outcome).toBe(
      "already-sent",
    );
    expect(await s.mail(team)).toHaveLength(1);
  });

  it("inside the digest workflow, a failed send is retried and sends once", async () => {
    await s.advanceTo("2026-11-04T07:00");
    const team = await overdueCaseload();
    const plain = digestSend(() => system().deps);
    const failing = digestSend(() => ({ ...system().deps, ses: deadSes }));
    const attempts: string[] = [];
    system().stepFunctions.addLambda(sendLambda(), async (event) => {
      if ((event as { specialistId: string }).specialistId !== team.specialist.id) return plain(event, context);
      attempts.push(attempts.length === 0 ? "refused" : "delivered");
      return attempts.length === 1 ? failing(event, context) : plain(event, context);
    });

    await s.advanceTo("2026-11-04T09:00");
    expect(attempts).toEqual(["refused", "delivered"]);
    expect(await s.mail(team)).toHaveLength(1);
    expect(await s.digestRecord(team.specialist.id, "2026-11-04")).toMatchObject({ status: "sent" });
    const [digest] = (await system().stepFunctions.listExecutions({ stateMachineArn: system().stateMachines.digest })).executions;
    expect(digest.status).toBe("SUCCEEDED");
    const history = await system().stepFunctions.getExecutionHistory({ executionArn: digest.executionArn });
    expect(history.events.filter((e) => e.type === "TaskFailed")).toHaveLength(1);
  });

  it("the workflow hands each send its specialist's language; a send reads the caseload and the specialist with their employers, and no item by key", async () => {
    await s.advanceTo("2026-11-05T07:00");
    const team = await seedTeam({ locale: "en" });
    await s.refer(team, "EN-1", oslo("2026-09-01T10:00"));
    const inputs: unknown[] = [];
    const requests: string[] = [];
    const deps = system().deps;
    const db = {
      send: (command: { constructor: { name: string }; input: { IndexName?: string } }) => {
        requests.push(`${command.constructor.name.replace(/Command$/, "")}${command.input.IndexName ? ` ${command.input.IndexName}` : ""}`);
        return deps.db.send(command as unknown as GetCommand);
      },
    } as unknown as Deps["db"];
    const plain = digestSend(() => deps);
    const watched = digestSend(() => ({ ...deps, db }));
    system().stepFunctions.addLambda(sendLambda(), async (event) => {
      if ((event as { specialistId: string }).specialistId !== team.specialist.id) return plain(event, context);
      inputs.push(event);
      return watched(event, context);
    });

    await s.advanceTo("2026-11-05T09:00");
    expect(inputs).toEqual([{ specialistId: team.specialist.id, date: "2026-11-05", locale: "en" }]);
    // The caseload (GSI1), the specialist with their employers (GSI2), the claim and its confirmation.
    expect(requests.sort()).toEqual(["Put", "Query gsi1", "Query gsi2", "Update"]);
    expect(await digestOn(team, "2026-11-05", "en")).toBeDefined();
  });

  it("a specialist stored before they were kept in their employers' partition is read by key, and mailed", async () => {
    await s.advanceTo("2026-11-06T07:00");
    const team = await overdueCaseload();
    const key = keys.specialist(team.specialist.id);
    await system().deps.db.send(new UpdateCommand({ TableName: system().deps.tableName, Key: key, UpdateExpression: "REMOVE gsi2pk, gsi2sk" }));
    const outcome = await digestSend(() => system().deps)({ specialistId: team.specialist.id, date: "2026-11-06", locale: "nb" }, context);
    expect(outcome).toMatchObject({ outcome: "sent" });
    expect(await digestOn(team, "2026-11-06")).toBeDefined();
  });
});
