import type { StateMachine } from "aws-local-stepfunctions";
import type { EngineEvent } from "./history";

type RunOptions = NonNullable<Parameters<StateMachine["run"]>[1]>;
type Execution = ReturnType<StateMachine["run"]>;

interface EventLogger {
  dispatch(event: EngineEvent): void;
  isLoggerClosed: boolean;
}

type Execute = (input: unknown, options: { eventLogger?: Partial<EventLogger> }, cleanup: unknown) => Promise<unknown>;

const ENGINE_CHANGED =
  "aws-local-stepfunctions no longer runs as local/stepfunctions/observed-run.ts expects (StateMachine#execute with options.eventLogger.dispatch); see the section on the engine in local/stepfunctions/README.md";

/**
 * Runs the engine with each of its events handed to `onEvent` at the moment the engine dispatches
 * it, instead of through `eventLogs` (an async generator that a reader drains later, while the
 * engine has moved on). Seeing each event as it happens lets the endpoint stop an execution at
 * the event where AWS stops it: the engine checks its abort signal after every state, so an abort
 * from inside `onEvent` ends the run before the next state is entered, and no further Lambda is
 * invoked.
 *
 * The engine (3.x) creates one event logger per run and passes it to its private
 * `execute(input, options, cleanup)`; that method is wrapped on this instance to replace the
 * logger's `dispatch`. Events of Map iterations and Parallel branches reach the same `dispatch`,
 * forwarded from their own loggers (a little later, as before). `eventLogs` is then never read
 * and stays empty.
 */
export function runObserved(engine: StateMachine, input: unknown, options: RunOptions, onEvent: (event: EngineEvent) => void): Execution {
  const execute = (engine as unknown as { execute?: Execute }).execute;
  if (typeof execute !== "function") throw new Error(ENGINE_CHANGED);
  const observed: Execute = function (this: unknown, runInput, runOptions, cleanup) {
    const logger = runOptions.eventLogger;
    if (!logger || typeof logger.dispatch !== "function") throw new Error(ENGINE_CHANGED);
    logger.dispatch = (event: EngineEvent) => {
      if (!logger.isLoggerClosed) onEvent(event);
    };
    return execute.call(this, runInput, runOptions, cleanup);
  };
  Object.defineProperty(engine, "execute", { value: observed, configurable: true });
  return engine.run(input as never, options);
}
