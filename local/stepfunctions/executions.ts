import type { VirtualClock } from "../clock/virtual-clock";
import { SfnError } from "./errors";
import { type HistoryEvent, type NewHistoryEvent, toApiEvent } from "./history";
import { HISTORY_LIMIT_CAUSE, MAX_EXECUTION_SECONDS, MAX_HISTORY_EVENTS } from "./limits";
import { checkArn } from "./names";
import { page } from "./paging";
import type { StateMachineRecord } from "./state-machines";
import { uncatchable } from "./task-errors";
import type { TaskRun } from "./task-run";
import type { WorkTracker } from "./work";

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

export interface ExecutionDescription {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
}

/** ListExecutions' answer: a description without the input, output and error. */
export type ExecutionListItem = Pick<ExecutionDescription, "executionArn" | "stateMachineArn" | "name" | "status" | "startDate" | "stopDate">;

/** DescribeStateMachineForExecution's answer: the definition the execution runs. */
export interface StateMachineForExecution {
  stateMachineArn: string;
  name: string;
  definition: string;
  roleArn: string;
  /** When that definition was created or last replaced. */
  updateDate: Date;
}

export interface ExecutionRecord extends ExecutionDescription {
  stateMachineName: string;
  /** The machine's definition when the execution started, kept for it whatever replaces it later. */
  definition: string;
  definitionDate: Date;
  roleArn: string;
  history: HistoryEvent[];
  openTasks: Set<TaskRun>;
  /** Token minted while the current task's Parameters were evaluated (same token for every read). */
  pendingToken?: string;
  /** Stops the engine's run; set once the run has begun. */
  abort?: () => void;
  cancelExecutionTimeout?: () => void;
}

type ClosingDetails = { output?: string; error?: string; cause?: string };

interface ExecutionsOptions {
  region: string;
  accountId: string;
  clock: VirtualClock;
  work: WorkTracker;
}

/**
 * The executions, in start order: each one's status, its history as AWS records it, and how it
 * ends. Whatever ends an execution (its last state, a failure, StopExecution, a timeout, a quota)
 * goes through close(), which logs the closing event and lets nothing of the execution run on.
 */
export class Executions {
  readonly #executions = new Map<string, ExecutionRecord>();
  readonly #options: ExecutionsOptions;

  constructor(options: ExecutionsOptions) {
    this.#options = options;
  }

  /**
   * StartExecution's record, idempotent as for Standard workflows: the same name and input as a
   * RUNNING execution returns that one (`started` false); a closed one or a different input is
   * ExecutionAlreadyExists. A new execution is timed out on the clock at its top-level
   * TimeoutSeconds, or else after the year a Standard execution may live at most.
   */
  start(machine: StateMachineRecord, name: string, input: string): { record: ExecutionRecord; started: boolean } {
    const { region, accountId, clock } = this.#options;
    const executionArn = `arn:aws:states:${region}:${accountId}:execution:${machine.name}:${name}`;
    const existing = this.#executions.get(executionArn);
    if (existing) {
      if (existing.status === "RUNNING" && existing.input === input) return { record: existing, started: false };
      throw new SfnError("ExecutionAlreadyExists", `Execution Already Exists: '${executionArn}'`);
    }

    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: machine.arn,
      stateMachineName: machine.name,
      definition: machine.definition,
      definitionDate: machine.updateDate,
      roleArn: machine.roleArn,
      name,
      status: "RUNNING",
      startDate: clock.now(),
      input,
      history: [],
      openTasks: new Set(),
    };
    this.#executions.set(executionArn, record);
    this.log(record, [{ type: "ExecutionStarted", input }]);

    // Either way the execution ends TIMED_OUT with States.Timeout.
    const ownTimeout = machine.prepared.executionTimeoutSeconds;
    const limitSeconds = Math.min(ownTimeout ?? Infinity, MAX_EXECUTION_SECONDS);
    const at = new Date(record.startDate.getTime() + limitSeconds * 1000);
    const label = ownTimeout !== undefined && ownTimeout <= MAX_EXECUTION_SECONDS ? "execution timeout" : "one-year execution limit";
    record.cancelExecutionTimeout = clock.schedule(at, `sfn ${name}: ${label}`, () =>
      this.close(record, "TIMED_OUT", { error: "States.Timeout" }),
    );
    return { record, started: true };
  }

  get(arn: string): ExecutionRecord {
    const record = this.#executions.get(arn);
    if (!record) throw new SfnError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`);
    return record;
  }

  *running(): Iterable<ExecutionRecord> {
    for (const record of this.#executions.values()) if (record.status === "RUNNING") yield record;
  }

  describe(executionArn: string): ExecutionDescription {
    const record = this.get(executionArn);
    // A timed-out execution's States.Timeout is in its history only, as AWS describes it.
    const failure = record.status === "TIMED_OUT" ? {} : { error: record.error, cause: record.cause };
    return {
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: record.startDate,
      stopDate: record.stopDate,
      input: record.input,
      output: record.output,
      ...failure,
    };
  }

  describeStateMachineFor(executionArn: string): StateMachineForExecution {
    checkArn("execution", executionArn);
    const record = this.get(executionArn);
    return {
      stateMachineArn: record.stateMachineArn,
      name: record.stateMachineName,
      definition: record.definition,
      roleArn: record.roleArn,
      updateDate: record.definitionDate,
    };
  }

  /** A state machine's executions, newest first, as AWS lists them. */
  list(
    stateMachineArn: string,
    request: { statusFilter?: ExecutionStatus; maxResults?: number; nextToken?: string },
  ): { executions: ExecutionListItem[]; nextToken?: string } {
    const matching = [...this.#executions.values()]
      .filter((record) => record.stateMachineArn === stateMachineArn)
      .filter((record) => !request.statusFilter || record.status === request.statusFilter)
      .reverse()
      .map(({ executionArn, stateMachineArn, name, status, startDate, stopDate }) => ({
        executionArn,
        stateMachineArn,
        name,
        status,
        startDate,
        stopDate,
      }));
    const { items, nextToken } = page(matching, request.maxResults, request.nextToken);
    return { executions: items, nextToken };
  }

  /** StopExecution: a running execution ends ABORTED; a closed one is left as it is. */
  stop(executionArn: string, details: { error?: string; cause?: string }): { stopDate: Date } {
    const record = this.get(executionArn);
    if (record.status === "RUNNING") this.close(record, "ABORTED", details);
    return { stopDate: record.stopDate ?? this.#options.clock.now() };
  }

  history(request: {
    executionArn: string;
    maxResults?: number;
    reverseOrder?: boolean;
    nextToken?: string;
  }): { events: Record<string, unknown>[]; nextToken?: string } {
    const record = this.get(request.executionArn);
    const ordered = request.reverseOrder ? [...record.history].reverse() : record.history;
    const { items, nextToken } = page(ordered, request.maxResults, request.nextToken);
    return { events: items.map((event) => toApiEvent(event, this.#options.region)), nextToken };
  }

  /**
   * Logs a running execution's events. The history holds at most 25,000 events and the last is
   * the execution's closing event: when 24,999 are logged and another comes, the execution fails
   * in its place, as in AWS.
   */
  log(record: ExecutionRecord, events: NewHistoryEvent[]): void {
    for (const event of events) {
      if (record.status !== "RUNNING") return;
      if (record.history.length >= MAX_HISTORY_EVENTS - 1) {
        this.close(record, "FAILED", { error: "States.Runtime", cause: HISTORY_LIMIT_CAUSE });
        return;
      }
      this.#append(record, event);
    }
  }

  /** Ends a running execution: its closing event is the last of its history, and nothing of it runs on. */
  close(record: ExecutionRecord, status: Exclude<ExecutionStatus, "RUNNING">, details: ClosingDetails): void {
    if (record.status !== "RUNNING") return;
    record.status = status;
    record.stopDate = this.#options.clock.now();
    record.output = details.output;
    record.error = details.error || undefined;
    record.cause = details.cause || undefined;
    record.cancelExecutionTimeout?.();
    this.#append(record, closingEvent(record));
    // Stops the engine before its next state (a no-op once it has finished by itself).
    record.abort?.();
    // Tasks still open can never complete now; failing them lets the engine release its timers.
    for (const task of record.openTasks) task.fail(uncatchable("States.Runtime", "the execution is closed"));
    this.#options.work.progressed();
  }

  #append(record: ExecutionRecord, event: NewHistoryEvent): void {
    const id = record.history.length + 1;
    record.history.push({ ...event, id, previousEventId: id - 1, timestamp: this.#options.clock.now() });
  }
}

function closingEvent(record: ExecutionRecord): NewHistoryEvent {
  switch (record.status) {
    case "SUCCEEDED":
      return { type: "ExecutionSucceeded", output: record.output };
    case "TIMED_OUT":
      return { type: "ExecutionTimedOut", error: record.error, cause: record.cause };
    case "ABORTED":
      return { type: "ExecutionAborted", error: record.error, cause: record.cause };
    default:
      return { type: "ExecutionFailed", error: record.error, cause: record.cause };
  }
}
