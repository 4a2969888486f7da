import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ExecutionError, StateMachine, type StateMachineDefinition } from "aws-local-stepfunctions";
import { ENGINE_TASK_TIMEOUT_SECONDS } from "../../local/stepfunctions/definition";
import type { EngineEvent } from "../../local/stepfunctions/history";
import { runObserved } from "../../local/stepfunctions/observed-run";
import {
  captureEngineTimeoutError,
  probeEngineTimeoutError,
  taskFailure,
  timeoutFailure,
  uncatchable,
} from "../../local/stepfunctions/task-errors";

/**
 * What local/stepfunctions relies on inside aws-local-stepfunctions, beyond its documented API
 * (local/stepfunctions/README.md, "The engine"). The engine is pinned to the exact version below;
 * after an upgrade, run this file first: each failure says which assumption broke and which module
 * makes it, before the endpoint's own tests fail in less obvious ways.
 */
const BUILT_AGAINST = "3.0.0";

const readJson = (relative: string) => JSON.parse(readFileSync(new URL(relative, import.meta.url), "utf8"));

const RESOURCE = "arn:aws:lambda:us-east-1:000000000000:function:engine-check";
const task = (rest: Record<string, unknown> = {}) => ({ Type: "Task", Resource: RESOURCE, ...rest });
const pass = (result: string) => ({ Type: "Pass", Result: result, End: true });
const engine = (States: Record<string, unknown>) =>
  new StateMachine({ StartAt: Object.keys(States)[0], States } as StateMachineDefinition, { validationOptions: { noValidate: true } });
type Handlers = Record<string, (input: unknown) => Promise<unknown>>;

/** Run options as the endpoint gives them (engine-run.ts): task overrides by state name, retries without pause. */
const runOptions = (handlers: Handlers, context?: object) =>
  ({
    context,
    noThrowOnAbort: true,
    overrides: {
      taskResourceLocalHandlers: handlers,
      retryIntervalOverrides: Object.fromEntries(Object.keys(handlers).map((name) => [name, 0])),
    },
  }) as never;

const run = (machine: StateMachine, handlers: Handlers, input: object = {}, context?: object) =>
  machine.run(input as never, runOptions(handlers, context)).result;

/** Runs with the engine's events observed as the endpoint observes them (observed-run.ts). */
function observe(machine: StateMachine, handlers: Handlers, input: object = {}, onEvent?: (event: EngineEvent, abort: () => void) => void) {
  const events: EngineEvent[] = [];
  const started: { abort?: () => void } = {};
  let abortEarly = false;
  const abort = () => (started.abort ? started.abort() : (abortEarly = true));
  const execution = runObserved(machine, input, runOptions(handlers), (event) => {
    events.push(event);
    onEvent?.(event, abort);
  });
  started.abort = execution.abort;
  // An abort asked for by an event dispatched before run() returned, as engine-run.ts handles it.
  if (abortEarly) execution.abort();
  return { events, result: execution.result };
}

/** Type, state and iteration of each event: what history.ts reads. */
const outline = (events: EngineEvent[]) =>
  events.map((event) => {
    const state = "state" in event ? event.state.name : "parentState" in event ? event.parentState.name : undefined;
    const index = "index" in event ? event.index : undefined;
    return [event.type, state, index].filter((part) => part !== undefined).join(" ");
  });

describe("the aws-local-stepfunctions internals local/stepfunctions relies on", () => {
  it("is the version the package was built against, pinned exactly", () => {
    const installed = readJson("../../node_modules/aws-local-stepfunctions/package.json").version;
    expect(
      installed,
      `aws-local-stepfunctions ${installed} is installed, local/stepfunctions was built against ${BUILT_AGAINST}: ` +
        "if every check below passes on it, set BUILT_AGAINST here and the version in local/stepfunctions/README.md",
    ).toBe(BUILT_AGAINST);
    const { dependencies, devDependencies } = readJson("../../package.json");
    const pinned = { ...dependencies, ...devDependencies }["aws-local-stepfunctions"];
    expect(pinned, "package.json must pin aws-local-stepfunctions to an exact version, not a range").toBe(BUILT_AGAINST);
  });

  describe("timeouts (task-errors.ts)", () => {
    it("fails a timed-out task with an error class whose instances are named States.Timeout, which the probe captures", async () => {
      const found = await probeEngineTimeoutError();
      expect(found, "the engine no longer fails a timed-out task with an error named States.Timeout as the ExecutionError's cause").toBeTypeOf(
        "function",
      );
      const instance = new found!();
      expect(instance, "the engine's timeout error is no longer an Error").toBeInstanceOf(Error);
      expect({ name: instance.name, message: instance.message }, "the engine's timeout error, built with no arguments, changed").toEqual({
        name: "States.Timeout",
        message: "States.Timeout",
      });
    });

    it("does not match an instance of that class with States.TaskFailed, in Catch or Retry, whatever its name", async () => {
      await captureEngineTimeoutError();
      const catching = engine({
        Wait: task({
          Catch: [
            { ErrorEquals: ["States.TaskFailed"], Next: "TaskFailed" },
            { ErrorEquals: ["States.Timeout", "States.HeartbeatTimeout"], Next: "TimedOut" },
          ],
          End: true,
        }),
        TaskFailed: pass("caught as States.TaskFailed"),
        TimedOut: pass("caught by its name"),
      });
      for (const error of ["States.Timeout", "States.HeartbeatTimeout"] as const) {
        const caught = await run(catching, { Wait: async () => Promise.reject(timeoutFailure(error, "timed out")) });
        expect(caught, `the engine's States.TaskFailed catcher now catches ${error} (timeoutFailure in task-errors.ts)`).toBe("caught by its name");
      }
      // The control: any other task failure is States.TaskFailed.
      const other = await run(catching, { Wait: async () => Promise.reject(taskFailure("Other", "failed")) });
      expect(other, "the engine's States.TaskFailed catcher no longer catches a task's failure").toBe("caught as States.TaskFailed");

      let attempts = 0;
      const retrying = engine({ Wait: task({ Retry: [{ ErrorEquals: ["States.TaskFailed"], MaxAttempts: 3 }], End: true }) });
      const timingOut = async () => {
        attempts++;
        throw timeoutFailure("States.Timeout", "timed out");
      };
      const failed = await run(retrying, { Wait: timingOut }).catch((error: unknown) => error);
      expect(attempts, "the engine's States.TaskFailed retrier now retries a timeout").toBe(1);
      expect(failed, "a timeout no longer fails the run").toBeInstanceOf(ExecutionError);
    });

    it("gives a Task its own timer that does not fire early at ENGINE_TASK_TIMEOUT_SECONDS (definition.ts)", async () => {
      const machine = engine({ Slow: task({ TimeoutSeconds: ENGINE_TASK_TIMEOUT_SECONDS, End: true }) });
      const slow = async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        return "done";
      };
      const outcome = await run(machine, { Slow: slow }).catch((error: ExecutionError) => (error.cause as Error).name);
      expect(outcome, `the engine's task timer fired before ${ENGINE_TASK_TIMEOUT_SECONDS} s (an overflowing setTimeout fires after 1 ms)`).toBe("done");
    });
  });

  describe("task failures (task-errors.ts, engine-run.ts)", () => {
    it("matches Retry and Catch by the error's name, reports its message as the cause, and fails the run with it as cause", async () => {
      const machine = engine({
        Load: task({ Catch: [{ ErrorEquals: ["Missing"], ResultPath: "$.failure", Next: "Handled" }], End: true }),
        Handled: { Type: "Pass", End: true },
      });
      const handled = await run(machine, { Load: async () => Promise.reject(taskFailure("Missing", "p-9 does not exist")) });
      expect(handled, "the engine's Catch output is no longer { Error: name, Cause: message }").toEqual({
        failure: { Error: "Missing", Cause: "p-9 does not exist" },
      });

      const failure = taskFailure("Unknown", "not caught");
      const failed = await run(machine, { Load: async () => Promise.reject(failure) }).catch((error: unknown) => error);
      expect(failed, "a failed run no longer rejects with ExecutionError").toBeInstanceOf(ExecutionError);
      expect((failed as ExecutionError).cause, "ExecutionError.cause is no longer the state's error (engine-run.ts reports it)").toBe(failure);
    });

    it("honours isRetryable and isCatchable on a task's error", async () => {
      let attempts = 0;
      const machine = engine({
        Load: task({ Retry: [{ ErrorEquals: ["States.ALL"] }], Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handled" }], End: true }),
        Handled: pass("caught"),
      });
      const tooLarge = async () => {
        attempts++;
        throw uncatchable("States.DataLimitExceeded", "too large");
      };
      const outcome = await run(machine, { Load: tooLarge }).catch((error: ExecutionError) => (error.cause as Error).name);
      expect({ attempts, outcome }, "the engine no longer honours isRetryable / isCatchable = false").toEqual({
        attempts: 1,
        outcome: "States.DataLimitExceeded",
      });
    });

    it("pauses a retry for the time retryIntervalOverrides gives its state", async () => {
      let attempts = 0;
      // Two pauses of a second each, unless the override applies.
      const retry = { ErrorEquals: ["States.ALL"], IntervalSeconds: 1, BackoffRate: 1, MaxAttempts: 2 };
      const machine = engine({ Flaky: task({ Retry: [retry], End: true }) });
      const flaky = async () => {
        if (++attempts < 3) throw taskFailure("Transient", "again");
        return attempts;
      };
      const realStart = performance.now();
      const result = await run(machine, { Flaky: flaky });
      expect(result, "the engine no longer retries as often as Retry allows").toBe(3);
      expect(performance.now() - realStart, "retryIntervalOverrides of 0 no longer removes the retry pause").toBeLessThan(500);
    });
  });

  describe("the Context Object and task input (definition.ts, engine-run.ts)", () => {
    it("passes the context option's own keys through, reading getters each time a path is evaluated, in Map iterations too", async () => {
      let reads = 0;
      const context = {
        LocalExecution: { Input: { week: "2026-W10" } },
        Task: {
          get Token() {
            return `token-${++reads}`;
          },
        },
      };
      const seen: unknown[] = [];
      const record = async (input: unknown) => {
        seen.push(input);
        return {};
      };
      const machine = engine({
        First: task({ Parameters: { "token.$": "$$.Task.Token" }, ResultPath: null, Next: "Second" }),
        Second: task({ Parameters: { "token.$": "$$.Task.Token" }, ResultPath: null, Next: "Items" }),
        Items: {
          Type: "Map",
          ItemsPath: "$.items",
          ItemProcessor: {
            ProcessorConfig: { Mode: "INLINE" },
            StartAt: "Item",
            States: { Item: task({ Parameters: { "week.$": "$$.LocalExecution.Input.week" }, End: true }) },
          },
          End: true,
        },
      });
      await run(machine, { First: record, Second: record, Item: record }, { items: [1] }, context);
      expect(seen, "the engine no longer reads the context option's keys, its getters at each evaluation, or passes them to Map iterations").toEqual([
        { token: "token-1" },
        { token: "token-2" },
        { week: "2026-W10" },
      ]);
    });

    it("hands a task override the Parameters evaluated against the state input after InputPath", async () => {
      let received: unknown;
      const machine = engine({
        Wrapped: task({ InputPath: "$.state", Parameters: { parameters: { fixed: 1 }, "timeoutSeconds.$": "$.wait" }, End: true }),
      });
      const wrapped = async (input: unknown) => {
        received = input;
        return {};
      };
      await run(machine, { Wrapped: wrapped }, { state: { wait: 7 } });
      expect(received, "a task override no longer receives the state's evaluated Parameters").toEqual({ parameters: { fixed: 1 }, timeoutSeconds: 7 });
    });

    it("refuses an invalid definition in the StateMachine constructor unless noValidate is set", () => {
      const invalid = { StartAt: "Missing", States: {} } as unknown as StateMachineDefinition;
      expect(() => new StateMachine(invalid), "the engine's constructor no longer validates (definition.ts relies on it)").toThrow(/invalid/i);
      expect(() => new StateMachine(invalid, { validationOptions: { noValidate: true } }), "noValidate no longer skips validation").not.toThrow();
    });
  });

  describe("events (observed-run.ts, history.ts)", () => {
    it("dispatches each event through the run's event logger as it happens, with the names and fields history.ts reads", async () => {
      let eventsWhenInvoked: string[] = [];
      const machine = engine({
        Plan: { Type: "Pass", Result: { n: 1 }, Next: "Load" },
        Load: task({ Next: "Done" }),
        Done: { Type: "Succeed" },
      });
      const { events, result } = observe(machine, {
        Load: async () => {
          eventsWhenInvoked = outline(events);
          return { loaded: true };
        },
      });
      await result;
      expect(outline(events), "the engine's events, or the way observed-run.ts receives them, changed").toEqual([
        "ExecutionStarted",
        "StateEntered Plan",
        "StateExited Plan",
        "StateEntered Load",
        "StateExited Load",
        "StateEntered Done",
        "StateExited Done",
        "ExecutionSucceeded",
      ]);
      expect(eventsWhenInvoked, "events no longer reach observed-run.ts when dispatched (only later)").toEqual(outline(events).slice(0, 4));
      const exited = events.find((event) => event.type === "StateExited" && event.state.name === "Load");
      expect(exited, "StateExited no longer carries the state's type and output (engine-run.ts measures the output)").toMatchObject({
        state: { name: "Load", type: "Task", output: { loaded: true } },
      });
    });

    it("stops before the next state when aborted from inside an event", async () => {
      let invoked = false;
      const machine = engine({ Plan: { Type: "Pass", Next: "Load" }, Load: task({ End: true }) });
      const { events, result } = observe(
        machine,
        {
          Load: async () => {
            invoked = true;
            return {};
          },
        },
        {},
        (event, abort) => {
          if (event.type === "StateExited") abort();
        },
      );
      await result;
      expect(invoked, "the engine no longer checks its abort signal between states").toBe(false);
      expect(outline(events), "events after an abort reach observed-run.ts (it reads the engine logger's isLoggerClosed)").toEqual([
        "ExecutionStarted",
        "StateEntered Plan",
        "StateExited Plan",
        "ExecutionAborted",
      ]);
    });

    it("reports a caught failure as failed, caught, then exited, and a retry as failed then retried", async () => {
      let attempts = 0;
      const machine = engine({
        Flaky: task({ Retry: [{ ErrorEquals: ["Transient"], MaxAttempts: 1 }], Catch: [{ ErrorEquals: ["States.ALL"], Next: "Done" }], Next: "Done" }),
        Done: { Type: "Succeed" },
      });
      const { events, result } = observe(machine, {
        Flaky: async () => {
          attempts++;
          throw taskFailure("Transient", `attempt ${attempts}`);
        },
      });
      await result;
      expect(outline(events), "the order of failure, retry and catch events changed (history.ts translates it)").toEqual([
        "ExecutionStarted",
        "StateEntered Flaky",
        "StateFailed Flaky",
        "StateRetried Flaky",
        "StateFailed Flaky",
        "StateCaught Flaky",
        "StateExited Flaky",
        "StateEntered Done",
        "StateExited Done",
        "ExecutionSucceeded",
      ]);
      const failed = events.find((event) => event.type === "StateFailed");
      expect(failed, "StateFailed no longer carries Error and Cause").toMatchObject({ Error: "Transient", Cause: "attempt 1" });
    });

    it("forwards a Map iteration's events to the same logger, with the iteration's index", async () => {
      const machine = engine({
        Items: {
          Type: "Map",
          ItemsPath: "$.items",
          ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "Item", States: { Item: task({ End: true }) } },
          End: true,
        },
      });
      const { events, result } = observe(machine, { Item: async (item: unknown) => item }, { items: ["a", "b"] });
      await result;
      // Iterations interleave; each one's own events are in order.
      const iteration = (index: number) => outline(events).filter((line) => line.endsWith(` ${index}`));
      for (const index of [0, 1]) {
        expect(iteration(index), "a Map iteration's events no longer reach the run's logger with its index").toEqual([
          `MapIterationStarted Items ${index}`,
          `StateEntered Item ${index}`,
          `StateExited Item ${index}`,
          `MapIterationSucceeded Items ${index}`,
        ]);
      }
      const mapExit = events.find(
        (event): event is Extract<EngineEvent, { type: "StateExited" }> => event.type === "StateExited" && event.state.name === "Items",
      );
      expect(mapExit, "the Map state's own StateExited is missing").toBeDefined();
      expect(mapExit!.index, "a top-level state's StateExited now has an index (engine-run.ts tells top-level exits by its absence)").toBeUndefined();
    });
  });
});
