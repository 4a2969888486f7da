import { afterEach, describe, expect, it } from "vitest";
import {
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  ExecutionDoesNotExist,
  InvalidArn,
  ListStateMachinesCommand,
  paginateListStateMachines,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  ValidationException,
} from "@aws-sdk/client-sfn";
import { lambdaArn, type LocalStepFunctionsFixture, region, start, startLocalStepFunctions } from "./step-functions-fixture";

/**
 * ListStateMachines, DescribeStateMachine and DescribeStateMachineForExecution through the real
 * SDK client, with AWS's shapes: what `aws stepfunctions list-state-machines --endpoint-url ...`
 * and `describe-state-machine` show of the workflows running locally.
 */

let local: LocalStepFunctionsFixture | undefined;
afterEach(async () => {
  await local?.stop();
  local = undefined;
});

const account = "000000000000";
const machineArn = (name: string) => `arn:aws:states:${region}:${account}:stateMachine:${name}`;
const pass = (result: string) => ({ StartAt: "Done", States: { Done: { Type: "Pass", Result: result, End: true } } });
/** Parks on a callback until woken: an execution that stays RUNNING. */
const parked = (comment: string) => ({
  Comment: comment,
  StartAt: "Await",
  States: {
    Await: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
      Parameters: { FunctionName: lambdaArn("ipsflow-local-park"), Payload: { "token.$": "$$.Task.Token" } },
      End: true,
    },
  },
});

describe("state machines on the local endpoint, through the real SDK", () => {
  it("lists state machines with their type and creation date, a page at a time", async () => {
    local = await startLocalStepFunctions();
    const names = ["journey", "digest", "summary"];
    for (const name of names) {
      local.sfn.createStateMachine(name, pass(name));
      await local.clock.advanceBy({ minutes: 1 });
    }

    const all = await local.client.send(new ListStateMachinesCommand({}));
    expect(all.stateMachines).toEqual(
      names.map((name, i) => ({ stateMachineArn: machineArn(name), name, type: "STANDARD", creationDate: new Date(start.getTime() + i * 60_000) })),
    );
    expect(all.nextToken).toBeUndefined();

    const first = await local.client.send(new ListStateMachinesCommand({ maxResults: 2 }));
    expect(first.stateMachines?.map((machine) => machine.name)).toEqual(["journey", "digest"]);
    expect(first.nextToken).toEqual(expect.any(String));
    const rest = await local.client.send(new ListStateMachinesCommand({ maxResults: 2, nextToken: first.nextToken }));
    expect(rest.stateMachines?.map((machine) => machine.name)).toEqual(["summary"]);
    expect(rest.nextToken).toBeUndefined();

    // The SDK's paginator (as the CLI pages) follows nextToken to the end.
    const paged: string[] = [];
    for await (const page of paginateListStateMachines({ client: local.client, pageSize: 1 }, {})) {
      paged.push(...(page.stateMachines ?? []).map((machine) => machine.name!));
    }
    expect(paged).toEqual(names);

    // A token the endpoint did not give: ValidationException (AWS: InvalidToken).
    await expect(local.client.send(new ListStateMachinesCommand({ nextToken: "not-a-token" }))).rejects.toBeInstanceOf(ValidationException);
  });

  it("pages 100 state machines at a time when maxResults is absent or 0, as AWS does", async () => {
    local = await startLocalStepFunctions();
    for (let i = 0; i < 101; i++) local.sfn.createStateMachine(`machine-${String(i).padStart(3, "0")}`, pass("x"));
    for (const maxResults of [undefined, 0]) {
      const first = await local.client.send(new ListStateMachinesCommand({ maxResults }));
      expect(first.stateMachines).toHaveLength(100);
      const rest = await local.client.send(new ListStateMachinesCommand({ maxResults, nextToken: first.nextToken }));
      expect(rest.stateMachines?.map((machine) => machine.name)).toEqual(["machine-100"]);
      expect(rest.nextToken).toBeUndefined();
    }
  });

  it("describes a state machine: its definition as given, ACTIVE, STANDARD, its role and creation date", async () => {
    local = await startLocalStepFunctions();
    const definition = JSON.stringify(pass("first"), null, 2);
    const arn = local.sfn.createStateMachine("journey", definition, { roleArn: `arn:aws:iam::${account}:role/journey-role` });
    expect(await local.client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).toMatchObject({
      stateMachineArn: arn,
      name: "journey",
      status: "ACTIVE",
      definition,
      roleArn: `arn:aws:iam::${account}:role/journey-role`,
      type: "STANDARD",
      creationDate: start,
    });

    // Replaced a day later (as a deploy updates it): the new definition, the same creation date.
    await local.clock.advanceBy({ days: 1 });
    local.sfn.createStateMachine("journey", pass("second"));
    const described = await local.client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    expect(JSON.parse(described.definition!)).toEqual(pass("second"));
    expect(described).toMatchObject({ creationDate: start, roleArn: `arn:aws:iam::${account}:role/journey-role` });

    // Without a role given, a placeholder ARN (DescribeStateMachine always has one).
    const other = local.sfn.createStateMachine("digest", pass("x"));
    expect((await local.client.send(new DescribeStateMachineCommand({ stateMachineArn: other }))).roleArn).toMatch(
      /^arn:aws:iam::000000000000:role\/.+/,
    );
  });

  it("describes the definition an execution runs, which a later replacement leaves as it was", async () => {
    local = await startLocalStepFunctions({ "ipsflow-local-park": async () => ({}) });
    const arn = local.sfn.createStateMachine("journey", parked("v1"));
    const startOn = async (name: string) =>
      (await local!.client.send(new StartExecutionCommand({ stateMachineArn: arn, name, input: "{}" }))).executionArn!;
    const before = await startOn("p-1-g1");
    await local.clock.advanceBy({ days: 1 });
    local.sfn.createStateMachine("journey", parked("v2"));
    const after = await startOn("p-1-g2");

    const describe = (executionArn: string) => local!.client.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    const old = await describe(before);
    expect(old).toMatchObject({ stateMachineArn: arn, name: "journey", updateDate: start, roleArn: expect.stringMatching(/^arn:aws:iam::/) });
    expect(JSON.parse(old.definition!)).toEqual(parked("v1"));
    const current = await describe(after);
    expect(current).toMatchObject({ stateMachineArn: arn, name: "journey", updateDate: new Date(start.getTime() + 86_400_000) });
    expect(JSON.parse(current.definition!)).toEqual(parked("v2"));
  });

  it("answers an unknown ARN with StateMachineDoesNotExist / ExecutionDoesNotExist and a malformed one with InvalidArn", async () => {
    local = await startLocalStepFunctions();
    local.sfn.createStateMachine("journey", pass("x"));
    await expect(local.client.send(new DescribeStateMachineCommand({ stateMachineArn: machineArn("nope") }))).rejects.toBeInstanceOf(
      StateMachineDoesNotExist,
    );
    await expect(local.client.send(new DescribeStateMachineCommand({ stateMachineArn: "journey" }))).rejects.toBeInstanceOf(InvalidArn);
    const unknownExecution = `arn:aws:states:${region}:${account}:execution:journey:nope`;
    await expect(
      local.client.send(new DescribeStateMachineForExecutionCommand({ executionArn: unknownExecution })),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(
      local.client.send(new DescribeStateMachineForExecutionCommand({ executionArn: machineArn("journey") })),
    ).rejects.toBeInstanceOf(InvalidArn);
  });

  it("speaks the JSON protocol the AWS CLI uses: X-Amz-Target, epoch-second dates", async () => {
    local = await startLocalStepFunctions();
    local.sfn.createStateMachine("journey", pass("x"));
    const post = (target: string, body: unknown) =>
      fetch(local!.endpoint, {
        method: "POST",
        headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": `AWSStepFunctions.${target}` },
        body: JSON.stringify(body),
      });
    const listed = await post("ListStateMachines", {});
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({
      stateMachines: [{ stateMachineArn: machineArn("journey"), name: "journey", type: "STANDARD", creationDate: start.getTime() / 1000 }],
    });
    const missing = await post("DescribeStateMachine", { stateMachineArn: machineArn("nope") });
    expect(missing.status).toBe(400);
    expect(missing.headers.get("x-amzn-errortype")).toBe("StateMachineDoesNotExist");
  });
});
