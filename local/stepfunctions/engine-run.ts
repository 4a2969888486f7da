import { ExecutionError, StateMachine } from "aws-local-stepfunctions";
import type { VirtualClock } from "../clock/virtual-clock";
import type { PreparedDefinition } from "./definition";
import type { ExecutionRecord, Executions } from "./executions";
import { type EngineEvent, historyTranslator, type NewHistoryEvent } from "./history";
import { jsonPayloadBytes, MAX_PAYLOAD_BYTES, resultTooLargeCause } from "./limits";
import { runObserved } from "./observed-run";
import { newTaskToken } from "./task-tokens";
import { runTaskState, type TaskStateServices } from "./task-state";

/**
 * Runs an execution on the aws-local-stepfunctions engine, from the definition prepared for it
 * (definition.ts): what the engine cannot do as AWS does is supplied here. The Context Object is
 * filled on the virtual clock, Task states run through runTaskState, retries pause for no time,
 * and each engine event is logged as the AWS history events it stands for as the engine
 * dispatches it, so that a quota can end the execution at the event where AWS ends it.
 */
export class EngineRuns {
  readonly #executions: Executions;
  readonly #services: TaskStateServices;

  constructor(executions: Executions, services: TaskStateServices) {
    this.#executions = executions;
    this.#services = services;
  }

  /** The execution runs after StartExecution returns, as in AWS; until it has begun the endpoint is not idle. */
  start(record: ExecutionRecord, prepared: PreparedDefinition, input: unknown): void {
    const { work } = this.#services;
    work.begin();
    queueMicrotask(() => {
      try {
        this.#run(record, prepared, input);
      } catch (error) {
        this.#executions.close(record, "FAILED", { error: "States.Runtime", cause: (error as Error).message });
      } finally {
        work.end();
      }
    });
  }

  #run(record: ExecutionRecord, prepared: PreparedDefinition, input: unknown): void {
    // Stopped (or timed out) before it began: its closing event is logged already.
    if (record.status !== "RUNNING") return;
    const engine = new StateMachine(prepared.engineDefinition, { validationOptions: { noValidate: true } });
    const taskHandlers = Object.fromEntries(
      [...prepared.tasks.values()].map((spec) => [spec.stateName, (wrapped: unknown) => runTaskState(this.#services, record, spec, wrapped)]),
    );
    const translate = historyTranslator(prepared.tasks);
    const execution = runObserved(
      engine,
      input,
      {
        context: contextObject(record, prepared, input, this.#services.clock),
        noThrowOnAbort: true,
        overrides: {
          taskResourceLocalHandlers: taskHandlers as never,
          retryIntervalOverrides: Object.fromEntries(prepared.retryStates.map((name) => [name, 0])),
        },
      },
      (event) => this.#onEngineEvent(record, prepared, translate, event),
    );
    record.abort = execution.abort;
    // A limit reached by the first events, dispatched before run() returned the abort function.
    if (record.status !== "RUNNING") execution.abort();

    const executions = this.#executions;
    execution.result
      .then(
        (output) => {
          if (record.status === "RUNNING") executions.close(record, "SUCCEEDED", { output: JSON.stringify(output) });
        },
        (error: unknown) => {
          const failure = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : (error as Error);
          if (record.status === "RUNNING") executions.close(record, "FAILED", { error: failure?.name, cause: failure?.message });
        },
      )
      .catch((error: unknown) => console.error(`local step functions: closing ${record.executionArn} failed`, error));
  }

  /**
   * One engine event, as the engine dispatches it: logged as the AWS history events it stands for,
   * unless a top-level state's output is above the payload quota, which fails the execution there.
   */
  #onEngineEvent(record: ExecutionRecord, prepared: PreparedDefinition, translate: (event: EngineEvent) => NewHistoryEvent[], event: EngineEvent): void {
    try {
      if (record.status !== "RUNNING") return;
      const events = translate(event);
      const topLevelExit = event.type === "StateExited" && event.index === undefined && prepared.topLevelStateNames.has(event.state.name);
      if (topLevelExit && jsonPayloadBytes(event.state.output) > MAX_PAYLOAD_BYTES) {
        // The task's own events stand; the state never exits.
        this.#executions.log(record, events.filter((logged) => !logged.type.endsWith("StateExited")));
        this.#executions.close(record, "FAILED", { error: "States.DataLimitExceeded", cause: resultTooLargeCause(event.state.name) });
        return;
      }
      this.#executions.log(record, events);
    } catch (error) {
      console.error(`local step functions: history of ${record.executionArn} failed`, error);
    }
  }
}

/**
 * The Context Object, given to the engine as its context option. The engine fills
 * `$$.Execution` itself, from the real clock and, in a Map iteration, with the iteration's input,
 * and has no `$$.State`; definition.ts points those paths at `$$.LocalExecution` and
 * `$$.LocalStates[i]`, filled here. The getters are read when a path is evaluated: the token is
 * minted as a task's Parameters read it, and a state's EnteredTime is the clock's time then.
 */
function contextObject(record: ExecutionRecord, prepared: PreparedDefinition, input: unknown, clock: VirtualClock) {
  const mintToken = () => (record.pendingToken ??= newTaskToken());
  return {
    LocalExecution: {
      Id: record.executionArn,
      Name: record.name,
      Input: input,
      StartTime: record.startDate.toISOString(),
      RedriveCount: 0,
    },
    StateMachine: { Id: record.stateMachineArn, Name: record.stateMachineName },
    Task: {
      get Token() {
        return mintToken();
      },
    },
    LocalStates: prepared.stateNames.map((Name) => ({
      Name,
      get EnteredTime() {
        return clock.now().toISOString();
      },
    })),
  };
}
