import { StateMachine, type StateMachineDefinition } from "aws-local-stepfunctions";
import { SfnError } from "./errors";

/**
 * Turns an ASL definition, as AWS runs it, into the definition the local engine runs. The file
 * in workflows/ is never changed; these adaptations are applied to a copy (README.md beside this
 * file says why each exists):
 *
 * - every Task gets a huge engine timeout (the endpoint owns timeouts on the virtual clock) and
 *   its Parameters are wrapped so the endpoint also receives TimeoutSecondsPath and
 *   HeartbeatSecondsPath evaluated against the state input;
 * - the top-level TimeoutSeconds is removed (the endpoint times executions out on the clock);
 * - context paths the engine fills from the real clock or not at all (`$$.Execution…`,
 *   `$$.State…`) are pointed at objects the endpoint fills (`$$.LocalExecution…`,
 *   `$$.LocalStates[i]…`).
 */

export type TaskKind = "lambda-invoke" | "lambda-callback" | "lambda-function" | "sdk" | "sdk-callback";

export interface TaskSpec {
  stateName: string;
  kind: TaskKind;
  resource: string;
  /** An SDK integration's service and API action ("dynamodb", "updateItem"). */
  sdk?: { service: string; action: string };
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
}

export interface PreparedDefinition {
  engineDefinition: StateMachineDefinition;
  /** Task states by name (names are unique across the whole machine, nested ones included). */
  tasks: Map<string, TaskSpec>;
  /** States with a Retry field: their pauses are overridden to take no time. */
  retryStates: string[];
  /** Names of all states, in the order `$$.LocalStates[i]` indexes them. */
  stateNames: string[];
  /** Names of the top-level states (not those inside Map iterations or Parallel branches). */
  topLevelStateNames: ReadonlySet<string>;
  executionTimeoutSeconds?: number;
}

/** Keys of the wrapper the endpoint's task override unwraps. */
export const WRAPPED = { parameters: "parameters", timeoutSeconds: "timeoutSeconds", heartbeatSeconds: "heartbeatSeconds" } as const;

/** Below 2^31 ms, so Node's setTimeout in the engine neither overflows nor fires in practice (24.8 days of real time). */
export const ENGINE_TASK_TIMEOUT_SECONDS = 2_147_483;

const LAMBDA_FUNCTION_ARN = /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/;
const SDK_INTEGRATION = /^arn:aws:states:::aws-sdk:([a-z0-9]+):([a-zA-Z0-9]+)(\.waitForTaskToken)?$/;
const SUPPORTED_RESOURCES =
  "arn:aws:states:::lambda:invoke, arn:aws:states:::lambda:invoke.waitForTaskToken, a Lambda function ARN, or arn:aws:states:::aws-sdk:<service>:<action>[.waitForTaskToken]";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const invalid = (message: string) => new SfnError("InvalidDefinition", message);

function taskKind(stateName: string, resource: unknown): TaskKind {
  if (resource === "arn:aws:states:::lambda:invoke") return "lambda-invoke";
  if (resource === "arn:aws:states:::lambda:invoke.waitForTaskToken") return "lambda-callback";
  if (typeof resource === "string" && LAMBDA_FUNCTION_ARN.test(resource)) return "lambda-function";
  const sdk = typeof resource === "string" ? SDK_INTEGRATION.exec(resource) : null;
  if (sdk) return sdk[3] ? "sdk-callback" : "sdk";
  throw invalid(`state "${stateName}": resource ${String(resource)} is not supported locally (supported: ${SUPPORTED_RESOURCES})`);
}

function sdkOf(resource: string): { service: string; action: string } {
  const [, service, action] = SDK_INTEGRATION.exec(resource)!;
  return { service, action };
}

/** Context Object paths the engine cannot fill faithfully, redirected to objects the endpoint fills. */
function redirectContextPaths(path: string, stateIndex: number): string {
  return path
    .replace(/\$\$\.Execution(?![\w$])/g, () => "$$.LocalExecution")
    .replace(/\$\$\.State(?![\w$])/g, () => `$$.LocalStates[${stateIndex}]`);
}

/** Rewrites path-valued strings of one state (not of the machines nested in Map/Parallel). */
function rewritePaths(value: Json, key: string, stateIndex: number): Json {
  if (typeof value === "string") {
    const isPath = key.endsWith(".$") || key.endsWith("Path") || key === "Variable";
    return isPath ? redirectContextPaths(value, stateIndex) : value;
  }
  if (Array.isArray(value)) return value.map((item) => rewritePaths(item, key, stateIndex));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewritePaths(v, k, stateIndex)]));
  }
  return value;
}

const NESTED_MACHINE_KEYS = new Set(["ItemProcessor", "Iterator", "Branches"]);
const UNSUPPORTED_FIELDS = ["Assign", "Arguments", "Output", "Credentials", "ItemReader", "ResultWriter", "ItemBatcher"];

/**
 * Validation results by definition text. The engine's validator (asl-validator) builds its JSON
 * schemas anew on every call, a few hundred milliseconds each; the same workflow definitions are
 * created again and again (every test, every start of the local runtime), so results are kept.
 */
const validated = new Map<string, string | undefined>();

/** Runs the engine's own validator: whatever it accepts, the engine can run. */
function validate(text: string): void {
  if (!validated.has(text)) {
    let problem: string | undefined;
    try {
      // The validator writes defaults into the definition it checks, so it gets its own copy.
      new StateMachine(JSON.parse(text) as StateMachineDefinition);
    } catch (error) {
      problem = (error as Error).message;
    }
    validated.set(text, problem);
  }
  const problem = validated.get(text);
  if (problem !== undefined) throw invalid(problem);
}

export interface PrepareOptions {
  /** Validate with the engine's validator first (default true). */
  validate?: boolean;
}

export function prepareDefinition(definition: object | string, options: PrepareOptions = {}): PreparedDefinition {
  let parsed: unknown;
  let text: string;
  try {
    text = typeof definition === "string" ? definition : JSON.stringify(definition);
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid(`definition is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed) || typeof parsed.StartAt !== "string" || !isObject(parsed.States)) {
    throw invalid("definition must be an object with StartAt and States");
  }

  const tasks = new Map<string, TaskSpec>();
  const retryStates: string[] = [];
  const stateNames: string[] = [];

  const adaptMachine = (machine: JsonObject, where: string): JsonObject => {
    if (!isObject(machine) || !isObject(machine.States)) throw invalid(`${where}: a state machine needs StartAt and States`);
    if (machine.QueryLanguage === "JSONata") throw invalid(`${where}: JSONata is not supported locally; use JSONPath`);
    const adapted: JsonObject = {};
    for (const [stateName, state] of Object.entries(machine.States)) {
      if (!isObject(state)) throw invalid(`state "${stateName}" must be an object`);
      adapted[stateName] = adaptState(stateName, state);
    }
    return { ...machine, States: adapted };
  };

  const adaptState = (stateName: string, state: JsonObject): JsonObject => {
    const stateIndex = stateNames.push(stateName) - 1;
    if (state.Type === "Wait") {
      throw invalid(`state "${stateName}": Wait states are not supported locally; wait in a callback task with TimeoutSeconds instead`);
    }
    if (state.QueryLanguage === "JSONata") throw invalid(`state "${stateName}": JSONata is not supported locally; use JSONPath`);
    const unsupported = UNSUPPORTED_FIELDS.find((field) => field in state);
    if (unsupported) throw invalid(`state "${stateName}": field ${unsupported} is not supported locally`);
    if (isObject(state.ItemProcessor) && isObject(state.ItemProcessor.ProcessorConfig)) {
      if (state.ItemProcessor.ProcessorConfig.Mode === "DISTRIBUTED") {
        throw invalid(`state "${stateName}": distributed Map is not supported locally; use an inline Map`);
      }
    }
    if (Array.isArray(state.Retry)) retryStates.push(stateName);

    const own: JsonObject = {};
    const nested: JsonObject = {};
    for (const [key, value] of Object.entries(state)) {
      if (NESTED_MACHINE_KEYS.has(key)) nested[key] = value;
      else own[key] = value;
    }
    let result = rewritePaths(own, "", stateIndex) as JsonObject;

    if (state.Type === "Task") result = adaptTask(stateName, result);
    for (const [key, value] of Object.entries(nested)) {
      result[key] = Array.isArray(value)
        ? value.map((branch, i) => adaptMachine(branch as JsonObject, `state "${stateName}" branch ${i}`))
        : adaptMachine(value as JsonObject, `state "${stateName}"`);
    }
    return result;
  };

  const adaptTask = (stateName: string, state: JsonObject): JsonObject => {
    const kind = taskKind(stateName, state.Resource);
    const { TimeoutSeconds, TimeoutSecondsPath, HeartbeatSeconds, HeartbeatSecondsPath, Parameters, ...rest } = state;
    tasks.set(stateName, {
      stateName,
      kind,
      resource: state.Resource as string,
      ...(kind === "sdk" || kind === "sdk-callback" ? { sdk: sdkOf(state.Resource as string) } : {}),
      timeoutSeconds: typeof TimeoutSeconds === "number" ? TimeoutSeconds : undefined,
      heartbeatSeconds: typeof HeartbeatSeconds === "number" ? HeartbeatSeconds : undefined,
    });
    // Parameters are evaluated against the state input, so timeout paths placed beside them are too.
    const wrapper: JsonObject = Parameters === undefined ? { [`${WRAPPED.parameters}.$`]: "$" } : { [WRAPPED.parameters]: Parameters };
    if (typeof TimeoutSecondsPath === "string") wrapper[`${WRAPPED.timeoutSeconds}.$`] = TimeoutSecondsPath;
    if (typeof HeartbeatSecondsPath === "string") wrapper[`${WRAPPED.heartbeatSeconds}.$`] = HeartbeatSecondsPath;
    return { ...rest, Parameters: wrapper, TimeoutSeconds: ENGINE_TASK_TIMEOUT_SECONDS };
  };

  const { TimeoutSeconds, ...top } = adaptMachine(parsed, "definition");
  // After the local checks, which are cheap and name what to change.
  if (options.validate !== false) validate(text);
  return {
    engineDefinition: top as unknown as StateMachineDefinition,
    tasks,
    retryStates,
    stateNames,
    topLevelStateNames: new Set(Object.keys(parsed.States)),
    executionTimeoutSeconds: typeof TimeoutSeconds === "number" ? TimeoutSeconds : undefined,
  };
}

/** Replaces `${Key}` placeholders, as CDK's definitionSubstitutions does; an unknown key is an error. */
export function substitute(definition: string, values: Record<string, string>): string {
  return definition.replace(/\$\{([^}]+)\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`no substitution for \${${key}}`);
    return values[key];
  });
}
