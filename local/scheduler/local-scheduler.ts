import type { VirtualClock } from "../clock/virtual-clock";
import { parseEventBridgeCron, type EventBridgeCron } from "./eventbridge-cron";

/**
 * EventBridge Scheduler on the virtual clock: each schedule's next occurrence is a clock timer,
 * so advancing the clock fires it at exactly that instant (08:00 local on both sides of a DST
 * switch) and waits for the work it starts before moving on.
 */
export interface ScheduleDefinition {
  name: string;
  /** `cron(minutes hours day-of-month month day-of-week year)`, e.g. `cron(0 8 ? * MON-FRI *)`. */
  expression: string;
  /** IANA time zone the expression is evaluated in, e.g. Europe/Oslo. */
  timeZone: string;
  target: () => Promise<void>;
}

export interface ScheduleInfo {
  name: string;
  expression: string;
  timeZone: string;
  nextFire?: Date;
}

interface Schedule {
  definition: ScheduleDefinition;
  cron: EventBridgeCron;
  nextFire?: Date;
  cancel?: () => void;
}

export interface LocalSchedulerOptions {
  /**
   * Where a target's failure goes. EventBridge Scheduler retries and then drops (or dead-letters)
   * an invocation without stopping the schedule; locally the failure is reported here and the
   * schedule goes on. Default console.error.
   */
  onTargetError?: (name: string, error: unknown) => void;
}

export class LocalScheduler {
  readonly #clock: VirtualClock;
  readonly #schedules = new Map<string, Schedule>();
  readonly #onTargetError: (name: string, error: unknown) => void;

  constructor(clock: VirtualClock, options: LocalSchedulerOptions = {}) {
    this.#clock = clock;
    this.#onTargetError = options.onTargetError ?? ((name, error) => console.error(`local scheduler: target of ${name} failed`, error));
  }

  /** Adds a schedule (a schedule of the same name is replaced); its first occurrence is after now. */
  add(definition: ScheduleDefinition): void {
    const cron = parseEventBridgeCron(definition.expression, definition.timeZone);
    this.remove(definition.name);
    const schedule: Schedule = { definition, cron };
    this.#schedules.set(definition.name, schedule);
    this.#armAfter(schedule, this.#clock.now());
  }

  remove(name: string): void {
    this.#schedules.get(name)?.cancel?.();
    this.#schedules.delete(name);
  }

  list(): ScheduleInfo[] {
    return [...this.#schedules.values()].map(({ definition, nextFire }) => ({
      name: definition.name,
      expression: definition.expression,
      timeZone: definition.timeZone,
      nextFire,
    }));
  }

  #armAfter(schedule: Schedule, after: Date): void {
    const at = schedule.cron.nextAfter(after);
    schedule.nextFire = at;
    schedule.cancel = undefined;
    if (!at) return;
    schedule.cancel = this.#clock.schedule(at, `schedule ${schedule.definition.name}`, async () => {
      // The next occurrence is set before the target runs, so a failing target does not end the schedule.
      if (this.#schedules.get(schedule.definition.name) === schedule) this.#armAfter(schedule, at);
      try {
        await schedule.definition.target();
      } catch (error) {
        this.#onTargetError(schedule.definition.name, error);
      }
    });
  }
}
