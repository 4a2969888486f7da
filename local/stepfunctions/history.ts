import type { StateMachine } from "aws-local-stepfunctions";
import type { TaskKind, TaskSpec } from "./definition";

/**
 * Execution history, counted the way AWS counts it so tests can hold a journey to the 25,000
 * events a Standard execution may keep. The engine's event log gives state entries, exits,
 * failures, retries and Map iterations; the events AWS adds around a task (scheduled, started,
 * submitted, succeeded/failed/timed out) are derived from those, per task kind. Only types,
 * state names and errors are kept, not state data, so long runs stay light.
 */
export type EngineEvent = ReturnType<StateMachine["run"]>["eventLogs"] extends AsyncGenerator<infer E> ? E : never;

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: string;
  stateName?: string;
  index?: number;
  error?: string;
  cause?: string;
  input?: string;
  output?: string;
  task?: TaskKind;
  /** An AWS SDK integration's service and action, for its task events' resource. */
  sdk?: { service: string; action: string };
}

export type NewHistoryEvent = Omit<HistoryEvent, "id" | "previousEventId" | "timestamp">;

const taskEventPrefix = (kind: TaskKind) => (kind === "lambda-function" ? "LambdaFunction" : "Task");
const isTimeout = (error: string | undefined) => error === "States.Timeout" || error === "States.HeartbeatTimeout";

/**
 * Translates one execution's engine events, in order, into the AWS history events each stands
 * for (none for the engine's terminal events: the endpoint adds those).
 */
export function historyTranslator(tasks: ReadonlyMap<string, TaskSpec>): (event: EngineEvent) => NewHistoryEvent[] {
  // The engine reports a caught failure as failed, caught, then exited; the exit is not a success.
  const caught = new Set<string>();
  const key = (event: { state: { name: string }; index?: number }) => `${event.state.name}#${event.index ?? ""}`;
  return (event) => {
    if (event.type === "StateCaught") caught.add(key(event));
    if (event.type === "StateExited" && caught.delete(key(event))) {
      return [{ type: `${event.state.type}StateExited`, stateName: event.state.name, index: event.index }];
    }
    return historyEventsFor(event, tasks);
  };
}

function historyEventsFor(event: EngineEvent, tasks: ReadonlyMap<string, TaskSpec>): NewHistoryEvent[] {
  switch (event.type) {
    case "StateEntered": {
      const { name, type } = event.state;
      const entered: NewHistoryEvent = { type: `${type}StateEntered`, stateName: name, index: event.index };
      const task = tasks.get(name);
      if (task) return [entered, ...attemptEvents(task, name)];
      if (type === "Map" || type === "Parallel") return [entered, { type: `${type}StateStarted`, stateName: name }];
      return [entered];
    }
    case "StateExited": {
      const { name, type } = event.state;
      const exited: NewHistoryEvent = { type: `${type}StateExited`, stateName: name, index: event.index };
      const task = tasks.get(name);
      if (task) return [{ type: `${taskEventPrefix(task.kind)}Succeeded`, stateName: name, ...taskOf(task) }, exited];
      if (type === "Map" || type === "Parallel") return [{ type: `${type}StateSucceeded`, stateName: name }, exited];
      return [exited];
    }
    case "StateFailed": {
      const { name, type } = event.state;
      const cause = typeof event.Cause === "string" ? event.Cause : String(event.Cause ?? "");
      const task = tasks.get(name);
      if (task) {
        const outcome = isTimeout(event.Error) ? "TimedOut" : "Failed";
        return [{ type: `${taskEventPrefix(task.kind)}${outcome}`, stateName: name, error: event.Error, cause, ...taskOf(task) }];
      }
      if (type === "Map" || type === "Parallel") return [{ type: `${type}StateFailed`, stateName: name, error: event.Error, cause }];
      return [];
    }
    case "StateRetried": {
      const task = tasks.get(event.state.name);
      return task ? attemptEvents(task, event.state.name) : [];
    }
    case "MapIterationStarted":
    case "MapIterationSucceeded":
      return [{ type: event.type, stateName: event.parentState.name, index: event.index }];
    case "MapIterationFailed":
      return [{ type: event.type, stateName: event.parentState.name, index: event.index, error: event.Error }];
    default:
      return [];
  }
}

/** AWS logs these each time a task is attempted; a callback task's submission counts here too. */
function attemptEvents(task: TaskSpec, stateName: string): NewHistoryEvent[] {
  const prefix = taskEventPrefix(task.kind);
  const events: NewHistoryEvent[] = [
    { type: `${prefix}Scheduled`, stateName, ...taskOf(task) },
    { type: `${prefix}Started`, stateName, ...taskOf(task) },
  ];
  if (task.kind === "lambda-callback" || task.kind === "sdk-callback") events.push({ type: "TaskSubmitted", stateName, ...taskOf(task) });
  return events;
}

const taskOf = (task: TaskSpec): Pick<HistoryEvent, "task" | "sdk"> => ({ task: task.kind, ...(task.sdk ? { sdk: task.sdk } : {}) });

/** The task's resource as AWS names it in history events: `lambda` / `invoke`, or `aws-sdk:dynamodb` / `updateItem.waitForTaskToken`. */
function taskResourceOf(event: HistoryEvent): { resourceType: string; resource: string } {
  const callback = event.task === "lambda-callback" || event.task === "sdk-callback" ? ".waitForTaskToken" : "";
  if (event.sdk) return { resourceType: `aws-sdk:${event.sdk.service}`, resource: `${event.sdk.action}${callback}` };
  return { resourceType: "lambda", resource: `invoke${callback}` };
}

/** The event as GetExecutionHistory returns it (AWS field names; dates are converted by the protocol layer). */
export function toApiEvent(event: HistoryEvent, region: string): Record<string, unknown> {
  const base = { timestamp: event.timestamp, type: event.type, id: event.id, previousEventId: event.previousEventId };
  const failure = { error: event.error, cause: event.cause };
  const taskResource = taskResourceOf(event);
  switch (event.type) {
    case "ExecutionStarted":
      return { ...base, executionStartedEventDetails: { input: event.input, inputDetails: { truncated: false } } };
    case "ExecutionSucceeded":
      return { ...base, executionSucceededEventDetails: { output: event.output, outputDetails: { truncated: false } } };
    case "ExecutionFailed":
      return { ...base, executionFailedEventDetails: failure };
    case "ExecutionAborted":
      return { ...base, executionAbortedEventDetails: failure };
    case "ExecutionTimedOut":
      return { ...base, executionTimedOutEventDetails: failure };
    case "TaskScheduled":
      return { ...base, taskScheduledEventDetails: { ...taskResource, region, parameters: "{}" } };
    case "TaskStarted":
      return { ...base, taskStartedEventDetails: taskResource };
    case "TaskSubmitted":
      return { ...base, taskSubmittedEventDetails: taskResource };
    case "TaskSucceeded":
      return { ...base, taskSucceededEventDetails: taskResource };
    case "TaskFailed":
      return { ...base, taskFailedEventDetails: { ...taskResource, ...failure } };
    case "TaskTimedOut":
      return { ...base, taskTimedOutEventDetails: { ...taskResource, ...failure } };
    case "LambdaFunctionScheduled":
      return { ...base, lambdaFunctionScheduledEventDetails: { resource: event.stateName } };
    case "LambdaFunctionFailed":
      return { ...base, lambdaFunctionFailedEventDetails: failure };
    case "LambdaFunctionTimedOut":
      return { ...base, lambdaFunctionTimedOutEventDetails: failure };
    case "MapIterationStarted":
    case "MapIterationSucceeded":
    case "MapIterationFailed": {
      const key = `mapIteration${event.type.slice("MapIteration".length)}EventDetails`;
      return { ...base, [key]: { name: event.stateName, index: event.index } };
    }
    default:
      if (event.type.endsWith("StateEntered")) return { ...base, stateEnteredEventDetails: { name: event.stateName } };
      if (event.type.endsWith("StateExited")) return { ...base, stateExitedEventDetails: { name: event.stateName } };
      return base;
  }
}
