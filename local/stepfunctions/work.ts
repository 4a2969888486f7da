/**
 * When the endpoint is idle, for the virtual clock: the clock moves on to its next timer only once
 * every execution is parked (on a callback or a timer) or finished. Two things keep it from idle:
 * work in flight (a Lambda invocation, a start, an HTTP request), counted by begin/end, and
 * progress the engine has not yet acted on (a task settled, an execution closed), which the engine
 * runs on in microtasks.
 */
export class WorkTracker {
  #busy = 0;
  #waiters: (() => void)[] = [];
  /** Something happened that lets the engine run on since idle() last flushed. */
  #progressed = false;

  begin(): void {
    this.#busy++;
  }

  end(): void {
    this.#busy--;
    this.#progressed = true;
    if (this.#busy === 0) {
      const waiters = this.#waiters;
      this.#waiters = [];
      for (const wake of waiters) wake();
    }
  }

  /** Marks that the engine can run on (a task settled, an execution closed). */
  progressed(): void {
    this.#progressed = true;
  }

  /** Resolves when nothing is in flight and the engine has run on as far as it can. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.#busy > 0) {
        await new Promise<void>((resolve) => this.#waiters.push(resolve));
        continue;
      }
      if (!this.#progressed) return;
      this.#progressed = false;
      // The engine moves between states in microtasks; one macrotask turn lets it run until it parks.
      await nextTurn();
    }
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
