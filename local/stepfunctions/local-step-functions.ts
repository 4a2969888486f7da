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
 * Where it differs from AWS, and why, is listed in README.md beside this file.
 */
import { randomUUID } from "node:crypto";
import type { VirtualClock } from "../clock/virtual-clock";
import { substitute } from "./definition";
import { EngineRuns } from "./engine-run";
import { SfnError } from "./errors";
import {
  type ExecutionDescription,
  type ExecutionListItem,
  Executions,
  type ExecutionStatus,
  type StateMachineForExecution,
} from "./executions";
import { serveStepFunctions } from "./http-endpoint";
import { type LambdaHandler, Lambdas } from "./lambdas";
import { type SdkHandler, SdkIntegrations } from "./sdk-integrations";
import { MAX_PAYLOAD_BYTES, payloadBytes, tooLongMessage } from "./limits";
import { checkName } from "./names";
import { type StateMachineDescription, type StateMachineListItem, StateMachines } from "./state-machines";
import { captureEngineTimeoutError, taskFailure } from "./task-errors";
import { TaskTokens } from "./task-tokens";
import { WorkTracker } from "./work";

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

export class LocalStepFunctions {
  readonly region: string;
  readonly accountId: string;
  readonly #clock: VirtualClock;
  readonly #work = new WorkTracker();
  readonly #lambdas = new Lambdas(this.#work);
  readonly #sdk = new SdkIntegrations(this.#work);
  readonly #tokens = new TaskTokens();
  readonly #machines: StateMachines;
  readonly #executions: Executions;
  readonly #engine: EngineRuns;
  readonly #leaveClock: () => void;

  constructor(options: LocalStepFunctionsOptions) {
    this.#clock = options.clock;
    this.region = options.region;
    this.accountId = options.accountId ?? "000000000000";
    const { region, accountId } = this;
    const clock = this.#clock;
    const work = this.#work;
    this.#machines = new StateMachines({ region, accountId, clock, validateDefinitions: options.validateDefinitions ?? true });
    this.#executions = new Executions({ region, accountId, clock, work });
    this.#engine = new EngineRuns(this.#executions, { clock, work, lambdas: this.#lambdas, sdk: this.#sdk, tokens: this.#tokens });
    for (const [arn, handler] of Object.entries(options.lambdas ?? {})) this.addLambda(arn, handler);
    this.#leaveClock = clock.addQuiescenceSource(() => this.idle());
  }

  /** Replaces `${Key}` placeholders in a definition, as CDK's definitionSubstitutions does. */
  static substitute = substitute;

  /** Binds a handler to a Lambda function ARN (or name); tasks find it by ARN or function name. */
  addLambda(arnOrName: string, handler: LambdaHandler): void {
    this.#lambdas.add(arnOrName, handler);
  }

  /**
   * Binds an AWS SDK service integration (`arn:aws:states:::aws-sdk:<service>:<action>`) to a
   * handler that answers as the service's API does, for example DynamoDB Local's.
   */
  addSdkIntegration(service: string, action: string, handler: SdkHandler): void {
    this.#sdk.add(service, action, handler);
  }

  /**
   * Creates the state machine, or replaces its definition (running executions keep theirs), as
   * CreateStateMachine and UpdateStateMachine would. `roleArn` is only reported (DescribeStateMachine).
   */
  createStateMachine(name: string, definition: object | string, options: { roleArn?: string } = {}): string {
    return this.#machines.create(name, definition, options);
  }

  /** In creation order. */
  async listStateMachines(request: { maxResults?: number; nextToken?: string } = {}): Promise<{
    stateMachines: StateMachineListItem[];
    nextToken?: string;
  }> {
    return this.#machines.list(request);
  }

  async describeStateMachine(request: { stateMachineArn: string }): Promise<StateMachineDescription> {
    return this.#machines.describe(request.stateMachineArn);
  }

  async describeStateMachineForExecution(request: { executionArn: string }): Promise<StateMachineForExecution> {
    return this.#executions.describeStateMachineFor(request.executionArn);
  }

  async startExecution(request: { stateMachineArn: string; name?: string; input?: string }): Promise<{ executionArn: string; startDate: Date }> {
    // Once per process, before any task can time out (see task-errors.ts).
    await captureEngineTimeoutError();
    const input = request.input ?? "{}";
    if (payloadBytes(input) > MAX_PAYLOAD_BYTES) throw new SfnError("ValidationException", tooLongMessage("input"));
    const machine = this.#machines.get(request.stateMachineArn);
    const name = request.name ?? randomUUID();
    checkName("execution", name);
    const inputValue = parseJson(input, () => new SfnError("InvalidExecutionInput", "input is not valid JSON"));
    const { record, started } = this.#executions.start(machine, name, input);
    if (started) this.#engine.start(record, machine.prepared, inputValue);
    return { executionArn: record.executionArn, startDate: record.startDate };
  }

  async describeExecution(request: { executionArn: string }): Promise<ExecutionDescription> {
    return this.#executions.describe(request.executionArn);
  }

  /** Newest first, as AWS lists them. */
  async listExecutions(request: {
    stateMachineArn: string;
    statusFilter?: ExecutionStatus;
    maxResults?: number;
    nextToken?: string;
  }): Promise<{ executions: ExecutionListItem[]; nextToken?: string }> {
    // An unknown state machine is StateMachineDoesNotExist, not an empty list.
    this.#machines.get(request.stateMachineArn);
    return this.#executions.list(request.stateMachineArn, request);
  }

  async stopExecution(request: { executionArn: string; error?: string; cause?: string }): Promise<{ stopDate: Date }> {
    return this.#executions.stop(request.executionArn, { error: request.error, cause: request.cause });
  }

  async getExecutionHistory(request: {
    executionArn: string;
    maxResults?: number;
    reverseOrder?: boolean;
    nextToken?: string;
  }): Promise<{ events: Record<string, unknown>[]; nextToken?: string }> {
    return this.#executions.history(request);
  }

  async sendTaskSuccess(request: { taskToken: string; output: string }): Promise<void> {
    if (payloadBytes(request.output) > MAX_PAYLOAD_BYTES) throw new SfnError("ValidationException", tooLongMessage("output"));
    const task = this.#tokens.find(request.taskToken);
    const output = parseJson(request.output, () => new SfnError("InvalidOutput", "output is not valid JSON"));
    task.succeed(output);
    this.#work.progressed();
  }

  async sendTaskFailure(request: { taskToken: string; error?: string; cause?: string }): Promise<void> {
    const task = this.#tokens.find(request.taskToken);
    task.fail(taskFailure(request.error ?? "", request.cause ?? ""));
    this.#work.progressed();
  }

  async sendTaskHeartbeat(request: { taskToken: string }): Promise<void> {
    this.#tokens.find(request.taskToken).heartbeat();
  }

  /** Number of history events so far (what AWS caps at 25,000 per execution). */
  historyEventCount(executionArn: string): number {
    return this.#executions.get(executionArn).history.length;
  }

  /**
   * Resolves when every execution is parked on a callback or timer, or finished: no Lambda
   * invocation, start or request in flight, and the engine has run on as far as it can.
   */
  idle(): Promise<void> {
    return this.#work.idle();
  }

  /** Serves the AWS JSON 1.0 protocol on loopback for `@aws-sdk/client-sfn`. */
  listen(port: number, host = "127.0.0.1"): Promise<{ endpoint: string; close(): Promise<void> }> {
    return serveStepFunctions(this, { port, host, onRequest: () => this.#work.begin(), onResponse: () => this.#work.end() });
  }

  /**
   * Aborts every running execution, releasing its timers, and stops taking part in the clock's
   * settling (for shutdown and between tests).
   */
  async close(): Promise<void> {
    for (const record of this.#executions.running()) {
      this.#executions.close(record, "ABORTED", { error: "Local.Shutdown", cause: "the local endpoint closed" });
    }
    await this.idle();
    this.#leaveClock();
  }
}

function parseJson(text: string, onError: () => SfnError): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw onError();
  }
}
