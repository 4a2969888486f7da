import { afterEach, describe, expect, it } from "vitest";
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskTimedOut,
  ValidationException,
} from "@aws-sdk/client-sfn";
import { invoke, lambdaArn, type LocalStepFunctionsFixture, start, startLocalStepFunctions } from "./step-functions-fixture";

/**
 * AWS's hard limits of a Standard execution, enforced locally as AWS enforces them. The bounds are
 * written out here (AWS Step Functions Developer Guide, service quotas), never read from the code
 * under test, so that a change of the local limits cannot pass unnoticed.
 */
const ONE_YEAR_MS = 365 * 86_400_000;
const MAX_HISTORY_EVENTS = 25_000;
const MAX_PAYLOAD_BYTES = 262_144;

let local: LocalStepFunctionsFixture | undefined;
afterEach(async () => {
  await local?.stop();
  local = undefined;
});

/** "ø" is 2 bytes in UTF-8 and one character in JavaScript: sizes count bytes, not characters. */
const twoByteText = (bytes: number) => "ø".repeat(bytes / 2);
const utf8 = (text: string) => Buffer.byteLength(text, "utf8");

async function startExecution(stateMachineArn: string, input: unknown = {}) {
  const { executionArn } = await local!.client.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
  await local!.clock.settle();
  return executionArn!;
}

const describeExecution = (executionArn: string) => local!.client.send(new DescribeExecutionCommand({ executionArn }));

async function history(executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await local!.client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

describe("an execution lives at most a year", () => {
  it("is ended TIMED_OUT with States.Timeout 365 days after its start, however long its task would wait", async () => {
    const tokens: string[] = [];
    const recorded: unknown[] = [];
    local = await startLocalStepFunctions({
      "ipsflow-local-park": async (event) => {
        tokens.push((event as { token: string }).token);
        return {};
      },
      "ipsflow-local-record": async (event) => {
        recorded.push(event);
        return {};
      },
    });
    const arn = local.sfn.createStateMachine("journey", {
      StartAt: "Await",
      States: {
        Await: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
          Parameters: { FunctionName: lambdaArn("ipsflow-local-park"), Payload: { "token.$": "$$.Task.Token" } },
          // Longer than a year: the execution's limit comes first.
          TimeoutSeconds: 400 * 86_400,
          Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.caught", Next: "Record" }],
          End: true,
        },
        Record: invoke("ipsflow-local-record", { "caught.$": "$.caught" }, { End: true }),
      },
    });
    const executionArn = await startExecution(arn);

    await local.clock.advance(new Date(start.getTime() + ONE_YEAR_MS - 60_000));
    expect((await describeExecution(executionArn)).status).toBe("RUNNING");
    await local.clock.advanceBy({ minutes: 1 });

    const described = await describeExecution(executionArn);
    expect(described).toMatchObject({ status: "TIMED_OUT", startDate: start, stopDate: new Date(start.getTime() + ONE_YEAR_MS) });
    // As AWS describes a timed-out execution: States.Timeout is in the history only.
    expect(described.error).toBeUndefined();
    expect(described.cause).toBeUndefined();
    const last = (await history(executionArn)).at(-1)!;
    expect(last.type).toBe("ExecutionTimedOut");
    expect(last.executionTimedOutEventDetails?.error).toBe("States.Timeout");

    // Nothing of it runs on: no catcher, no token, no timer.
    expect(recorded).toEqual([]);
    await expect(local.client.send(new SendTaskSuccessCommand({ taskToken: tokens[0], output: "{}" }))).rejects.toBeInstanceOf(TaskTimedOut);
    expect(local.clock.pendingTimers()).toEqual([]);
  });

  it("leaves an execution that ends within the year alone, with no timer left behind", async () => {
    local = await startLocalStepFunctions();
    const arn = local.sfn.createStateMachine("pass", { StartAt: "Done", States: { Done: { Type: "Pass", End: true } } });
    const executionArn = await startExecution(arn);
    expect((await describeExecution(executionArn)).status).toBe("SUCCEEDED");
    expect(local.clock.pendingTimers()).toEqual([]);
  });
});

describe("an execution history holds at most 25,000 events", () => {
  it("fails a looping execution at event 25,000, States.Runtime, as AWS fails a Choice state looping forever", async () => {
    local = await startLocalStepFunctions();
    // 4 events a round; left alone it would end by itself after 7,000 rounds (28,001 events).
    const arn = local.sfn.createStateMachine("spin", {
      StartAt: "Count",
      States: {
        Count: { Type: "Pass", Parameters: { "n.$": "States.MathAdd($.n, 1)" }, Next: "Loop" },
        Loop: { Type: "Choice", Choices: [{ Variable: "$.n", NumericLessThan: 7000, Next: "Count" }], Default: "Done" },
        Done: { Type: "Succeed" },
      },
    });
    const executionArn = await startExecution(arn, { n: 0 });

    expect(await describeExecution(executionArn)).toMatchObject({
      status: "FAILED",
      error: "States.Runtime",
      cause: "The execution reached the maximum number of history events (25000).",
    });
    const events = await history(executionArn);
    expect(events).toHaveLength(MAX_HISTORY_EVENTS);
    // The failure is event 25,000 itself; 24,999 is the last the machine produced.
    expect(events.slice(-2).map(({ id, type }) => ({ id, type }))).toEqual([
      { id: MAX_HISTORY_EVENTS - 1, type: "PassStateExited" },
      { id: MAX_HISTORY_EVENTS, type: "ExecutionFailed" },
    ]);
    expect(events.at(-1)!.executionFailedEventDetails).toEqual({
      error: "States.Runtime",
      cause: "The execution reached the maximum number of history events (25000).",
    });
    // Without maxResults a page holds 1000 events (AWS: 100).
    const firstPage = await local.client.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(firstPage.events).toHaveLength(1000);
    expect(firstPage.nextToken).toBeDefined();
  });

  it("invokes no Lambda after the cut", async () => {
    let invocations = 0;
    local = await startLocalStepFunctions({
      "ipsflow-local-tick": async () => ++invocations,
    });
    // 7 events a round; left alone it would end by itself after 4,000 rounds (28,000 events).
    const arn = local.sfn.createStateMachine("ticking", {
      StartAt: "Tick",
      States: {
        Tick: invoke("ipsflow-local-tick", {}, { ResultPath: "$.tick", Next: "Again" }),
        Again: { Type: "Choice", Choices: [{ Variable: "$.tick.value", NumericLessThan: 4000, Next: "Tick" }], Default: "Done" },
        Done: { Type: "Succeed" },
      },
    });
    const executionArn = await startExecution(arn);
    await local.clock.settle();

    expect((await describeExecution(executionArn)).status).toBe("FAILED");
    const events = await history(executionArn);
    expect(events).toHaveLength(MAX_HISTORY_EVENTS);
    // Every invocation is in the history, and the history ends at the limit.
    expect(invocations).toBe(events.filter((event) => event.type === "TaskScheduled").length);
    expect(invocations).toBeGreaterThan(3000);
    expect(invocations).toBeLessThan(4000);
  });
});

describe("a state's input and output are at most 262,144 bytes of UTF-8", () => {
  it("starts an execution whose input is exactly 262,144 bytes and refuses one byte-pair more (ValidationException)", async () => {
    local = await startLocalStepFunctions();
    const arn = local.sfn.createStateMachine("pass", { StartAt: "Done", States: { Done: { Type: "Pass", End: true } } });
    // {"msg":""}: 10 bytes around the text.
    const envelope = utf8(JSON.stringify({ msg: "" }));
    const atLimit = JSON.stringify({ msg: twoByteText(MAX_PAYLOAD_BYTES - envelope) });
    expect(utf8(atLimit)).toBe(MAX_PAYLOAD_BYTES);
    const executionArn = (await local.client.send(new StartExecutionCommand({ stateMachineArn: arn, input: atLimit }))).executionArn!;
    await local.clock.settle();
    expect((await describeExecution(executionArn)).status).toBe("SUCCEEDED");

    const over = JSON.stringify({ msg: twoByteText(MAX_PAYLOAD_BYTES - envelope + 2) });
    // Far fewer characters than bytes: the limit counts bytes.
    expect(over.length).toBeLessThan(MAX_PAYLOAD_BYTES);
    await expect(local.client.send(new StartExecutionCommand({ stateMachineArn: arn, input: over }))).rejects.toBeInstanceOf(
      ValidationException,
    );
  });

  it("fails the execution when a state's output is too large, States.DataLimitExceeded, the state never exits (AWS's Pass example)", async () => {
    local = await startLocalStepFunctions();
    const arn = local.sfn.createStateMachine("large-result", {
      StartAt: "State_1",
      States: { State_1: { Type: "Pass", Result: { Arg1: "a".repeat(257 * 1024) }, End: true } },
    });
    const executionArn = await startExecution(arn);
    const cause = "The state/task 'State_1' returned a result with a size exceeding the maximum number of bytes service limit.";
    expect(await describeExecution(executionArn)).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded", cause });
    const events = await history(executionArn);
    expect(events.map((event) => event.type)).toEqual(["ExecutionStarted", "PassStateEntered", "ExecutionFailed"]);
    expect(events[2].executionFailedEventDetails).toEqual({ error: "States.DataLimitExceeded", cause });
  });

  it("fails the execution, uncaught, when a task's result merged into its input makes the output too large", async () => {
    const called: string[] = [];
    local = await startLocalStepFunctions({
      "ipsflow-local-half": async () => {
        called.push("half");
        return twoByteText(MAX_PAYLOAD_BYTES / 2);
      },
      "ipsflow-local-next": async () => {
        called.push("next");
        return {};
      },
    });
    const arn = local.sfn.createStateMachine("merging", {
      StartAt: "Load",
      States: {
        Load: invoke("ipsflow-local-half", {}, {
          ResultPath: "$.loaded",
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handled" }],
          Next: "Next",
        }),
        Next: invoke("ipsflow-local-next", {}, { End: true }),
        Handled: { Type: "Pass", End: true },
      },
    });
    // Each half is below the limit; together they are above it.
    const executionArn = await startExecution(arn, { kept: twoByteText(MAX_PAYLOAD_BYTES / 2) });
    expect(await describeExecution(executionArn)).toMatchObject({
      status: "FAILED",
      error: "States.DataLimitExceeded",
      cause: "The state/task 'Load' returned a result with a size exceeding the maximum number of bytes service limit.",
    });
    expect(called).toEqual(["half"]);
    const types = (await history(executionArn)).map((event) => event.type);
    expect(types.slice(-2)).toEqual(["TaskSucceeded", "ExecutionFailed"]);
  });

  it("fails a task whose result is too large with States.DataLimitExceeded, which its Catch handles; exactly 262,144 bytes pass", async () => {
    local = await startLocalStepFunctions({
      // A plain Lambda resource: its result is the returned value, whose JSON is the text and two quotes.
      "ipsflow-local-text": async (event) => twoByteText((event as { bytes: number }).bytes - 2),
      "ipsflow-local-payload": async () => ({ text: twoByteText(MAX_PAYLOAD_BYTES) }),
    });
    const plain = local.sfn.createStateMachine("plain", {
      StartAt: "Load",
      States: {
        Load: {
          Type: "Task",
          Resource: lambdaArn("ipsflow-local-text"),
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handled" }],
          End: true,
        },
        Handled: { Type: "Pass", End: true },
      },
    });
    const atLimit = await startExecution(plain, { bytes: MAX_PAYLOAD_BYTES });
    expect((await describeExecution(atLimit)).status).toBe("SUCCEEDED");
    expect(utf8((await describeExecution(atLimit)).output!)).toBe(MAX_PAYLOAD_BYTES);

    const over = await startExecution(plain, { bytes: MAX_PAYLOAD_BYTES + 2 });
    const caught = await describeExecution(over);
    expect(caught.status).toBe("SUCCEEDED");
    expect(JSON.parse(caught.output!)).toEqual({
      Error: "States.DataLimitExceeded",
      Cause: `The state/task '${lambdaArn("ipsflow-local-text")}' returned a result with a size exceeding the maximum number of bytes service limit.`,
    });
    expect((await history(over)).map((event) => event.type)).toContain("LambdaFunctionFailed");

    // lambda:invoke names its resource type, 'lambda', and a catcher may name the error.
    const service = local.sfn.createStateMachine("service", {
      StartAt: "Load",
      States: {
        Load: invoke("ipsflow-local-payload", {}, {
          Catch: [{ ErrorEquals: ["States.DataLimitExceeded"], ResultPath: "$.error", Next: "Handled" }],
          End: true,
        }),
        Handled: { Type: "Pass", End: true },
      },
    });
    const handled = await describeExecution(await startExecution(service, { participantId: "p-1" }));
    expect(JSON.parse(handled.output!)).toEqual({
      participantId: "p-1",
      error: {
        Error: "States.DataLimitExceeded",
        Cause: "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit.",
      },
    });
  });

  it("fails the execution before invoking a task whose input after Parameters is too large", async () => {
    let invoked = false;
    local = await startLocalStepFunctions({
      "ipsflow-local-twice": async () => {
        invoked = true;
        return {};
      },
    });
    const arn = local.sfn.createStateMachine("doubling", {
      StartAt: "Send",
      States: {
        Send: invoke("ipsflow-local-twice", { "first.$": "$.text", "second.$": "$.text" }, {
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handled" }],
          End: true,
        }),
        Handled: { Type: "Pass", End: true },
      },
    });
    const executionArn = await startExecution(arn, { text: twoByteText(MAX_PAYLOAD_BYTES / 2) });
    expect(await describeExecution(executionArn)).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded" });
    expect(invoked).toBe(false);
  });

  it("refuses a callback's output above the limit (ValidationException); the task waits on for a valid one", async () => {
    const tokens: string[] = [];
    local = await startLocalStepFunctions({
      "ipsflow-local-park": async (event) => {
        tokens.push((event as { token: string }).token);
        return {};
      },
    });
    const arn = local.sfn.createStateMachine("parked", {
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
    const executionArn = await startExecution(arn);
    const tooLarge = JSON.stringify({ woken: twoByteText(MAX_PAYLOAD_BYTES) });
    await expect(local.client.send(new SendTaskSuccessCommand({ taskToken: tokens[0], output: tooLarge }))).rejects.toBeInstanceOf(
      ValidationException,
    );
    await local.clock.settle();
    expect((await describeExecution(executionArn)).status).toBe("RUNNING");
    await local.client.send(new SendTaskSuccessCommand({ taskToken: tokens[0], output: JSON.stringify({ woken: "event" }) }));
    await local.clock.settle();
    expect(await describeExecution(executionArn)).toMatchObject({ status: "SUCCEEDED", output: JSON.stringify({ woken: "event" }) });
  });
});
