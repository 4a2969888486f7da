/**
 * A small seeded pseudo-random generator (mulberry32), so that a benchmark seeds the same data on
 * every run and two runs with the same arguments are comparable.
 */
export type Random = () => number;

export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Uniform in [min, max). */
export const between = (rand: Random, min: number, max: number): number => min + rand() * (max - min);

export const chance = (rand: Random, probability: number): boolean => rand() < probability;

export const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

/**
 * Waiting time until something that happens with the given probability per year (a constant
 * hazard), in days: an exit rate of 10 % a year gives a mean stay of about 9.5 years.
 */
export function daysUntil(rand: Random, probabilityPerYear: number): number {
  const ratePerDay = -Math.log(1 - probabilityPerYear) / 365.25;
  return -Math.log(1 - rand()) / ratePerDay;
}
