import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../local/clock/virtual-clock";

const start = new Date("2026-03-02T08:00:00.000Z");
const at = (iso: string) => new Date(iso);
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("VirtualClock", () => {
  it("stands still at speed 0", async () => {
    const clock = new VirtualClock({ start, speed: 0 });
    await turn();
    expect(clock.now()).toEqual(start);
  });

  it("fires due timers in order, each at its own instant, then stops at the target", async () => {
    const clock = new VirtualClock({ start, speed: 0 });
    const fired: string[] = [];
    const record = (label: string) => () => void fired.push(`${label}@${clock.now().toISOString()}`);
    clock.schedule(at("2026-03-04T00:00:00Z"), "c", record("c"));
    clock.schedule(at("2026-03-03T00:00:00Z"), "a", record("a"));
    clock.schedule(at("2026-03-03T00:00:00Z"), "b (same instant, scheduled later)", record("b"));
    clock.schedule(at("2026-03-09T00:00:00Z"), "beyond the target", record("late"));

    await clock.advance(at("2026-03-05T00:00:00Z"));

    expect(fired).toEqual(["a@2026-03-03T00:00:00.000Z", "b@2026-03-03T00:00:00.000Z", "c@2026-03-04T00:00:00.000Z"]);
    expect(clock.now()).toEqual(at("2026-03-05T00:00:00Z"));
    expect(clock.pendingTimers()).toEqual([{ at: at("2026-03-09T00:00:00Z"), label: "beyond the target" }]);
  });

  it("never jumps past a timer scheduled while another fires", async () => {
    const clock = new VirtualClock({ start, speed: 0 });
    const fired: string[] = [];
    clock.schedule(at("2026-03-03T00:00:00Z"), "first", () => {
      clock.schedule(at("2026-03-03T12:00:00Z"), "follow-up", () => void fired.push(clock.now().toISOString()));
    });
    await clock.advanceBy({ days: 10 });
    expect(fired).toEqual(["2026-03-03T12:00:00.000Z"]);
    expect(clock.now()).toEqual(at("2026-03-12T08:00:00Z"));
  });

  it("fires an overdue timer at the current instant, never moving backwards", async () => {
    const clock = new VirtualClock({ start, speed: 0 });
    const seen: Date[] = [];
    clock.schedule(at("2026-03-01T00:00:00Z"), "overdue", () => void seen.push(clock.now()));
    await clock.advance(start);
    expect(seen).toEqual([start]);
  });

  it("cancels a timer", async () => {
    const clock = new VirtualClock({ start, speed: 0 });
    let fired = false;
    const cancel = clock.schedule(at("2026-03-03T00:00:00Z"), "cancelled", () => void (fired = true));
    cancel();
    await clock.advanceBy({ days: 2 });
    expect(fired).toBe(false);
  });

  it("settles after each timer: work the timer starts finishes before the next timer fires", async () => {
    const clock = new VirtualClock({ start, speed: 0 });
    const log: string[] = [];
    let pending = 0;
    let wake: (() => void) | undefined;
    clock.addQuiescenceSource(async () => {
      while (pending > 0) await new Promise<void>((resolve) => (wake = resolve));
    });
    const slowWork = (label: string) => {
      pending++;
      // Real asynchronous work over several macrotask turns, not awaited by the timer.
      void (async () => {
        for (let i = 0; i < 5; i++) await turn();
        log.push(`${label} done`);
        pending--;
        wake?.();
      })();
    };
    clock.schedule(at("2026-03-03T00:00:00Z"), "one", () => {
      log.push("one fired");
      slowWork("one");
    });
    clock.schedule(at("2026-03-04T00:00:00Z"), "two", () => void log.push("two fired"));
    await clock.advanceBy({ days: 3 });
    expect(log).toEqual(["one fired", "one done", "two fired"]);
  });

  it("settles repeatedly when one source's work starts another's", async () => {
    const clock = new VirtualClock({ start, speed: 0 });
    const log: string[] = [];
    const makeSource = () => {
      const source = { pending: 0, waiters: [] as (() => void)[] };
      const waitIdle = async () => {
        while (source.pending > 0) await new Promise<void>((resolve) => source.waiters.push(resolve));
      };
      const run = (label: string, then?: () => void) => {
        source.pending++;
        void (async () => {
          for (let i = 0; i < 3; i++) await turn();
          log.push(label);
          then?.();
          source.pending--;
          source.waiters.splice(0).forEach((wake) => wake());
        })();
      };
      return { waitIdle, run };
    };
    const mail = makeSource();
    const workflows = makeSource();
    // Registered in the order that makes one pass insufficient: workflows are checked before mail.
    clock.addQuiescenceSource(workflows.waitIdle);
    clock.addQuiescenceSource(mail.waitIdle);
    workflows.run("workflow step", () => mail.run("mail sent", () => workflows.run("workflow woken by the send")));
    await clock.settle();
    expect(log).toEqual(["workflow step", "mail sent", "workflow woken by the send"]);
  });

  it("serializes concurrent advances and refuses to move backwards", async () => {
    const clock = new VirtualClock({ start, speed: 0 });
    const fired: string[] = [];
    clock.schedule(at("2026-03-03T00:00:00Z"), "a", () => void fired.push(clock.now().toISOString()));
    clock.schedule(at("2026-03-05T00:00:00Z"), "b", () => void fired.push(clock.now().toISOString()));
    const first = clock.advance(at("2026-03-04T00:00:00Z"));
    const second = clock.advanceBy({ days: 2 });
    await Promise.all([first, second]);
    expect(fired).toEqual(["2026-03-03T00:00:00.000Z", "2026-03-05T00:00:00.000Z"]);
    expect(clock.now()).toEqual(at("2026-03-06T00:00:00Z"));
    await expect(clock.advance(at("2026-03-01T00:00:00Z"))).rejects.toThrow(/backwards/);
    expect(clock.now()).toEqual(at("2026-03-06T00:00:00Z"));
  });

  it("rejects advance when a timer throws, at that timer's instant", async () => {
    const clock = new VirtualClock({ start, speed: 0 });
    clock.schedule(at("2026-03-03T00:00:00Z"), "broken", () => {
      throw new Error("broken timer");
    });
    await expect(clock.advanceBy({ days: 5 })).rejects.toThrow("broken timer");
    expect(clock.now()).toEqual(at("2026-03-03T00:00:00Z"));
    await clock.advanceBy({ days: 1 });
    expect(clock.now()).toEqual(at("2026-03-04T00:00:00Z"));
  });

  it("runs N times faster than real time", async () => {
    const clock = new VirtualClock({ start, speed: 3600 }); // an hour per real second
    const realStart = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const realElapsed = performance.now() - realStart;
    const virtualElapsed = clock.now().getTime() - start.getTime();
    expect(virtualElapsed).toBeGreaterThanOrEqual(realElapsed * 3600 * 0.9);
    expect(virtualElapsed).toBeLessThan((realElapsed + 200) * 3600);
  });

  it("while ticking, fires timers as time passes, each exactly at its instant", async () => {
    const clock = new VirtualClock({ start, speed: 36_000_000 }); // ten hours per real millisecond
    const seen: Date[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    clock.schedule(at("2026-03-02T20:00:00Z"), "evening", () => void seen.push(clock.now()));
    clock.schedule(at("2026-03-03T08:00:00Z"), "next morning", () => {
      seen.push(clock.now());
      done();
    });
    clock.startTicking();
    await finished;
    clock.stopTicking();
    expect(seen).toEqual([at("2026-03-02T20:00:00Z"), at("2026-03-03T08:00:00Z")]);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(at("2026-03-03T08:00:00Z").getTime());
  });

  it("while ticking, holds time at a due timer until it has fired", async () => {
    const clock = new VirtualClock({ start, speed: 36_000_000 });
    clock.schedule(at("2026-03-02T09:00:00Z"), "due", () => undefined);
    clock.startTicking();
    // Without awaiting, the real timer cannot have fired yet: time waits at the timer's instant.
    const busyUntil = performance.now() + 5;
    while (performance.now() < busyUntil) {
      // a few real milliseconds pass: 50 virtual hours at this speed
    }
    expect(clock.now()).toEqual(at("2026-03-02T09:00:00Z"));
    clock.stopTicking();
  });
});
