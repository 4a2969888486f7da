import { randomUUID } from "node:crypto";
import { SfnError } from "./errors";
import type { TaskRun } from "./task-run";

/** Opaque like AWS's tokens; the prefix lets a malformed token be told from an unknown one. */
const TOKEN_PREFIX = "local-task-token:";
const TOKEN_PATTERN = /^local-task-token:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const newTaskToken = (): string => `${TOKEN_PREFIX}${randomUUID()}`;

/**
 * The tokens of callback tasks, for SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat. A
 * token stays known after its task closes, so that a late callback is answered TaskTimedOut, as
 * AWS answers it, rather than TaskDoesNotExist.
 */
export class TaskTokens {
  readonly #open = new Map<string, TaskRun>();
  readonly #closed = new Set<string>();

  open(token: string, task: TaskRun): void {
    this.#open.set(token, task);
  }

  close(token: string): void {
    this.#open.delete(token);
    this.#closed.add(token);
  }

  /** The open task of a token, or the API's error for a malformed, unknown or closed one. */
  find(token: string): TaskRun {
    if (!TOKEN_PATTERN.test(token)) throw new SfnError("InvalidToken", "Invalid Token");
    const task = this.#open.get(token);
    if (task) return task;
    if (this.#closed.has(token)) throw new SfnError("TaskTimedOut", "Task Timed Out: the task of this token is closed");
    throw new SfnError("TaskDoesNotExist", "Task Does Not Exist");
  }
}
