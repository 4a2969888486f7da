import { afterEach, describe, expect, it } from "vitest";
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from "@aws-sdk/client-sfn";
import { invoke, lambdaArn, type LocalStepFunctionsFixture, start, startLocalStepFunctions } from "./step-functions-fixture";

let local: LocalStepFunctionsFixture | undefined;
afterEach(async () => {
  await local?.stop();
  local = undefined;
});

const DAY = 86_400_000;
const afterDays = (days: number) => new Date(start.getTime() + days * DAY);

/** A journey-like loop: plan, then await a callback with a timeout computed by plan; on timeout record, plan again. */
const journey = (awaitState: Record<string, unknown> = {}) => ({
  StartAt: "Plan",
  States: {
    Plan: invoke("ipsflow-local-journey-plan", { "participantId.$": "$.participantId" }, { ResultPath: "$.plan", Next: "Await" }),
    Await: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
      Parameters: {
        FunctionName: lambdaArn("ipsflow-local-journey-await"),
        Payload: { "participantId.$": "$.participantId", "taskToken.$": "$$.Task.Token" },
      },
      TimeoutSecondsPath: "$.plan.value.waitSeconds",
      ResultPath: "$.woken",
      Catch: [
        { ErrorEquals: ["States.TaskFailed"], ResultPath: "$.failure", Next: "Failed" },
        { ErrorEquals: ["States.Timeout"], ResultPath: "$.timeout", Next: "Record" },
      ],
      Next: "Woken",
      ...awaitState,
    },
    Woken: { Type: "Succeed" },
    Record: invoke("ipsflow-local-journey-record", { "participantId.$": "$.participantId", "error.$": "$.timeout.Error" }, { ResultPath: null, Next: "Plan" }),
    Failed: { Type: "Fail", Error: "JourneyFailed", CausePath: "$.failure.Cause" },
  },
});

/** Handlers that record what they see; the await handler hands out the latest task token. */
function journeyLambdas(waitSeconds: number[]) {
  const seen = { tokens: [] as string[], records: [] as { at: Date; error: unknown }[], plans: 0 };
  let clock: { now(): Date } = { now: () => start };
  const lambdas = {
    "ipsflow-local-journey-plan": async () => ({ waitSeconds: waitSeconds[Math.min(seen.plans++, waitSeconds.length - 1)] }),
    "ipsflow-local-journey-await": async (event: unknown) => {
      seen.tokens.push((event as { taskToken: string }).taskToken);
      return { accepted: true };
    },
    "ipsflow-local-journey-record": async (event: unknown) => {
      seen.records.push({ at: clock.now(), error: (event as { error: unknown }).error });
      return {};
    },
  };
  return { seen, lambdas, useClock: (c: { now(): Date }) => (clock = c) };
}

async function startJourney(definition: object, participantId = "p-1") {
  const { sfn, client, clock } = local!;
  const arn = sfn.createStateMachine("journey", definition);
  const { executionArn } = await client.send(
    new StartExecutionCommand({ stateMachineArn: arn, name: `${participantId}-g1`, input: JSON.stringify({ participantId }) }),
  );
  await clock.settle();
  return executionArn!;
}

const describeExecution = (executionArn: string) => local!.client.send(new DescribeExecutionCommand({ executionArn }));

describe("callback tasks on the local endpoint", () => {
  it("parks on the callback and is woken by SendTaskSuccess", async () => {
    const { seen, lambdas } = journeyLambdas([30 * 86_400]);
    local = await startLocalStepFunctions(lambdas);
    const executionArn = await startJourney(journey());

    expect(seen.tokens).toHaveLength(1);
    expect((await describeExecution(executionArn)).status).toBe("RUNNING");

    await local.clock.advanceBy({ days: 3 });
    await local.client.send(new SendTaskSuccessCommand({ taskToken: seen.tokens[0], output: JSON.stringify({ event: "employerContact" }) }));
    await local.clock.settle();

    const described = await describeExecution(executionArn);
    expect(described).toMatchObject({ status: "SUCCEEDED", stopDate: afterDays(3) });
    expect(JSON.parse(described.output!).woken).toEqual({ event: "employerContact" });
    // The token is spent: a second callback finds the task closed, and no timer is left behind.
    await expect(
      local.client.send(new SendTaskSuccessCommand({ taskToken: seen.tokens[0], output: "{}" })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
    expect(local.clock.pendingTimers()).toEqual([]);
  });

  it("times the callback out after 40 days of virtual time (TimeoutSecondsPath from the state input) and catches States.Timeout", async () => {
    const { seen, lambdas, useClock } = journeyLambdas([40 * 86_400, 365 * 86_400]);
    local = await startLocalStepFunctions(lambdas);
    useClock(local.clock);
    const executionArn = await startJourney(journey());

    await local.clock.advanceBy({ days: 39, hours: 23 });
    expect(seen.records).toEqual([]);
    expect((await describeExecution(executionArn)).status).toBe("RUNNING");

    const realStart = performance.now();
    await local.clock.advanceBy({ days: 1 });
    expect(performance.now() - realStart).toBeLessThan(1000);

    // Caught by the States.Timeout catcher, not by the States.TaskFailed one listed first.
    expect(seen.records).toEqual([{ at: afterDays(40), error: "States.Timeout" }]);
    expect(seen.tokens).toHaveLength(2);
    expect((await describeExecution(executionArn)).status).toBe("RUNNING");
    await expect(
      local.client.send(new SendTaskSuccessCommand({ taskToken: seen.tokens[0], output: "{}" })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
    // The second wait, a year, is a clock timer like any other; the execution's own year ends first.
    expect(local.clock.pendingTimers()).toEqual([
      { at: afterDays(365), label: "sfn p-1-g1: one-year execution limit" },
      { at: afterDays(40 + 365), label: "sfn p-1-g1: Await timeout" },
    ]);
  });

  it("fails the task from SendTaskFailure, with the sender's error and cause", async () => {
    const { seen, lambdas } = journeyLambdas([86_400]);
    local = await startLocalStepFunctions(lambdas);
    const executionArn = await startJourney(journey());
    await local.client.send(
      new SendTaskFailureCommand({ taskToken: seen.tokens[0], error: "ParticipantWithdrawn", cause: "withdrew consent" }),
    );
    await local.clock.settle();
    expect(await describeExecution(executionArn)).toMatchObject({ status: "FAILED", error: "JourneyFailed", cause: "withdrew consent" });
  });

  it("keeps a task alive by heartbeats and times it out when they stop", async () => {
    const { seen, lambdas, useClock } = journeyLambdas([10 * 86_400]);
    local = await startLocalStepFunctions(lambdas);
    useClock(local.clock);
    const heartbeat = {
      HeartbeatSeconds: 3600,
      Catch: [{ ErrorEquals: ["States.HeartbeatTimeout"], ResultPath: "$.timeout", Next: "Record" }],
    };
    const executionArn = await startJourney(journey(heartbeat));
    const token = seen.tokens[0];

    await local.clock.advanceBy({ minutes: 50 });
    await local.client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await local.clock.advanceBy({ minutes: 50 });
    await local.client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await local.clock.advanceBy({ minutes: 59 });
    expect(seen.records).toEqual([]);
    // Heartbeats are not history events, as in AWS: 10 events to the parked Await, none since.
    expect(local.sfn.historyEventCount(executionArn)).toBe(10);

    await local.clock.advanceBy({ minutes: 1 });
    expect(seen.records).toEqual([{ at: new Date(start.getTime() + 160 * 60_000), error: "States.HeartbeatTimeout" }]);
    expect((await describeExecution(executionArn)).status).toBe("RUNNING");
    await expect(local.client.send(new SendTaskHeartbeatCommand({ taskToken: token }))).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it("answers bad tokens with InvalidToken and unknown ones with TaskDoesNotExist", async () => {
    local = await startLocalStepFunctions();
    await expect(local.client.send(new SendTaskSuccessCommand({ taskToken: "not-a-token", output: "{}" }))).rejects.toBeInstanceOf(
      InvalidToken,
    );
    await expect(
      local.client.send(new SendTaskHeartbeatCommand({ taskToken: "local-task-token:00000000-0000-4000-8000-000000000000" })),
    ).rejects.toBeInstanceOf(TaskDoesNotExist);
  });

  it("refuses callback output that is not JSON", async () => {
    const { seen, lambdas } = journeyLambdas([86_400]);
    local = await startLocalStepFunctions(lambdas);
    await startJourney(journey());
    const error = await local.client.send(new SendTaskSuccessCommand({ taskToken: seen.tokens[0], output: "{oops" })).catch((e) => e);
    expect(error.name).toBe("InvalidOutput");
  });

  it("stops an execution: ABORTED, its token closed and its timers gone", async () => {
    const { seen, lambdas } = journeyLambdas([86_400]);
    local = await startLocalStepFunctions(lambdas);
    const executionArn = await startJourney(journey());
    // The await's timeout and the execution's one-year limit.
    expect(local.clock.pendingTimers()).toHaveLength(2);
    await local.client.send(new StopExecutionCommand({ executionArn, error: "Reassigned", cause: "moved to another team" }));
    await local.clock.settle();
    expect(await describeExecution(executionArn)).toMatchObject({ status: "ABORTED", error: "Reassigned", cause: "moved to another team" });
    expect(local.clock.pendingTimers()).toEqual([]);
    await expect(local.client.send(new SendTaskSuccessCommand({ taskToken: seen.tokens[0], output: "{}" }))).rejects.toBeInstanceOf(
      TaskTimedOut,
    );
  });

  it("keeps history as AWS counts it: a fixed number of events per loop", async () => {
    const { lambdas } = journeyLambdas([86_400]);
    local = await startLocalStepFunctions(lambdas);
    const executionArn = await startJourney(journey());
    const historyAfterStart = local.sfn.historyEventCount(executionArn);
    await local.clock.advanceBy({ days: 1 });
    const afterOneLoop = local.sfn.historyEventCount(executionArn);
    await local.clock.advanceBy({ days: 10 });
    const afterElevenLoops = local.sfn.historyEventCount(executionArn);

    // ExecutionStarted; Plan: entered, scheduled, started, succeeded, exited; Await: entered, scheduled, started, submitted.
    expect(historyAfterStart).toBe(10);
    // Await timed out and exited to its catcher; Record: 5 events; Plan: 5 events; Await again: 4 events.
    const perLoop = afterOneLoop - historyAfterStart;
    expect(perLoop).toBe(2 + 5 + 5 + 4);
    expect(afterElevenLoops - afterOneLoop).toBe(10 * perLoop);

    const { events } = await local.client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 12 }));
    expect(events?.map((event) => event.type)).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "TaskScheduled",
      "TaskStarted",
      "TaskSucceeded",
      "TaskStateExited",
      "TaskStateEntered",
      "TaskScheduled",
      "TaskStarted",
      "TaskSubmitted",
      "TaskTimedOut",
      "TaskStateExited",
    ]);
    expect(events?.[10]).toMatchObject({ id: 11, previousEventId: 10, timestamp: afterDays(1) });
    expect(events?.[10].taskTimedOutEventDetails?.error).toBe("States.Timeout");
    // Only the state's name: events carry no state input or output locally.
    expect(events?.[1].stateEnteredEventDetails).toEqual({ name: "Plan" });
  });

  it("leaves the callback task of a Map iteration abandoned by a failing sibling open until the execution closes", async () => {
    const tokens: string[] = [];
    local = await startLocalStepFunctions({
      "ipsflow-local-park": async (event) => {
        tokens.push((event as { token: string }).token);
        return {};
      },
      "ipsflow-local-broken": async () => {
        throw Object.assign(new Error("broken"), { name: "Broken" });
      },
    });
    const park = (rest: Record<string, unknown>) => ({
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
      Parameters: { FunctionName: lambdaArn("ipsflow-local-park"), Payload: { "token.$": "$$.Task.Token" } },
      ...rest,
    });
    const arn = local.sfn.createStateMachine("abandoning", {
      StartAt: "Items",
      States: {
        Items: {
          Type: "Map",
          ItemsPath: "$.items",
          ItemProcessor: {
            ProcessorConfig: { Mode: "INLINE" },
            StartAt: "Route",
            States: {
              Route: { Type: "Choice", Choices: [{ Variable: "$", StringEquals: "park", Next: "Park" }], Default: "Break" },
              Park: park({ TimeoutSeconds: 3600, End: true }),
              Break: invoke("ipsflow-local-broken", {}, { End: true }),
            },
          },
          Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.failure", Next: "Await" }],
          End: true,
        },
        Await: park({ ResultPath: null, End: true }),
      },
    });
    const { executionArn } = await local.client.send(
      new StartExecutionCommand({ stateMachineArn: arn, name: "abandoning-1", input: JSON.stringify({ items: ["park", "break"] }) }),
    );
    await local.clock.settle();

    // The Map failed and was caught, so the execution waits in Await; the abandoned Park still has its token and timer.
    expect(tokens).toHaveLength(2);
    await local.client.send(new SendTaskHeartbeatCommand({ taskToken: tokens[0] }));
    expect(local.clock.pendingTimers().map((timer) => timer.label)).toContain("sfn abandoning-1: Park timeout");

    await local.client.send(new SendTaskSuccessCommand({ taskToken: tokens[1], output: "{}" }));
    await local.clock.settle();
    expect((await describeExecution(executionArn!)).status).toBe("SUCCEEDED");
    await expect(local.client.send(new SendTaskHeartbeatCommand({ taskToken: tokens[0] }))).rejects.toBeInstanceOf(TaskTimedOut);
    expect(local.clock.pendingTimers()).toEqual([]);
  });

  it("wakes an execution from inside a Lambda handler that calls the endpoint through the SDK", async () => {
    const tokens: string[] = [];
    const wake: { send?: (token: string) => Promise<void> } = {};
    local = await startLocalStepFunctions({
      "ipsflow-local-journey-await": async (event) => {
        const token = (event as { taskToken: string }).taskToken;
        tokens.push(token);
        // The event was already recorded: the handler wakes its own execution at once.
        if (tokens.length === 1) await wake.send!(token);
        return {};
      },
    });
    const { client } = local;
    wake.send = async (token) => {
      await client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ woke: "immediately" }) }));
    };
    const arn = local.sfn.createStateMachine("self-waking", {
      StartAt: "Await",
      States: {
        Await: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
          Parameters: { FunctionName: "ipsflow-local-journey-await", Payload: { "taskToken.$": "$$.Task.Token" } },
          TimeoutSeconds: 600,
          End: true,
        },
      },
    });
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: arn, input: "{}" }));
    await local.clock.settle();
    const described = await describeExecution(executionArn!);
    expect(described).toMatchObject({ status: "SUCCEEDED", stopDate: start });
    expect(JSON.parse(described.output!)).toEqual({ woke: "immediately" });
  });
});

describe("AWS SDK integrations on the local endpoint", () => {
  /** An await that stores its token with a DynamoDB write, as the journey's does; here the write goes to a stand-in. */
  const sdkAwait = {
    StartAt: "Await",
    States: {
      Await: {
        Type: "Task",
        Resource: "arn:aws:states:::aws-sdk:dynamodb:updateItem.waitForTaskToken",
        Parameters: {
          TableName: "t",
          Key: { pk: { "S.$": "$.participantId" } },
          UpdateExpression: "SET taskToken = :token",
          ExpressionAttributeValues: { ":token": { "S.$": "$$.Task.Token" } },
        },
        TimeoutSeconds: 3600,
        ResultPath: "$.woken",
        Catch: [{ ErrorEquals: ["DynamoDb.ConditionalCheckFailedException"], ResultPath: "$.refused", Next: "Refused" }],
        Next: "Woken",
      },
      Woken: { Type: "Succeed" },
      Refused: { Type: "Succeed" },
    },
  };

  it("makes the call with the state's Parameters, then waits for the token the call stored", async () => {
    local = await startLocalStepFunctions();
    const calls: unknown[] = [];
    local.sfn.addSdkIntegration("dynamodb", "updateItem", async (parameters) => {
      calls.push(parameters);
      return {};
    });
    const executionArn = await startJourney(sdkAwait);
    expect(calls).toHaveLength(1);
    const token = (calls[0] as { ExpressionAttributeValues: { ":token": { S: string } } }).ExpressionAttributeValues[":token"].S;
    expect(calls[0]).toMatchObject({ TableName: "t", Key: { pk: { S: "p-1" } }, UpdateExpression: "SET taskToken = :token" });
    expect((await describeExecution(executionArn)).status).toBe("RUNNING");

    await local.client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ woken: "event" }) }));
    await local.clock.settle();
    const described = await describeExecution(executionArn);
    expect(described.status).toBe("SUCCEEDED");
    expect(JSON.parse(described.output!).woken).toEqual({ woken: "event" });
  });

  it("fails the task with the error Step Functions names after the service when the call is refused", async () => {
    local = await startLocalStepFunctions();
    local.sfn.addSdkIntegration("dynamodb", "updateItem", async () => {
      throw Object.assign(new Error("The conditional request failed"), { name: "ConditionalCheckFailedException" });
    });
    const executionArn = await startJourney(sdkAwait);
    const described = await describeExecution(executionArn);
    expect(described.status).toBe("SUCCEEDED");
    expect(JSON.parse(described.output!).refused).toEqual({ Error: "DynamoDb.ConditionalCheckFailedException", Cause: "The conditional request failed" });
    expect(local.clock.pendingTimers()).toEqual([]);
  });

  it("refuses to run an integration nobody bound, and a definition naming a resource it does not know", async () => {
    local = await startLocalStepFunctions();
    const executionArn = await startJourney(sdkAwait);
    expect(await describeExecution(executionArn)).toMatchObject({ status: "FAILED", error: "States.Runtime" });
    expect(() => local!.sfn.createStateMachine("other", { StartAt: "X", States: { X: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage", End: true } } })).toThrow(
      /not supported locally/,
    );
  });
});
