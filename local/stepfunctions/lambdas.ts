import { taskFailure, thrownToTaskFailure, uncatchable } from "./task-errors";
import type { WorkTracker } from "./work";

/**
 * The in-process handlers Lambda tasks are bound to, found as AWS finds a function: by ARN, by
 * name, or by a partial ARN.
 */
export type LambdaHandler = (event: unknown) => Promise<unknown>;

export class Lambdas {
  readonly #handlers = new Map<string, LambdaHandler>();
  readonly #work: WorkTracker;

  constructor(work: WorkTracker) {
    this.#work = work;
  }

  /** Binds a handler to a Lambda function ARN (or name). */
  add(arnOrName: string, handler: LambdaHandler): void {
    this.#handlers.set(arnOrName, handler);
  }

  /**
   * Invokes as Lambda does: the handler gets its own copy of the payload and its result comes back
   * as JSON; a throw becomes the task's failure, error = the thrown error's name.
   */
  async invoke(functionName: unknown, payload: unknown): Promise<unknown> {
    if (typeof functionName !== "string") throw uncatchable("States.Runtime", "FunctionName must be a string");
    const handler = this.#handlers.get(functionName) ?? this.#byName(functionNameOf(functionName));
    if (!handler) throw taskFailure("Lambda.ResourceNotFoundException", `Function not found: ${functionName}`);
    // An invocation in flight keeps the clock from moving on.
    this.#work.begin();
    try {
      return toJson(await handler(structuredClone(payload)));
    } catch (error) {
      throw thrownToTaskFailure(error);
    } finally {
      this.#work.end();
    }
  }

  #byName(name: string): LambdaHandler | undefined {
    for (const [key, handler] of this.#handlers) if (functionNameOf(key) === name) return handler;
    return undefined;
  }
}

/** The function name in a full or partial ARN, a version or alias dropped; anything else is taken as a name. */
function functionNameOf(reference: string): string {
  const match = /^(?:arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:|\d{12}:function:)?([\w-]+)(?::[\w$-]+)?$/.exec(reference);
  return match ? match[1] : reference;
}

const toJson = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));
