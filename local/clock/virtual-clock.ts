import type { Clock } from "../../core/clock";

/**
 * The local runtime's time. It runs at real speed by default, N times faster with `speed: N`, or
 * stands still with `speed: 0` (tests). Work that must happen at an instant (a callback timeout,
 * a schedule) is registered as a timer; the clock never jumps past a due timer: `advance` moves
 * to the earliest due timer, fires it with `now()` equal to its instant, waits until every
 * quiescence source is idle (executions parked, sends done), and repeats up to the target.
 *
 * While a timer fires (in `advance` or while ticking) time stands still at the timer's instant,
 * so the work it triggers sees one consistent "now" however long it takes in real time.
 */
export interface VirtualClockOptions {
  /** Virtual instant at construction; default the real current time. */
  start?: Date;
  /** Virtual milliseconds per real millisecond; 0 freezes the clock. Default 1. */
  speed?: number;
  /** Where errors of timers fired by ticking go (there is no caller to reject); default console.error. */
  onTimerError?: (error: unknown, label: string) => void;
}

export interface Duration {
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
}

export interface PendingTimer {
  at: Date;
  label: string;
}

interface Timer {
  seq: number;
  at: number;
  label: string;
  fire: () => void | Promise<void>;
}

/** setTimeout overflows above 2^31-1 ms; ticking re-checks at least this often. */
const MAX_REAL_DELAY_MS = 60_000;
/** A settle that needs more passes than this is a loop of work that never parks. */
const MAX_SETTLE_PASSES = 1_000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const realMs = () => performance.now();

export const durationMs = ({ days = 0, hours = 0, minutes = 0, seconds = 0 }: Duration): number =>
  (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;

export class VirtualClock implements Clock {
  #base: number;
  #anchor = realMs();
  #speed: number;
  /** Set while timers fire: time stands at this instant. */
  #held: number | undefined;
  /** Sorted by instant, then by scheduling order. */
  #timers: Timer[] = [];
  #seq = 0;
  #sources = new Set<() => Promise<void>>();
  #queue: Promise<unknown> = Promise.resolve();
  #ticking = false;
  #tickHandle: NodeJS.Timeout | undefined;
  #tickQueued = false;
  #onTimerError: (error: unknown, label: string) => void;

  constructor(options: VirtualClockOptions = {}) {
    const speed = options.speed ?? 1;
    if (!(speed >= 0) || !Number.isFinite(speed)) throw new RangeError(`clock speed must be a finite number >= 0, got ${speed}`);
    this.#speed = speed;
    this.#base = (options.start ?? new Date()).getTime();
    this.#onTimerError =
      options.onTimerError ?? ((error, label) => console.error(`virtual clock: timer "${label}" failed`, error));
  }

  now(): Date {
    return new Date(this.#nowMs());
  }

  get speed(): number {
    return this.#speed;
  }

  /** Changes the speed from now on; time so far is kept. */
  setSpeed(speed: number): void {
    if (!(speed >= 0) || !Number.isFinite(speed)) throw new RangeError(`clock speed must be a finite number >= 0, got ${speed}`);
    this.#rebase(this.#nowMs());
    this.#speed = speed;
    this.#armTick();
  }

  /**
   * Runs `fire` when virtual time reaches `at` (at once on the next advance or tick if `at` is
   * already past). Timers at the same instant fire in scheduling order. Returns a cancel function.
   */
  schedule(at: Date, label: string, fire: () => void | Promise<void>): () => void {
    const instant = at.getTime();
    if (Number.isNaN(instant)) throw new RangeError(`timer "${label}" has an invalid date`);
    this.#keepTickingMonotonic();
    const timer: Timer = { seq: this.#seq++, at: instant, label, fire };
    this.#timers.splice(this.#insertionIndex(timer), 0, timer);
    this.#armTick();
    return () => {
      const index = this.#timers.indexOf(timer);
      if (index < 0) return;
      this.#keepTickingMonotonic();
      this.#timers.splice(index, 1);
      this.#armTick();
    };
  }

  /** The timers not yet fired, earliest first. */
  pendingTimers(): PendingTimer[] {
    return this.#timers.map((timer) => ({ at: new Date(timer.at), label: timer.label }));
  }

  /** Registers work (for example the Step Functions endpoint) that must finish before time moves on. */
  addQuiescenceSource(waitIdle: () => Promise<void>): () => void {
    this.#sources.add(waitIdle);
    return () => this.#sources.delete(waitIdle);
  }

  /**
   * Waits until every quiescence source is idle. One source's work can start another's (a Lambda
   * task sends mail, a send wakes an execution), so passes repeat until a pass in which every
   * source was idle at once.
   */
  async settle(): Promise<void> {
    await nextTurn();
    for (let pass = 0; pass < MAX_SETTLE_PASSES; pass++) {
      let quiet = true;
      for (const waitIdle of [...this.#sources]) {
        const idle = waitIdle();
        const immediate = await Promise.race([idle.then(() => true), nextTurn().then(() => false)]);
        if (!immediate) {
          quiet = false;
          await idle;
        }
      }
      if (quiet) return;
    }
    throw new Error(`virtual clock: work did not settle after ${MAX_SETTLE_PASSES} passes`);
  }

  /**
   * Moves time forward to `to`, firing every timer due on the way in order, each at its own
   * instant and each followed by a settle; then sets time to `to` and settles. Calls are
   * serialized; moving backwards is refused.
   */
  advance(to: Date): Promise<void> {
    return this.#enqueue(() => this.#advanceTo(() => to.getTime()));
  }

  /** Advances by a duration measured from `now()` when this advance runs. Days are 24 hours. */
  advanceBy(duration: Duration): Promise<void> {
    const ms = durationMs(duration);
    return this.#enqueue(() => this.#advanceTo((now) => now + ms));
  }

  /** Fires timers as virtual time passes (real-time mode: speed > 0); same semantics as advance. */
  startTicking(): void {
    if (this.#ticking) return;
    this.#rebase(this.#nowMs());
    this.#ticking = true;
    this.#armTick();
  }

  stopTicking(): void {
    if (!this.#ticking) return;
    this.#rebase(this.#nowMs());
    this.#ticking = false;
    clearTimeout(this.#tickHandle);
    this.#tickHandle = undefined;
  }

  get ticking(): boolean {
    return this.#ticking;
  }

  #nowMs(): number {
    if (this.#held !== undefined) return this.#held;
    if (this.#speed === 0) return this.#base;
    const flowing = this.#base + (realMs() - this.#anchor) * this.#speed;
    const first = this.#timers[0];
    // While ticking, time waits at a due timer until the timer has fired: never past it.
    if (this.#ticking && first) return Math.min(flowing, Math.max(this.#base, first.at));
    return flowing;
  }

  #rebase(instant: number): void {
    this.#base = instant;
    this.#anchor = realMs();
  }

  /** Adding or removing the earliest timer changes the ticking clamp; fold elapsed time in first. */
  #keepTickingMonotonic(): void {
    if (this.#ticking && this.#held === undefined) this.#rebase(this.#nowMs());
  }

  #insertionIndex(timer: Timer): number {
    let low = 0;
    let high = this.#timers.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#timers[mid].at <= timer.at) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  #enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(job);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #advanceTo(target: (now: number) => number): Promise<void> {
    const start = this.#nowMs();
    const to = target(start);
    if (Number.isNaN(to)) throw new RangeError("advance target is not a valid date");
    if (to < start) {
      throw new RangeError(
        `virtual clock cannot move backwards (now ${new Date(start).toISOString()}, asked ${new Date(to).toISOString()})`,
      );
    }
    this.#held = start;
    try {
      while (await this.#fireNext(to));
      this.#held = to;
      await this.settle();
    } finally {
      this.#release();
    }
  }

  /** Fires the earliest timer due at or before `limit`, at its instant (never earlier than now). */
  async #fireNext(limit: number): Promise<boolean> {
    const timer = this.#timers[0];
    if (!timer || timer.at > limit) return false;
    this.#timers.shift();
    this.#held = Math.max(timer.at, this.#held ?? timer.at);
    await timer.fire();
    await this.settle();
    return true;
  }

  #release(): void {
    const held = this.#held;
    this.#held = undefined;
    if (held !== undefined) this.#rebase(held);
    this.#armTick();
  }

  #armTick(): void {
    clearTimeout(this.#tickHandle);
    this.#tickHandle = undefined;
    if (!this.#ticking || this.#speed === 0 || this.#held !== undefined) return;
    const first = this.#timers[0];
    if (!first) return;
    const delay = Math.min(Math.max((first.at - this.#nowMs()) / this.#speed, 0), MAX_REAL_DELAY_MS);
    this.#tickHandle = setTimeout(() => this.#tick(), delay);
    this.#tickHandle.unref();
  }

  #tick(): void {
    if (this.#tickQueued) return;
    this.#tickQueued = true;
    void this.#enqueue(async () => {
      this.#tickQueued = false;
      if (!this.#ticking) return;
      const due = this.#nowMs();
      this.#held = due;
      try {
        for (;;) {
          const label = this.#timers[0]?.label ?? "";
          try {
            if (!(await this.#fireNext(due))) break;
          } catch (error) {
            this.#onTimerError(error, label);
          }
        }
      } finally {
        this.#release();
      }
    });
  }
}
