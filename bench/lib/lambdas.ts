import type { LocalSystem } from "../../local/system";
import { bindFunctions, sdkIntegrations } from "../../local/functions";
import { meterScope } from "./capacity";

export interface FunctionStats {
  invocations: number;
  /** Wall time in process, summed. */
  ms: number;
  /** What Lambda would bill: each invocation rounded up to the next millisecond. */
  billedMs: number;
}

/**
 * Counts and times every Lambda invocation. The workflows' functions are bound again to the same
 * handler modules (local/functions.ts) under the same ARNs, each wrapped so that it is counted,
 * timed, and its DynamoDB usage metered under `lambda:<function>`. Calls the API function would
 * make in AWS (an event recorded, a participant referred) go through `api`.
 */
export class LambdaMeter {
  readonly stats = new Map<string, FunctionStats>();
  /** Results counted by the label `classify` gave them, per function. */
  readonly outcomes = new Map<string, Map<string, number>>();
  /** Wall time of the invocations `classify` labelled, per `<function>: <label>`. */
  readonly labelled = new Map<string, FunctionStats>();

  /** `classify` labels a function's result (for example "recorded nothing"); undefined: not counted. */
  instrument(system: LocalSystem, classify: (folder: string, result: unknown, input: unknown) => string | undefined = () => undefined): void {
    const { region, name } = system.deps.deployment;
    const bound = bindFunctions(() => system.deps, region, name);
    for (const [folder, arn] of Object.entries(bound.arns)) {
      const handler = bound.lambdas[arn];
      system.stepFunctions.addLambda(arn, async (event) => {
        const started = performance.now();
        const result = await this.invoke(folder, () => handler(event));
        const label = classify(folder, result, event);
        if (label !== undefined) {
          const counts = this.outcomes.get(folder) ?? new Map<string, number>();
          counts.set(label, (counts.get(label) ?? 0) + 1);
          this.outcomes.set(folder, counts);
          addInvocation(this.labelled, `${folder}: ${label}`, performance.now() - started);
        }
        return result;
      });
    }
  }

  /**
   * The workflows' AWS SDK integrations (the journey's await, a DynamoDB write Step Functions
   * makes itself), bound again so that their DynamoDB usage is metered under
   * `states:<service>:<action>`. They are no Lambda invocations and are not counted as such.
   */
  instrumentSdk(system: LocalSystem): void {
    for (const integration of sdkIntegrations(() => system.deps)) {
      system.stepFunctions.addSdkIntegration(integration.service, integration.action, (parameters) =>
        meterScope.run(`states:${integration.service}:${integration.action}`, () => integration.handler(parameters)),
      );
    }
  }

  /** One invocation of `folder`, metered under `lambda:<folder>`. */
  invoke<T>(folder: string, work: () => Promise<T>): Promise<T> {
    return meterScope.run(`lambda:${folder}`, async () => {
      const started = performance.now();
      try {
        return await work();
      } finally {
        addInvocation(this.stats, folder, performance.now() - started);
      }
    });
  }

  /** Totals over the functions a predicate selects. */
  total(select: (folder: string) => boolean = () => true): FunctionStats {
    const total = { invocations: 0, ms: 0, billedMs: 0 };
    for (const [folder, stats] of this.stats) {
      if (!select(folder)) continue;
      total.invocations += stats.invocations;
      total.ms += stats.ms;
      total.billedMs += stats.billedMs;
    }
    return total;
  }
}

/** Counts one invocation of `ms` under `key`, billed as Lambda bills it (rounded up to 1 ms). */
function addInvocation(stats: Map<string, FunctionStats>, key: string, ms: number): void {
  const entry = stats.get(key) ?? { invocations: 0, ms: 0, billedMs: 0 };
  entry.invocations++;
  entry.ms += ms;
  entry.billedMs += Math.max(1, Math.ceil(ms));
  stats.set(key, entry);
}
