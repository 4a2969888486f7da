import type { VirtualClock } from "../clock/virtual-clock";
import { type TaskSpec, WRAPPED } from "./definition";
import type { ExecutionRecord } from "./executions";
import type { Lambdas } from "./lambdas";
import type { SdkIntegrations } from "./sdk-integrations";
import { inputTooLargeCause, jsonPayloadBytes, MAX_PAYLOAD_BYTES, resultTooLargeCause } from "./limits";
import { taskFailure, uncatchable } from "./task-errors";
import { TaskRun } from "./task-run";
import { newTaskToken, type TaskTokens } from "./task-tokens";
import type { WorkTracker } from "./work";

export interface TaskStateServices {
  clock: VirtualClock;
  work: WorkTracker;
  lambdas: Lambdas;
  sdk: SdkIntegrations;
  tokens: TaskTokens;
}

/**
 * One attempt of a Task state, in place of the engine's own task code (the engine calls it as a
 * task override, with the state's Parameters evaluated and wrapped; see definition.ts). The
 * engine has no `.waitForTaskToken`: a callback task's Lambda gets a token and the task completes
 * on SendTaskSuccess / SendTaskFailure, or times out on the virtual clock.
 */
export async function runTaskState(services: TaskStateServices, record: ExecutionRecord, spec: TaskSpec, wrapped: unknown): Promise<unknown> {
  const { clock, work, lambdas, sdk, tokens } = services;
  // Taken synchronously: the engine evaluated this task's Parameters (reading $$.Task.Token) just now.
  const token = record.pendingToken;
  record.pendingToken = undefined;
  if (record.status !== "RUNNING") throw uncatchable("States.Runtime", "the execution is closed");

  const { parameters, timeoutSeconds, heartbeatSeconds } = unwrap(spec, wrapped);
  if (jsonPayloadBytes(parameters) > MAX_PAYLOAD_BYTES) {
    throw uncatchable("States.DataLimitExceeded", inputTooLargeCause(spec.stateName));
  }
  const task = new TaskRun(spec, clock, work);
  record.openTasks.add(task);
  work.progressed();
  // A result above the payload quota fails the task instead (Retry and Catch see it).
  const succeed = (result: unknown) =>
    jsonPayloadBytes(result) > MAX_PAYLOAD_BYTES
      ? task.fail(taskFailure("States.DataLimitExceeded", resultTooLargeCause(resultSubject(spec))))
      : task.succeed(result);
  if (timeoutSeconds !== undefined) task.startTimeout(timeoutSeconds, `sfn ${record.name}: ${spec.stateName} timeout`);

  switch (spec.kind) {
    case "lambda-invoke": {
      const { FunctionName, Payload } = parameters as { FunctionName?: unknown; Payload?: unknown };
      lambdas.invoke(FunctionName, Payload ?? {}).then(
        (payload) => succeed({ Payload: payload, StatusCode: 200 }),
        (error: Error) => task.fail(error),
      );
      break;
    }
    case "lambda-function":
      lambdas.invoke(spec.resource, parameters).then(
        (result) => succeed(result),
        (error: Error) => task.fail(error),
      );
      break;
    case "lambda-callback": {
      task.token = token ?? newTaskToken();
      tokens.open(task.token, task);
      if (heartbeatSeconds !== undefined) task.startHeartbeat(heartbeatSeconds, `sfn: ${spec.stateName} heartbeat`);
      const { FunctionName, Payload } = parameters as { FunctionName?: unknown; Payload?: unknown };
      // The Lambda's result is not the task's; only its failure is (the callback may come first).
      lambdas.invoke(FunctionName, Payload ?? {}).catch((error: Error) => task.fail(error));
      break;
    }
    case "sdk":
      sdk.call(spec.sdk!.service, spec.sdk!.action, parameters).then(
        (result) => succeed(result),
        (error: Error) => task.fail(error),
      );
      break;
    case "sdk-callback":
      task.token = token ?? newTaskToken();
      tokens.open(task.token, task);
      if (heartbeatSeconds !== undefined) task.startHeartbeat(heartbeatSeconds, `sfn: ${spec.stateName} heartbeat`);
      // As with a Lambda: the call's answer is not the task's result; only its failure is.
      sdk.call(spec.sdk!.service, spec.sdk!.action, parameters).catch((error: Error) => task.fail(error));
      break;
  }

  try {
    return await task.promise;
  } finally {
    record.openTasks.delete(task);
    if (task.token) tokens.close(task.token);
  }
}

/** How a task's resource is named in States.DataLimitExceeded's cause (as AWS names it). */
const resultSubject = (spec: TaskSpec) => (spec.kind === "lambda-function" ? spec.resource : spec.sdk ? spec.sdk.service : "lambda");

/**
 * The Parameters, and the timeouts: TimeoutSecondsPath / HeartbeatSecondsPath evaluated beside the
 * Parameters (so from the state input after InputPath), else the fixed TimeoutSeconds /
 * HeartbeatSeconds.
 */
function unwrap(spec: TaskSpec, wrapped: unknown): { parameters: unknown; timeoutSeconds?: number; heartbeatSeconds?: number } {
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
