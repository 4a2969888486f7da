/**
 * The one source of "now". Nothing in functions/, core/, adapters/ or use-cases/ reads the system time directly:
 * in AWS the clock is the system clock; in the local runtime it is a virtual clock that tests
 * and demos advance, so that months of a journey run in seconds.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock fixed at one instant, for pure rule tests. */
export const fixedClock = (at: Date | string): Clock => {
  const instant = new Date(at);
  return { now: () => new Date(instant) };
};
