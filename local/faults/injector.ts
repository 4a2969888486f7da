import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { FaultPlan } from "./plan";

export type FaultKind = "lambda-throw-before" | "lambda-throw-after" | "ses-throttle" | "wake-lost";

/** One injected fault, as the runtime reports it (a JSON line on stdout under `npm start`). */
export interface InjectedFault {
  fault: FaultKind;
  /** The function, or the AWS operation, that it hit. */
  target: string;
}

/**
 * Decides, from a seeded generator, which calls fail, and reports each fault it injects. It sits
 * where AWS itself would fail (the Lambda service, SES's endpoint, Step Functions' endpoint), in
 * the local runtime's wiring: the handlers do not know it exists.
 */
export class FaultInjector {
  private readonly random;
  readonly counts = new Map<FaultKind, number>();

  constructor(
    readonly plan: FaultPlan,
    private readonly report: (fault: InjectedFault) => void = () => {},
  ) {
    this.random = xoroshiro128plus(plan.seed);
    // The generator's first draw from a small seed is close to 1 whatever the seed: skip it.
    uniformFloat64(this.random);
  }

  /** Whether this call fails, at `rate`; a failure is counted and reported. */
  strikes(rate: number, fault: FaultKind | (() => FaultKind), target: string): FaultKind | undefined {
    if (rate <= 0 || uniformFloat64(this.random) >= rate) return undefined;
    const kind = typeof fault === "function" ? fault() : fault;
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    this.report({ fault: kind, target });
    return kind;
  }

  /** A fair coin from the same generator (which half of a Lambda fault: before or after it ran). */
  coin(): boolean {
    return uniformFloat64(this.random) < 0.5;
  }
}
