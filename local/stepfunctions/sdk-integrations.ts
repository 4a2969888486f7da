import { taskFailure, uncatchable } from "./task-errors";
import type { WorkTracker } from "./work";

/**
 * In-process handlers for AWS SDK service integrations (`arn:aws:states:::aws-sdk:<service>:<action>`,
 * with or without `.waitForTaskToken`). A handler gets the task's Parameters as the service's API
 * takes them (PascalCase, as Step Functions passes them) and answers as the API does; a thrown
 * error fails the task with the name Step Functions gives it, `<Service>.<ErrorName>`
 * ("DynamoDb.ConditionalCheckFailedException"). Only the integrations bound here run locally.
 */
export type SdkHandler = (parameters: unknown) => Promise<unknown>;

/** How Step Functions spells each service in an SDK integration's error names. */
const errorPrefixes: Record<string, string> = { dynamodb: "DynamoDb" };

export class SdkIntegrations {
  readonly #handlers = new Map<string, SdkHandler>();
  readonly #work: WorkTracker;

  constructor(work: WorkTracker) {
    this.#work = work;
  }

  /** Binds `aws-sdk:<service>:<action>` to a handler. */
  add(service: string, action: string, handler: SdkHandler): void {
    if (!(service in errorPrefixes)) throw new Error(`aws-sdk:${service} has no local error naming (known: ${Object.keys(errorPrefixes).join(", ")})`);
    this.#handlers.set(`${service}:${action}`, handler);
  }

  async call(service: string, action: string, parameters: unknown): Promise<unknown> {
    const handler = this.#handlers.get(`${service}:${action}`);
    if (!handler) throw uncatchable("States.Runtime", `aws-sdk:${service}:${action} is not bound locally`);
    // A call in flight keeps the clock from moving on.
    this.#work.begin();
    try {
      const result = await handler(structuredClone(parameters));
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    } catch (error) {
      const name = error instanceof Error ? error.name : "Error";
      // Step Functions adds the suffix where the service's own name lacks it.
      const errorName = name.endsWith("Exception") ? name : `${name}Exception`;
      throw taskFailure(`${errorPrefixes[service]}.${errorName}`, error instanceof Error ? error.message : String(error));
    } finally {
      this.#work.end();
    }
  }
}
