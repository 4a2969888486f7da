import { afterEach, describe, expect, it } from "vitest";
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  ListExecutionsCommand,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  ValidationException,
} from "@aws-sdk/client-sfn";
import { LocalStepFunctions, substitute } from "../../local/stepfunctions";
import { invoke, lambdaArn, type LocalStepFunctionsFixture, region, start, startLocalStepFunctions } from "./step-functions-fixture";

let local: LocalStepFunctionsFixture | undefined;
afterEach(async () => {
  await local?.stop();
  local = undefined;
});

async function run(stateMachineArn: string, input: unknown, name?: string) {
  const { client, clock } = local!;
  const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
  await clock.settle();
  return client.send(new DescribeExecutionCommand({ executionArn }));
}

describe("local Step Functions endpoint through the real SDK", () => {
  it("runs lambda:invoke tasks and describes the execution with virtual dates", async () => {
    local = await startLocalStepFunctions({
      "ipsflow-local-greet": async (event) => ({ greeting: `hello ${(event as { name: string }).name}` }),
    });
    const arn = local.sfn.createStateMachine("greet", {
      StartAt: "Greet",
      States: { Greet: invoke("ipsflow-local-greet", { "name.$": "$.name" }, { End: true }) },
    });
    expect(arn).toBe(`arn:aws:states:${region}:000000000000:stateMachine:greet`);

    const described = await run(arn, { name: "Kari" }, "first");
    expect(described).toMatchObject({
      status: "SUCCEEDED",
      name: "first",
      executionArn: `arn:aws:states:${region}:000000000000:execution:greet:first`,
      stateMachineArn: arn,
      input: JSON.stringify({ name: "Kari" }),
      startDate: start,
      stopDate: start,
    });
    expect(JSON.parse(described.output!)).toEqual({ value: { greeting: "hello Kari" } });
  });

  it("returns the whole lambda:invoke result and runs a plain Lambda ARN resource", async () => {
    local = await startLocalStepFunctions({ "ipsflow-local-double": async (event) => (event as number) * 2 });
    const arn = local.sfn.createStateMachine("double", {
      StartAt: "Invoke",
      States: {
        Invoke: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Parameters: { FunctionName: "ipsflow-local-double", "Payload.$": "$.n" },
          ResultPath: "$.invoked",
          Next: "Plain",
        },
        Plain: { Type: "Task", Resource: lambdaArn("ipsflow-local-double"), InputPath: "$.invoked.Payload", End: true },
      },
    });
    const described = await run(arn, { n: 21 });
    expect(described.status).toBe("SUCCEEDED");
    expect(JSON.parse(described.output!)).toBe(84);
  });

  it("lists executions newest first and filters by status", async () => {
    local = await startLocalStepFunctions();
    const arn = local.sfn.createStateMachine("pass", { StartAt: "Done", States: { Done: { Type: "Pass", End: true } } });
    await run(arn, {}, "one");
    await local.clock.advanceBy({ minutes: 1 });
    await run(arn, {}, "two");
    const { executions } = await local.client.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    expect(executions?.map((execution) => [execution.name, execution.status, execution.startDate])).toEqual([
      ["two", "SUCCEEDED", new Date(start.getTime() + 60_000)],
      ["one", "SUCCEEDED", start],
    ]);
    const running = await local.client.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: "RUNNING" }));
    expect(running.executions).toEqual([]);
    const paged = await local.client.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 1 }));
    expect(paged.executions?.map((execution) => execution.name)).toEqual(["two"]);
    const rest = await local.client.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 1, nextToken: paged.nextToken }));
    expect(rest.executions?.map((execution) => execution.name)).toEqual(["one"]);
    expect(rest.nextToken).toBeUndefined();
  });

  it("starts idempotently: same name and input returns the running execution, a different input is refused", async () => {
    local = await startLocalStepFunctions({ "ipsflow-local-wait": async () => ({}) });
    const arn = local.sfn.createStateMachine("journey", {
      StartAt: "Await",
      States: {
        Await: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
          Parameters: { FunctionName: lambdaArn("ipsflow-local-wait"), Payload: { "token.$": "$$.Task.Token" } },
          End: true,
        },
      },
    });
    const input = JSON.stringify({ participantId: "p-1" });
    const first = await local.client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "p-1-g1", input }));
    await local.clock.settle();
    const again = await local.client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "p-1-g1", input }));
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate).toEqual(first.startDate);
    await expect(
      local.client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "p-1-g1", input: JSON.stringify({ participantId: "p-2" }) })),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    const { executions } = await local.client.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    expect(executions).toHaveLength(1);

    // A closed execution's name cannot be reused, whatever the input (as for Standard workflows).
    await local.client.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    await expect(local.client.send(new StartExecutionCommand({ stateMachineArn: arn, name: "p-1-g1", input }))).rejects.toBeInstanceOf(
      ExecutionAlreadyExists,
    );
  });

  it("throws the SDK's typed exceptions", async () => {
    local = await startLocalStepFunctions();
    const arn = local.sfn.createStateMachine("pass", { StartAt: "Done", States: { Done: { Type: "Pass", End: true } } });
    await expect(
      local.client.send(new DescribeExecutionCommand({ executionArn: `arn:aws:states:${region}:000000000000:execution:pass:nope` })),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(
      local.client.send(new StartExecutionCommand({ stateMachineArn: `${arn}-missing`, input: "{}" })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(local.client.send(new DescribeExecutionCommand({ executionArn: "" }))).rejects.toBeInstanceOf(ValidationException);
    const invalidInput = await local.client.send(new StartExecutionCommand({ stateMachineArn: arn, input: "{not json" })).catch((error) => error);
    expect(invalidInput.name).toBe("InvalidExecutionInput");
  });

  it("fails an execution with the handler's error name and message, unless caught", async () => {
    class ParticipantNotFound extends Error {
      name = "ParticipantNotFound";
    }
    local = await startLocalStepFunctions({
      "ipsflow-local-load": async () => {
        throw new ParticipantNotFound("participant p-9 does not exist");
      },
    });
    const uncaught = local.sfn.createStateMachine("uncaught", {
      StartAt: "Load",
      States: { Load: invoke("ipsflow-local-load", {}, { End: true }) },
    });
    const failed = await run(uncaught, {});
    expect(failed).toMatchObject({ status: "FAILED", error: "ParticipantNotFound", cause: "participant p-9 does not exist" });

    const caught = local.sfn.createStateMachine("caught", {
      StartAt: "Load",
      States: {
        Load: invoke("ipsflow-local-load", {}, {
          Catch: [{ ErrorEquals: ["States.TaskFailed"], ResultPath: "$.failure", Next: "Handled" }],
          End: true,
        }),
        Handled: { Type: "Pass", End: true },
      },
    });
    const handled = await run(caught, { participantId: "p-9" });
    expect(handled.status).toBe("SUCCEEDED");
    expect(JSON.parse(handled.output!)).toEqual({
      participantId: "p-9",
      failure: { Error: "ParticipantNotFound", Cause: "participant p-9 does not exist" },
    });
  });

  it("retries without real or virtual pause, as often as Retry allows", async () => {
    let calls = 0;
    local = await startLocalStepFunctions({
      "ipsflow-local-flaky": async () => {
        calls++;
        if (calls < 3) throw Object.assign(new Error(`attempt ${calls} failed`), { name: "Transient" });
        return { attempt: calls };
      },
    });
    const retry = [{ ErrorEquals: ["Transient"], IntervalSeconds: 3600, BackoffRate: 2, MaxAttempts: 2 }];
    const arn = local.sfn.createStateMachine("flaky", {
      StartAt: "Flaky",
      States: { Flaky: invoke("ipsflow-local-flaky", {}, { Retry: retry, End: true }) },
    });
    const realStart = performance.now();
    const succeeded = await run(arn, {});
    expect(performance.now() - realStart).toBeLessThan(1000);
    expect(succeeded.status).toBe("SUCCEEDED");
    expect(JSON.parse(succeeded.output!)).toEqual({ value: { attempt: 3 } });
    expect(local.clock.now()).toEqual(start);

    calls = -10;
    const exhausted = await run(arn, {});
    expect(exhausted).toMatchObject({ status: "FAILED", error: "Transient", cause: "attempt -7 failed" });
    expect(calls).toBe(-7);
  });

  it("runs an inline Map with at most MaxConcurrency iterations at once", async () => {
    let active = 0;
    let mostActive = 0;
    local = await startLocalStepFunctions({
      "ipsflow-local-summarize": async (event) => {
        active++;
        mostActive = Math.max(mostActive, active);
        for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
        active--;
        const { team, week } = event as { team: string; week: string };
        return { team, week, sent: true };
      },
    });
    const arn = local.sfn.createStateMachine("summary", {
      StartAt: "Teams",
      States: {
        Teams: {
          Type: "Map",
          ItemsPath: "$.teams",
          MaxConcurrency: 2,
          ItemSelector: { "team.$": "$$.Map.Item.Value" },
          ItemProcessor: {
            ProcessorConfig: { Mode: "INLINE" },
            StartAt: "Summarize",
            States: {
              Summarize: invoke(
                "ipsflow-local-summarize",
                // Inside an iteration, $$.Execution.Input is still the execution's input, as in AWS.
                { "team.$": "$.team", "week.$": "$$.Execution.Input.week" },
                { OutputPath: "$.value", End: true },
              ),
            },
          },
          End: true,
        },
      },
    });
    const teams = ["a", "b", "c", "d", "e", "f"];
    const described = await run(arn, { teams, week: "2026-W10" });
    expect(described.status).toBe("SUCCEEDED");
    expect(JSON.parse(described.output!)).toEqual(teams.map((team) => ({ team, week: "2026-W10", sent: true })));
    expect(mostActive).toBe(2);
  });

  it("puts the Context Object on the virtual clock", async () => {
    const seen: unknown[] = [];
    local = await startLocalStepFunctions({
      "ipsflow-local-context": async (event) => {
        seen.push(event);
        return {};
      },
    });
    const arn = local.sfn.createStateMachine("context", {
      StartAt: "Look",
      States: {
        Look: invoke(
          "ipsflow-local-context",
          {
            "executionId.$": "$$.Execution.Id",
            "executionName.$": "$$.Execution.Name",
            "startTime.$": "$$.Execution.StartTime",
            "input.$": "$$.Execution.Input",
            "redriveCount.$": "$$.Execution.RedriveCount",
            "stateMachineId.$": "$$.StateMachine.Id",
            "stateMachineName.$": "$$.StateMachine.Name",
            "stateName.$": "$$.State.Name",
            "enteredTime.$": "$$.State.EnteredTime",
            "label.$": "States.Format('{}/{}', $$.Execution.Name, $$.State.Name)",
          },
          { End: true },
        ),
      },
    });
    await local.clock.advanceBy({ days: 3 });
    await run(arn, { participantId: "p-1" }, "p-1-g1");
    expect(seen).toEqual([
      {
        executionId: `arn:aws:states:${region}:000000000000:execution:context:p-1-g1`,
        executionName: "p-1-g1",
        startTime: "2026-03-05T08:00:00.000Z",
        input: { participantId: "p-1" },
        redriveCount: 0,
        stateMachineId: arn,
        stateMachineName: "context",
        stateName: "Look",
        enteredTime: "2026-03-05T08:00:00.000Z",
        label: "p-1-g1/Look",
      },
    ]);
  });

  it("fails a path to $$.State.RetryCount with States.Runtime: the endpoint does not fill it", async () => {
    local = await startLocalStepFunctions({ "ipsflow-local-context": async () => ({}) });
    const arn = local.sfn.createStateMachine("retry-count", {
      StartAt: "Look",
      States: {
        Look: invoke("ipsflow-local-context", { "retryCount.$": "$$.State.RetryCount" }, {
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }],
          End: true,
        }),
        Caught: { Type: "Pass", End: true },
      },
    });
    expect(await run(arn, {})).toMatchObject({ status: "FAILED", error: "States.Runtime", cause: expect.stringMatching(/RetryCount/) });
  });

  it("times an execution out on the virtual clock (top-level TimeoutSeconds)", async () => {
    local = await startLocalStepFunctions({ "ipsflow-local-wait": async () => ({}) });
    const arn = local.sfn.createStateMachine("limited", {
      TimeoutSeconds: 7200,
      StartAt: "Await",
      States: {
        Await: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
          Parameters: { FunctionName: lambdaArn("ipsflow-local-wait"), Payload: {} },
          End: true,
        },
      },
    });
    const { executionArn } = await local.client.send(new StartExecutionCommand({ stateMachineArn: arn, input: "{}" }));
    await local.clock.advanceBy({ hours: 1, minutes: 59 });
    expect((await local.client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe("RUNNING");
    await local.clock.advanceBy({ minutes: 1 });
    const described = await local.client.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: "TIMED_OUT", stopDate: new Date(start.getTime() + 7_200_000) });
    expect(local.clock.pendingTimers()).toEqual([]);
  });

  it("refuses definitions the engine cannot run as AWS does, with a clear message", async () => {
    local = await startLocalStepFunctions({}, { validateDefinitions: true });
    expect(() =>
      local!.sfn.createStateMachine("waits", {
        StartAt: "Sleep",
        States: { Sleep: { Type: "Wait", Seconds: 60, End: true } },
      }),
    ).toThrow(/Wait states are not supported locally/);
    expect(() =>
      local!.sfn.createStateMachine("dynamo", {
        StartAt: "Put",
        States: { Put: { Type: "Task", Resource: "arn:aws:states:::dynamodb:putItem", Parameters: {}, End: true } },
      }),
    ).toThrow(/not supported locally/);
    const pass = { Type: "Pass", End: true };
    expect(() => local!.sfn.createStateMachine("jsonata", { QueryLanguage: "JSONata", StartAt: "Done", States: { Done: pass } })).toThrow(
      /JSONata is not supported locally/,
    );
    for (const field of ["Assign", "Arguments", "Output"]) {
      expect(() => local!.sfn.createStateMachine("fields", { StartAt: "Done", States: { Done: { ...pass, [field]: {} } } })).toThrow(
        `field ${field} is not supported locally`,
      );
    }
    const distributed = {
      Type: "Map",
      ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "Item", States: { Item: pass } },
      End: true,
    };
    expect(() => local!.sfn.createStateMachine("distributed", { StartAt: "Items", States: { Items: distributed } })).toThrow(
      /distributed Map is not supported locally/,
    );
    expect(() => local!.sfn.createStateMachine("broken", { StartAt: "Missing", States: {} })).toThrow(/invalid/i);
  });

  it("substitutes ${Key} placeholders as CDK definitionSubstitutions does", () => {
    const template = JSON.stringify({ Resource: "${PlanFunctionArn}", Other: "${PlanFunctionArn}-x" });
    expect(JSON.parse(substitute(template, { PlanFunctionArn: lambdaArn("plan") }))).toEqual({
      Resource: lambdaArn("plan"),
      Other: `${lambdaArn("plan")}-x`,
    });
    expect(LocalStepFunctions.substitute).toBe(substitute);
    expect(() => substitute("${Missing}", {})).toThrow(/Missing/);
  });
});
