import type { VirtualClock } from "../clock/virtual-clock";
import type { TaskSpec } from "./definition";
import { timeoutFailure } from "./task-errors";
import type { WorkTracker } from "./work";

type Outcome = { ok: true; value: unknown } | { ok: false; error: Error };

/**
 * One attempt of one Task state: settles once, by its result, a failure, a timeout or the
 * execution closing, whichever comes first; the others then find it settled.
 *
 * Its TimeoutSeconds and HeartbeatSeconds are timers on the virtual clock, not the engine's: the
 * engine would time out in real time, after 60 s when no TimeoutSeconds is given, and overflow
 * Node's setTimeout above 2^31 ms. The timers end with the attempt.
 */
export class TaskRun {
  /** A callback task's token (`$$.Task.Token`). */
  token?: string;
  readonly promise: Promise<unknown>;
  #settled = false;
  #settle!: (outcome: Outcome) => void;
  readonly #timers = new Set<() => void>();
  #heartbeat?: { seconds: number; label: string; cancel?: () => void };
  readonly #clock: VirtualClock;
  readonly #work: WorkTracker;

  constructor(
    readonly spec: TaskSpec,
    clock: VirtualClock,
    work: WorkTracker,
  ) {
    this.#clock = clock;
    this.#work = work;
    this.promise = new Promise<Outcome>((resolve) => (this.#settle = resolve)).then((outcome) => {
      if (outcome.ok) return outcome.value;
      throw outcome.error;
    });
  }

  /** False when the attempt had settled already. */
  succeed(value: unknown): boolean {
    return this.#finish({ ok: true, value });
  }

  /** False when the attempt had settled already. */
  fail(error: Error): boolean {
    return this.#finish({ ok: false, error });
  }

  /** TimeoutSeconds: the attempt fails with States.Timeout when the clock gets there. */
  startTimeout(seconds: number, label: string): void {
    this.#startTimer(seconds, label, () => timeoutFailure("States.Timeout", `task timed out after ${seconds} seconds`));
  }

  /** HeartbeatSeconds: the attempt fails with States.HeartbeatTimeout unless a heartbeat comes sooner. */
  startHeartbeat(seconds: number, label: string): void {
    this.#heartbeat = { seconds, label };
    this.heartbeat();
  }

  /** SendTaskHeartbeat: the heartbeat timer starts over (nothing to do without HeartbeatSeconds). */
  heartbeat(): void {
    const heartbeat = this.#heartbeat;
    if (!heartbeat) return;
    heartbeat.cancel?.();
    heartbeat.cancel = this.#startTimer(heartbeat.seconds, heartbeat.label, () =>
      timeoutFailure("States.HeartbeatTimeout", `no heartbeat for ${heartbeat.seconds} seconds`),
    );
  }

  #startTimer(seconds: number, label: string, failure: () => Error): () => void {
    const at = new Date(this.#clock.now().getTime() + seconds * 1000);
    const cancel = this.#clock.schedule(at, label, () => {
      if (this.fail(failure())) this.#work.progressed();
    });
    this.#timers.add(cancel);
    return () => {
      cancel();
      this.#timers.delete(cancel);
    };
  }

  #finish(outcome: Outcome): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    for (const cancel of this.#timers) cancel();
    this.#timers.clear();
    this.#settle(outcome);
    return true;
  }
}
