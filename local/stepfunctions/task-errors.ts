import { StateMachine, type StateMachineDefinition } from "aws-local-stepfunctions";

/**
 * Errors a task override hands to the engine. The engine matches Retry and Catch by the error's
 * `name`, reports `message` as the cause, and honours `isRetryable` / `isCatchable` when present.
 */
export function taskFailure(error: string, cause: string): Error {
  const failure = new Error(cause);
  failure.name = error;
  return failure;
}

/** A handler's throw, as AWS reports it: error = the thrown error's name, cause = its message. */
export function thrownToTaskFailure(thrown: unknown): Error {
  if (thrown instanceof Error) return taskFailure(thrown.name, thrown.message);
  return taskFailure("Error", String(thrown));
}

/** A failure no Retry or Catch may handle (like the engine's own States.Runtime). */
export function uncatchable(error: string, cause: string): Error {
  return Object.assign(taskFailure(error, cause), { isRetryable: false, isCatchable: false });
}

type ErrorClass = new () => Error;

/**
 * The engine treats `States.TaskFailed` in Retry/Catch as "any error but a timeout", and knows a
 * timeout only as an instance of its own StatesTimeoutError class, which it does not export. The
 * class is captured once per process by letting the engine time out a 1 ms task; timeouts on the
 * virtual clock are then instances of it, so Retry/Catch treat them exactly as AWS does.
 */
let timeoutClass: ErrorClass | undefined;
let capturing: Promise<void> | undefined;

export function captureEngineTimeoutError(): Promise<void> {
  capturing ??= probeEngineTimeoutError().then((found) => {
    // Without the engine's class a Catch on States.TaskFailed would also catch timeouts;
    // test/local/step-functions-engine.test.ts fails when the probe finds none.
    timeoutClass =
      found ??
      class extends Error {
        constructor() {
          super("States.Timeout");
          this.name = "States.Timeout";
        }
      };
  });
  return capturing;
}

/** The class of the error the engine fails a timed-out task with, if it is named States.Timeout. */
export async function probeEngineTimeoutError(): Promise<ErrorClass | undefined> {
  const probe = new StateMachine(
    {
      StartAt: "Probe",
      States: {
        Probe: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:000000000000:function:probe", TimeoutSeconds: 0.001, End: true },
      },
    } as StateMachineDefinition,
    { validationOptions: { noValidate: true } },
  );
  const never = new Promise<never>(() => undefined);
  const outcome: unknown = await probe
    .run({}, { overrides: { taskResourceLocalHandlers: { Probe: () => never } } })
    .result.then(
      () => undefined,
      (error: unknown) => error,
    );
  const cause = outcome instanceof Error ? outcome.cause : undefined;
  return cause instanceof Error && cause.name === "States.Timeout" ? (cause.constructor as ErrorClass) : undefined;
}

/** `States.Timeout` (TimeoutSeconds) or `States.HeartbeatTimeout` (HeartbeatSeconds), as the engine's own timeout. */
export function timeoutFailure(error: "States.Timeout" | "States.HeartbeatTimeout", cause: string): Error {
  if (!timeoutClass) throw new Error("captureEngineTimeoutError() must complete before tasks run");
  const failure = new timeoutClass();
  failure.name = error;
  failure.message = cause;
  return failure;
}
