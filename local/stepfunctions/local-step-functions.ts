/**
 * The local Step Functions endpoint: the ASL in workflows/ runs on the aws-local-stepfunctions
 * engine, Lambda tasks are bound to in-process handlers, and time is the virtual clock's.
 *
 * API: StartExecution, DescribeExecution, ListExecutions, StopExecution, GetExecutionHistory,
 * SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat, ListStateMachines, DescribeStateMachine
 * and DescribeStateMachineForExecution, in AWS's JSON protocol (http-endpoint.ts), so the SDK and
 * the AWS CLI (`--endpoint-url`) work against it. State machines are created in process
 * (createStateMachine, which also replaces a definition, as UpdateStateMachine would).
 *
 * Where the engine differs from AWS, the endpoint adapts (each adaptation is tested in
 * test/local/step-functions*.test.ts):
 *
 * 1. No `.waitForTaskToken`. Task states are overridden by the endpoint: it mints the token that
 *    `$$.Task.Token` reads, invokes the Lambda with it and completes the task on SendTaskSuccess /
 *    SendTaskFailure.
 * 2. Timeouts. The engine times a Task with no TimeoutSeconds out after 60 s of real time, reads
 *    TimeoutSecondsPath from the input after Parameters (AWS: the state input), and a timeout
 *    above 2^31 ms overflows Node's setTimeout and fires after 1 ms. So the engine is given a
 *    harmless 24.8-day timeout on every Task, and the endpoint owns TimeoutSeconds,
 *    TimeoutSecondsPath, HeartbeatSeconds and HeartbeatSecondsPath on the virtual clock, any
 *    length (heartbeats apply to callback tasks). The paths are read from the state input after
 *    InputPath (they are evaluated beside Parameters); identical to AWS for states without
 *    InputPath. The top-level TimeoutSeconds is likewise a clock timer (see 9 for how it ends).
 * 3. Timeout errors. The engine's `States.TaskFailed` matcher excludes timeouts only when they are
 *    instances of its unexported StatesTimeoutError, captured once (see task-errors.ts), so a
 *    `Catch` on States.TaskFailed does not catch States.Timeout, as in AWS. A heartbeat timeout
 *    fails with States.HeartbeatTimeout (also excluded from States.TaskFailed); catch it by that
 *    name or States.ALL.
 * 4. Context Object. The engine sets `$$.Execution.StartTime` from the real clock, sets
 *    `$$.Execution.Input` to a Map iteration's input, and has no `$$.State`. Paths starting with
 *    `$$.Execution` / `$$.State` are redirected to objects the endpoint fills (Id, Name, Input,
 *    StartTime on the virtual clock, RedriveCount; State Name and EnteredTime). `$$.StateMachine`
 *    (Id, Name) and `$$.Task.Token` are supplied through the engine's context option.
 *    `$$.State.RetryCount` is not available (the path fails with States.Runtime).
 * 5. Retry pauses take no time (the engine would sleep in real time).
 * 6. Refused at createStateMachine, with a message: Wait states (would sleep in real time; wait in
 *    a callback task with a timeout), JSONata, Assign/Arguments/Output, distributed Map and task
 *    resources other than Lambda (see definition.ts).
 * 7. History. Events are derived from the engine's events, taken as the engine dispatches them
 *    (observed-run.ts), plus the task events AWS adds (history.ts); SendTaskHeartbeat adds none, as
 *    in AWS. Each event's previousEventId is the one before it (AWS sometimes names an earlier
 *    one); events carry no state input or output.
 * 8. A callback task inside a Map iteration abandoned because a sibling iteration failed stays
 *    open (its token valid, its timers set) until the execution closes; the engine gives task
 *    overrides no abort signal.
 * 9. Hard quotas, which the engine does not have, are enforced as AWS enforces them (limits.ts):
 *    - One year (365 days) of virtual time after its start, an execution still running is ended
 *      TIMED_OUT ("it will fail with a States.Timeout error and emit an ExecutionsTimedOut
 *      CloudWatch metric", service quotas page), like a top-level TimeoutSeconds: the history ends
 *      with ExecutionTimedOut carrying States.Timeout, and DescribeExecution has no error or cause
 *      (as AWS answers for a TimeoutSeconds expiry). Its open tasks close; their tokens answer
 *      TaskTimedOut.
 *    - 25,000 history events: when an execution that is still running has 24,999, it fails
 *      instead of logging the next one: event 25,000 is ExecutionFailed, error States.Runtime,
 *      cause "The execution reached the maximum number of history events (25000)." (the shape AWS
 *      gives a Choice state looping forever). Nothing runs after it.
 *    - 262,144 bytes of UTF-8 JSON: a top-level state's output above it fails the execution with
 *      States.DataLimitExceeded, "The state/task '<state>' returned a result with a size exceeding
 *      the maximum number of bytes service limit.", which no Catch handles, and the state's Exited
 *      event is not logged (AWS's history of a Pass state with a too large Result). A task's
 *      result above it (a Lambda's response, with the Payload) fails the task with that error
 *      instead, naming 'lambda' for lambda:invoke or the function ARN for a Lambda resource, and
 *      Retry and Catch see it as any task failure (AWS's recorded histories: a States.ALL catcher
 *      caught it, although the developer guide calls it uncatchable by States.ALL). A task's input
 *      after Parameters above it fails the execution with States.DataLimitExceeded, uncaught,
 *      before its Lambda is invoked (the developer guide names the condition; the cause and the
 *      Scheduled/Started events logged before the failure are local). StartExecution
 *      input and SendTaskSuccess output above it are refused with ValidationException (the API's
 *      length constraint). Not checked locally: the states inside Map iterations and Parallel
 *      branches one by one (the Map or Parallel state's own output is), and the input of a state
 *      that has no Parameters (it is the previous state's output, or the execution input, both
 *      checked).
 * 10. API. ListStateMachines lists in creation order, 100 per page by default; ListExecutions and
 *    GetExecutionHistory return up to 1000 per page by default (AWS: 100), and a bad nextToken is
 *    ValidationException (AWS: InvalidToken). Every state machine is STANDARD and ACTIVE, with no
 *    versions or aliases; its roleArn is the one given to createStateMachine (by default a local
 *    placeholder, no role is assumed). DescribeStateMachine and DescribeStateMachineForExecution
 *    answer a malformed ARN with InvalidArn and an unknown one with StateMachineDoesNotExist /
 *    ExecutionDoesNotExist; the other actions answer any unknown ARN with the latter.
 *
 * StartExecution is idempotent as for Standard workflows: the same name and input as a RUNNING
 * execution returns it; a closed one or a different input is ExecutionAlreadyExists.
 */
import { randomUUID } from "node:crypto";
import { StateMachine, ExecutionError } from "aws-local-stepfunctions";
import type { VirtualClock } from "../clock/virtual-clock";
import { prepareDefinition, type PreparedDefinition, substitute, type TaskSpec, WRAPPED } from "./definition";
import { SfnError } from "./errors";
import { historyTranslator, type HistoryEvent, type NewHistoryEvent, type EngineEvent, toApiEvent } from "./history";
import {
  HISTORY_LIMIT_CAUSE,
  inputTooLargeCause,
  jsonPayloadBytes,
  MAX_EXECUTION_SECONDS,
  MAX_HISTORY_EVENTS,
  MAX_PAYLOAD_BYTES,
  payloadBytes,
  resultTooLargeCause,
  tooLongMessage,
} from "./limits";
import { runObserved } from "./observed-run";
import { captureEngineTimeoutError, taskFailure, thrownToTaskFailure, timeoutFailure, uncatchable } from "./task-errors";
import { serveStepFunctions } from "./http-endpoint";

export type LambdaHandler = (event: unknown) => Promise<unknown>;

export interface LocalStepFunctionsOptions {
  clock: VirtualClock;
  region: string;
  /** Default "000000000000". */
  accountId?: string;
  /** Handlers by Lambda function ARN; tasks may name them by ARN or by function name. */
  lambdas?: Record<string, LambdaHandler>;
  /**
   * Check definitions with the engine's validator in createStateMachine (default true). Each new
   * definition text costs a few hundred milliseconds once per process.
   */
  validateDefinitions?: boolean;
}

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

export interface ExecutionListItem {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
}

export interface StateMachineListItem {
  stateMachineArn: string;
  name: string;
  type: "STANDARD";
  creationDate: Date;
}

/** DescribeStateMachine's answer (the fields AWS always returns). */
export interface StateMachineDescription extends StateMachineListItem {
  status: "ACTIVE";
  definition: string;
  roleArn: string;
}

/** DescribeStateMachineForExecution's answer: the definition the execution runs. */
export interface StateMachineForExecution {
  stateMachineArn: string;
  name: string;
  definition: string;
  roleArn: string;
  /** When that definition was created or last replaced. */
  updateDate: Date;
}

interface StateMachineRecord {
  arn: string;
  name: string;
  roleArn: string;
  creationDate: Date;
  /** The current definition: its text as given, what the engine runs, and since when. */
  definition: string;
  prepared: PreparedDefinition;
  updateDate: Date;
  executions: ExecutionRecord[];
}

interface ExecutionRecord extends ExecutionDescription {
  stateMachineName: string;
  /** The machine's definition when the execution started, kept for it whatever replaces it later. */
  definition: string;
  definitionDate: Date;
  roleArn: string;
  history: HistoryEvent[];
  openTasks: Set<TaskRun>;
  /** Token minted while the current task's Parameters were evaluated (same token for every read). */
  pendingToken?: string;
  abort?: () => void;
  cancelExecutionTimeout?: () => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: Error };

/** One attempt of one Task state: settles once, by result, failure, timeout or closing. */
class TaskRun {
  token?: string;
  heartbeatSeconds?: number;
  cancelHeartbeat?: () => void;
  settled = false;
  readonly cancels = new Set<() => void>();
  readonly promise: Promise<unknown>;
  #settle!: (outcome: Outcome) => void;

  constructor(readonly spec: TaskSpec) {
    this.promise = new Promise<Outcome>((resolve) => (this.#settle = resolve)).then((outcome) => {
      if (outcome.ok) return outcome.value;
      throw outcome.error;
    });
  }

  succeed(value: unknown): boolean {
    return this.#finish({ ok: true, value });
  }

  fail(error: Error): boolean {
    return this.#finish({ ok: false, error });
  }

  #finish(outcome: Outcome): boolean {
    if (this.settled) return false;
    this.settled = true;
    for (const cancel of this.cancels) cancel();
    this.cancels.clear();
    this.#settle(outcome);
    return true;
  }
}

/** Opaque like AWS's tokens; the prefix lets a malformed token be told from an unknown one. */
const TOKEN_PREFIX = "local-task-token:";
const TOKEN_PATTERN = /^local-task-token:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const newTaskToken = () => `${TOKEN_PREFIX}${randomUUID()}`;
/** AWS: 1-80 characters; no whitespace, brackets, wildcards, special characters or control characters. */
const NAME_PATTERN = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]{1,80}$/u;
const STATE_MACHINE_ARN = /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:\s]+(:[^:\s]+)?$/;
const EXECUTION_ARN = /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:execution:[^:\s]+:[^:\s]+$/;
const MAX_PAGE = 1000;
/** ListStateMachines' page when maxResults is absent or 0, as in AWS. */
const DEFAULT_STATE_MACHINE_PAGE = 100;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const toJson = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

function functionNameOf(reference: string): string {
  const match = /^(?:arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:|\d{12}:function:)?([\w-]+)(?::[\w$-]+)?$/.exec(reference);
  return match ? match[1] : reference;
}

function parseJson(text: string, onError: () => SfnError): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw onError();
  }
}

function page<T>(
  items: T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
  defaultSize = MAX_PAGE,
): { items: T[]; nextToken?: string } {
  const size = maxResults && maxResults > 0 ? Math.min(maxResults, MAX_PAGE) : defaultSize;
  const start = nextToken === undefined ? 0 : Number(nextToken);
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw new SfnError("ValidationException", "invalid nextToken");
  const end = start + size;
  return { items: items.slice(start, end), nextToken: end < items.length ? String(end) : undefined };
}

/** How a task's resource is named in States.DataLimitExceeded's cause (as AWS names it). */
const resultSubject = (spec: TaskSpec) => (spec.kind === "lambda-function" ? spec.resource : "lambda");

export class LocalStepFunctions {
  readonly region: string;
  readonly accountId: string;
  readonly #clock: VirtualClock;
  readonly #validateDefinitions: boolean;
  readonly #lambdas = new Map<string, LambdaHandler>();
  readonly #machines = new Map<string, StateMachineRecord>();
  readonly #executions = new Map<string, ExecutionRecord>();
  readonly #openTokens = new Map<string, TaskRun>();
  readonly #closedTokens = new Set<string>();
  /** In-flight work that keeps the endpoint from being idle: Lambda invocations, starts, HTTP requests. */
  #busy = 0;
  #busyWaiters: (() => void)[] = [];
  /** Something happened that lets the engine run on (in microtasks) since idle() last flushed. */
  #dirty = false;
  readonly #leaveClock: () => void;

  constructor(options: LocalStepFunctionsOptions) {
    this.#clock = options.clock;
    this.region = options.region;
    this.accountId = options.accountId ?? "000000000000";
    this.#validateDefinitions = options.validateDefinitions ?? true;
    for (const [arn, handler] of Object.entries(options.lambdas ?? {})) this.addLambda(arn, handler);
    this.#leaveClock = this.#clock.addQuiescenceSource(() => this.idle());
  }

  /** Replaces `${Key}` placeholders in a definition, as CDK's definitionSubstitutions does. */
  static substitute = substitute;

  /** Binds a handler to a Lambda function ARN (or name); tasks find it by ARN or function name. */
  addLambda(arnOrName: string, handler: LambdaHandler): void {
    this.#lambdas.set(arnOrName, handler);
  }

  /**
   * Creates the state machine, or replaces its definition (running executions keep theirs), as
   * CreateStateMachine and UpdateStateMachine would. `roleArn` is only reported (DescribeStateMachine).
   */
  createStateMachine(name: string, definition: object | string, options: { roleArn?: string } = {}): string {
    if (!NAME_PATTERN.test(name)) throw new SfnError("InvalidName", `invalid state machine name: ${name}`);
    const arn = `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${name}`;
    const text = typeof definition === "string" ? definition : JSON.stringify(definition);
    const prepared = prepareDefinition(text, { validate: this.#validateDefinitions });
    const now = this.#clock.now();
    const existing = this.#machines.get(arn);
    if (existing) {
      Object.assign(existing, { definition: text, prepared, updateDate: now });
      if (options.roleArn) existing.roleArn = options.roleArn;
    } else {
      const roleArn = options.roleArn ?? `arn:aws:iam::${this.accountId}:role/local-step-functions`;
      this.#machines.set(arn, { arn, name, roleArn, creationDate: now, definition: text, prepared, updateDate: now, executions: [] });
    }
    return arn;
  }

  /** In creation order. */
  async listStateMachines(request: { maxResults?: number; nextToken?: string } = {}): Promise<{
    stateMachines: StateMachineListItem[];
    nextToken?: string;
  }> {
    const all = [...this.#machines.values()].map(({ arn, name, creationDate }) => ({
      stateMachineArn: arn,
      name,
      type: "STANDARD" as const,
      creationDate,
    }));
    const { items, nextToken } = page(all, request.maxResults, request.nextToken, DEFAULT_STATE_MACHINE_PAGE);
    return { stateMachines: items, nextToken };
  }

  async describeStateMachine(request: { stateMachineArn: string }): Promise<StateMachineDescription> {
    if (!STATE_MACHINE_ARN.test(request.stateMachineArn)) throw new SfnError("InvalidArn", `Invalid Arn: '${request.stateMachineArn}'`);
    const machine = this.#machine(request.stateMachineArn);
    return {
      stateMachineArn: machine.arn,
      name: machine.name,
      status: "ACTIVE",
      definition: machine.definition,
      roleArn: machine.roleArn,
      type: "STANDARD",
      creationDate: machine.creationDate,
    };
  }

  async describeStateMachineForExecution(request: { executionArn: string }): Promise<StateMachineForExecution> {
    if (!EXECUTION_ARN.test(request.executionArn)) throw new SfnError("InvalidArn", `Invalid Arn: '${request.executionArn}'`);
    const record = this.#execution(request.executionArn);
    return {
      stateMachineArn: record.stateMachineArn,
      name: record.stateMachineName,
      definition: record.definition,
      roleArn: record.roleArn,
      updateDate: record.definitionDate,
    };
  }

  async startExecution(request: { stateMachineArn: string; name?: string; input?: string }): Promise<{ executionArn: string; startDate: Date }> {
    await captureEngineTimeoutError();
    const input = request.input ?? "{}";
    if (payloadBytes(input) > MAX_PAYLOAD_BYTES) throw new SfnError("ValidationException", tooLongMessage("input"));
    const machine = this.#machine(request.stateMachineArn);
    const name = request.name ?? randomUUID();
    if (!NAME_PATTERN.test(name)) throw new SfnError("InvalidName", `invalid execution name: ${name}`);
    const inputValue = parseJson(input, () => new SfnError("InvalidExecutionInput", "input is not valid JSON"));
    const executionArn = `arn:aws:states:${this.region}:${this.accountId}:execution:${machine.name}:${name}`;

    const existing = this.#executions.get(executionArn);
    if (existing) {
      if (existing.status === "RUNNING" && existing.input === input) {
        return { executionArn, startDate: existing.startDate };
      }
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
      startDate: this.#clock.now(),
      input,
      history: [],
      openTasks: new Set(),
    };
    this.#executions.set(executionArn, record);
    machine.executions.push(record);
    this.#record(record, [{ type: "ExecutionStarted", input }]);

    // The top-level TimeoutSeconds, or else the year a Standard execution may live at most: either
    // way the execution ends TIMED_OUT with States.Timeout.
    const prepared = machine.prepared;
    const ownTimeout = prepared.executionTimeoutSeconds;
    const limitSeconds = Math.min(ownTimeout ?? Infinity, MAX_EXECUTION_SECONDS);
    const at = new Date(record.startDate.getTime() + limitSeconds * 1000);
    const label = ownTimeout !== undefined && ownTimeout <= MAX_EXECUTION_SECONDS ? "execution timeout" : "one-year execution limit";
    record.cancelExecutionTimeout = this.#clock.schedule(at, `sfn ${name}: ${label}`, () =>
      this.#close(record, "TIMED_OUT", { error: "States.Timeout" }),
    );
    // The execution runs after StartExecution returns, as in AWS.
    this.#beginWork();
    queueMicrotask(() => {
      try {
        this.#run(record, prepared, inputValue);
      } catch (error) {
        this.#close(record, "FAILED", { error: "States.Runtime", cause: (error as Error).message });
      } finally {
        this.#endWork();
      }
    });
    return { executionArn, startDate: record.startDate };
  }

  async describeExecution(request: { executionArn: string }): Promise<ExecutionDescription> {
    const record = this.#execution(request.executionArn);
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

  /** Newest first, as AWS lists them. */
  async listExecutions(request: {
    stateMachineArn: string;
    statusFilter?: ExecutionStatus;
    maxResults?: number;
    nextToken?: string;
  }): Promise<{ executions: ExecutionListItem[]; nextToken?: string }> {
    const machine = this.#machine(request.stateMachineArn);
    const matching = machine.executions
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

  async stopExecution(request: { executionArn: string; error?: string; cause?: string }): Promise<{ stopDate: Date }> {
    const record = this.#execution(request.executionArn);
    if (record.status === "RUNNING") this.#close(record, "ABORTED", { error: request.error, cause: request.cause });
    return { stopDate: record.stopDate ?? this.#clock.now() };
  }

  async getExecutionHistory(request: {
    executionArn: string;
    maxResults?: number;
    reverseOrder?: boolean;
    nextToken?: string;
  }): Promise<{ events: Record<string, unknown>[]; nextToken?: string }> {
    const record = this.#execution(request.executionArn);
    const ordered = request.reverseOrder ? [...record.history].reverse() : record.history;
    const { items, nextToken } = page(ordered, request.maxResults, request.nextToken);
    return { events: items.map((event) => toApiEvent(event, this.region)), nextToken };
  }

  async sendTaskSuccess(request: { taskToken: string; output: string }): Promise<void> {
    if (payloadBytes(request.output) > MAX_PAYLOAD_BYTES) throw new SfnError("ValidationException", tooLongMessage("output"));
    const task = this.#openTask(request.taskToken);
    const output = parseJson(request.output, () => new SfnError("InvalidOutput", "output is not valid JSON"));
    task.succeed(output);
    this.#dirty = true;
  }

  async sendTaskFailure(request: { taskToken: string; error?: string; cause?: string }): Promise<void> {
    const task = this.#openTask(request.taskToken);
    task.fail(taskFailure(request.error ?? "", request.cause ?? ""));
    this.#dirty = true;
  }

  async sendTaskHeartbeat(request: { taskToken: string }): Promise<void> {
    const task = this.#openTask(request.taskToken);
    this.#armHeartbeat(task, task.spec.stateName);
  }

  /** Number of history events so far (what AWS caps at 25,000 per execution). */
  historyEventCount(executionArn: string): number {
    return this.#execution(executionArn).history.length;
  }

  /**
   * Resolves when every execution is parked on a callback or timer, or finished: no Lambda
   * invocation, start or request in flight, and the engine has run on as far as it can.
   */
  async idle(): Promise<void> {
    for (;;) {
      if (this.#busy > 0) {
        await new Promise<void>((resolve) => this.#busyWaiters.push(resolve));
        continue;
      }
      if (!this.#dirty) return;
      this.#dirty = false;
      // The engine moves between states in microtasks; one macrotask turn lets it run until it parks.
      await nextTurn();
    }
  }

  /** Serves the AWS JSON 1.0 protocol on loopback for `@aws-sdk/client-sfn`. */
  listen(port: number, host = "127.0.0.1"): Promise<{ endpoint: string; close(): Promise<void> }> {
    return serveStepFunctions(this, { port, host, onRequest: () => this.#beginWork(), onResponse: () => this.#endWork() });
  }

  /**
   * Aborts every running execution, releasing its timers, and stops taking part in the clock's
   * settling (for shutdown and between tests).
   */
  async close(): Promise<void> {
    for (const record of this.#executions.values()) {
      if (record.status === "RUNNING") this.#close(record, "ABORTED", { error: "Local.Shutdown", cause: "the local endpoint closed" });
    }
    await this.idle();
    this.#leaveClock();
  }

  #machine(arn: string): StateMachineRecord {
    const machine = this.#machines.get(arn);
    if (!machine) throw new SfnError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  #execution(arn: string): ExecutionRecord {
    const record = this.#executions.get(arn);
    if (!record) throw new SfnError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`);
    return record;
  }

  #openTask(token: string): TaskRun {
    if (!TOKEN_PATTERN.test(token)) throw new SfnError("InvalidToken", "Invalid Token");
    const task = this.#openTokens.get(token);
    if (task) return task;
    if (this.#closedTokens.has(token)) throw new SfnError("TaskTimedOut", "Task Timed Out: the task of this token is closed");
    throw new SfnError("TaskDoesNotExist", "Task Does Not Exist");
  }

  #beginWork(): void {
    this.#busy++;
  }

  #endWork(): void {
    this.#busy--;
    this.#dirty = true;
    if (this.#busy === 0) {
      const waiters = this.#busyWaiters;
      this.#busyWaiters = [];
      for (const wake of waiters) wake();
    }
  }

  #run(record: ExecutionRecord, prepared: PreparedDefinition, input: unknown): void {
    // Stopped (or timed out) before it began: its closing event is logged already.
    if (record.status !== "RUNNING") return;
    const engine = new StateMachine(prepared.engineDefinition, { validationOptions: { noValidate: true } });
    const clock = this.#clock;
    const mintToken = () => (record.pendingToken ??= newTaskToken());
    const context = {
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
    const taskHandlers = Object.fromEntries(
      [...prepared.tasks.values()].map((spec) => [spec.stateName, (wrapped: unknown) => this.#runTask(record, spec, wrapped)]),
    );
    const translate = historyTranslator(prepared.tasks);
    const execution = runObserved(
      engine,
      input,
      {
        context,
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

    execution.result
      .then(
        (output) => {
          if (record.status === "RUNNING") this.#close(record, "SUCCEEDED", { output: JSON.stringify(output) });
        },
        (error: unknown) => {
          const failure = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : (error as Error);
          if (record.status === "RUNNING") this.#close(record, "FAILED", { error: failure?.name, cause: failure?.message });
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
        this.#record(record, events.filter((logged) => !logged.type.endsWith("StateExited")));
        this.#close(record, "FAILED", { error: "States.DataLimitExceeded", cause: resultTooLargeCause(event.state.name) });
        return;
      }
      this.#record(record, events);
    } catch (error) {
      console.error(`local step functions: history of ${record.executionArn} failed`, error);
    }
  }

  #closingEvent(record: ExecutionRecord): NewHistoryEvent {
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

  /**
   * Logs a running execution's events. The history holds at most 25,000 events and the last is
   * the execution's closing event: when 24,999 are logged and another comes, the execution fails
   * in its place, as in AWS.
   */
  #record(record: ExecutionRecord, events: NewHistoryEvent[]): void {
    for (const event of events) {
      if (record.status !== "RUNNING") return;
      if (record.history.length >= MAX_HISTORY_EVENTS - 1) {
        this.#close(record, "FAILED", { error: "States.Runtime", cause: HISTORY_LIMIT_CAUSE });
        return;
      }
      this.#append(record, event);
    }
  }

  #append(record: ExecutionRecord, event: NewHistoryEvent): void {
    const id = record.history.length + 1;
    record.history.push({ ...event, id, previousEventId: id - 1, timestamp: this.#clock.now() });
  }

  /** Ends a running execution: its closing event is the last of its history, and nothing of it runs on. */
  #close(record: ExecutionRecord, status: Exclude<ExecutionStatus, "RUNNING">, details: { output?: string; error?: string; cause?: string }): void {
    if (record.status !== "RUNNING") return;
    record.status = status;
    record.stopDate = this.#clock.now();
    record.output = details.output;
    record.error = details.error || undefined;
    record.cause = details.cause || undefined;
    record.cancelExecutionTimeout?.();
    this.#append(record, this.#closingEvent(record));
    // Stops the engine before its next state (a no-op once it has finished by itself).
    record.abort?.();
    // Tasks still open can never complete now; failing them lets the engine release its timers.
    for (const task of record.openTasks) task.fail(uncatchable("States.Runtime", "the execution is closed"));
    this.#dirty = true;
  }

  async #runTask(record: ExecutionRecord, spec: TaskSpec, wrapped: unknown): Promise<unknown> {
    // Taken synchronously: the engine evaluated this task's Parameters (reading $$.Task.Token) just now.
    const token = record.pendingToken;
    record.pendingToken = undefined;
    if (record.status !== "RUNNING") throw uncatchable("States.Runtime", "the execution is closed");

    const { parameters, timeoutSeconds, heartbeatSeconds } = this.#unwrap(spec, wrapped);
    if (jsonPayloadBytes(parameters) > MAX_PAYLOAD_BYTES) {
      throw uncatchable("States.DataLimitExceeded", inputTooLargeCause(spec.stateName));
    }
    const task = new TaskRun(spec);
    record.openTasks.add(task);
    this.#dirty = true;
    // A result above the payload quota fails the task instead (Retry and Catch see it).
    const succeed = (result: unknown) =>
      jsonPayloadBytes(result) > MAX_PAYLOAD_BYTES
        ? task.fail(taskFailure("States.DataLimitExceeded", resultTooLargeCause(resultSubject(spec))))
        : task.succeed(result);
    if (timeoutSeconds !== undefined) {
      const at = new Date(this.#clock.now().getTime() + timeoutSeconds * 1000);
      task.cancels.add(
        this.#clock.schedule(at, `sfn ${record.name}: ${spec.stateName} timeout`, () => {
          if (task.fail(timeoutFailure("States.Timeout", `task timed out after ${timeoutSeconds} seconds`))) this.#dirty = true;
        }),
      );
    }

    switch (spec.kind) {
      case "lambda-invoke": {
        const { FunctionName, Payload } = parameters as { FunctionName?: unknown; Payload?: unknown };
        this.#invoke(FunctionName, Payload ?? {}).then(
          (payload) => succeed({ Payload: payload, StatusCode: 200 }),
          (error: Error) => task.fail(error),
        );
        break;
      }
      case "lambda-function":
        this.#invoke(spec.resource, parameters).then(
          (result) => succeed(result),
          (error: Error) => task.fail(error),
        );
        break;
      case "lambda-callback": {
        const taskToken = token ?? newTaskToken();
        task.token = taskToken;
        this.#openTokens.set(taskToken, task);
        if (heartbeatSeconds !== undefined) {
          task.heartbeatSeconds = heartbeatSeconds;
          this.#armHeartbeat(task, spec.stateName);
        }
        const { FunctionName, Payload } = parameters as { FunctionName?: unknown; Payload?: unknown };
        // The Lambda's result is not the task's; only its failure is (the callback may come first).
        this.#invoke(FunctionName, Payload ?? {}).catch((error: Error) => task.fail(error));
        break;
      }
    }

    try {
      return await task.promise;
    } finally {
      record.openTasks.delete(task);
      if (task.token) {
        this.#openTokens.delete(task.token);
        this.#closedTokens.add(task.token);
      }
    }
  }

  #armHeartbeat(task: TaskRun, stateName: string): void {
    const seconds = task.heartbeatSeconds;
    if (seconds === undefined) return;
    task.cancelHeartbeat?.();
    const at = new Date(this.#clock.now().getTime() + seconds * 1000);
    const cancel = this.#clock.schedule(at, `sfn: ${stateName} heartbeat`, () => {
      if (task.fail(timeoutFailure("States.HeartbeatTimeout", `no heartbeat for ${seconds} seconds`))) this.#dirty = true;
    });
    task.cancels.add(cancel);
    task.cancelHeartbeat = () => {
      cancel();
      task.cancels.delete(cancel);
    };
  }

  #unwrap(spec: TaskSpec, wrapped: unknown): { parameters: unknown; timeoutSeconds?: number; heartbeatSeconds?: number } {
    const fields = wrapped as Record<string, unknown>;
    const seconds = (field: "timeoutSeconds" | "heartbeatSeconds", fixed: number | undefined, path: string) => {
      const value = field in fields ? fields[field] : fixed;
      if (value === undefined) return undefined;
      if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
        throw uncatchable("States.Runtime", `state "${spec.stateName}": ${path} must be a positive integer, got ${JSON.stringify(value)}`);
      }
      return value;
    };
    return {
      parameters: fields[WRAPPED.parameters],
      timeoutSeconds: seconds(WRAPPED.timeoutSeconds, spec.timeoutSeconds, "TimeoutSeconds"),
      heartbeatSeconds: seconds(WRAPPED.heartbeatSeconds, spec.heartbeatSeconds, "HeartbeatSeconds"),
    };
  }

  async #invoke(functionName: unknown, payload: unknown): Promise<unknown> {
    if (typeof functionName !== "string") throw uncatchable("States.Runtime", "FunctionName must be a string");
    const handler = this.#lambdas.get(functionName) ?? this.#lambdaByName(functionNameOf(functionName));
    if (!handler) throw taskFailure("Lambda.ResourceNotFoundException", `Function not found: ${functionName}`);
    this.#beginWork();
    try {
      return toJson(await handler(structuredClone(payload)));
    } catch (error) {
      throw thrownToTaskFailure(error);
    } finally {
      this.#endWork();
    }
  }

  #lambdaByName(name: string): LambdaHandler | undefined {
    for (const [key, handler] of this.#lambdas) if (functionNameOf(key) === name) return handler;
    return undefined;
  }
}
