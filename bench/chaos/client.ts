import { isDeepStrictEqual } from "node:util";
import pRetry from "p-retry";
import type { Random } from "../lib/random";
import type { Runtime } from "./runtime";

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface ClientCounts {
  requests: number;
  /** Requests that arrived twice (the same request, Idempotency-Key included, sent again at once). */
  duplicated: number;
  /** Duplicated requests whose two answers differed in status or body. */
  duplicatesAnsweredDifferently: string[];
  /** Attempts that failed (connection lost, 5xx, 409) and were sent again with the same key. */
  retried: number;
  /** Answers with a 5xx: the API must answer every request, faults or not, with a 2xx or a 4xx. */
  serverErrors: string[];
  /** Answers with a 409 (a conflict the API could not settle itself). */
  conflicts: number;
  /** Requests refused with another 4xx: the same in a fault-free run, or a finding. */
  refused: Map<string, number>;
}

/**
 * The API as a client with good manners uses it: every write carries an Idempotency-Key, and a
 * request whose answer did not come (the runtime died, a 5xx, a 409 conflict) is sent again with
 * the same key until it is answered. The fault injector's share of it: `duplicateRate` of the
 * requests arrive twice at once, as a proxy or a double tap would send them.
 */
export class ChaosClient {
  readonly counts: ClientCounts = { requests: 0, duplicated: 0, duplicatesAnsweredDifferently: [], retried: 0, serverErrors: [], conflicts: 0, refused: new Map() };

  constructor(
    private readonly runtime: Runtime,
    private readonly random: Random,
    private readonly duplicateRate: number,
  ) {}

  async send(method: "GET" | "POST", path: string, options: { body?: unknown; key?: string; token?: string } = {}): Promise<Answer> {
    this.counts.requests++;
    const twice = this.duplicateRate > 0 && this.random() < this.duplicateRate;
    if (!twice) return this.answered(method, path, options);
    this.counts.duplicated++;
    const [first, second] = await Promise.all([this.answered(method, path, options), this.answered(method, path, options)]);
    // The same answer: the same status and body (a stored answer may list its fields in another order).
    if (first.status !== second.status || !isDeepStrictEqual(first.body, second.body)) {
      this.counts.duplicatesAnsweredDifferently.push(`${method} ${path}: ${first.status} ${JSON.stringify(first.body).slice(0, 120)} / ${second.status} ${JSON.stringify(second.body).slice(0, 120)}`);
    }
    return first;
  }

  private answered(method: string, path: string, options: { body?: unknown; key?: string; token?: string }): Promise<Answer> {
    return pRetry(
      async () => {
        await this.runtime.available;
        const res = await fetch(`${this.runtime.apiUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${options.token ?? "dev:admin"}`,
            ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
            ...(options.key ? { "idempotency-key": options.key } : {}),
          },
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: AbortSignal.timeout(120_000),
        });
        const text = await res.text();
        const answer = { status: res.status, body: text ? JSON.parse(text) : undefined };
        if (res.status >= 500) this.counts.serverErrors.push(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
        if (res.status === 409) this.counts.conflicts++;
        if (res.status >= 500 || res.status === 409) throw new Error(`${res.status}: ${text.slice(0, 200)}`);
        if (res.status >= 400) {
          const reason = `${method} ${path.replace(/\/[0-9A-Z]{26}/g, "/{id}")} ${res.status} ${answer.body?.message ?? ""}`;
          this.counts.refused.set(reason, (this.counts.refused.get(reason) ?? 0) + 1);
        }
        return answer;
      },
      {
        retries: 200,
        minTimeout: 20,
        maxTimeout: 1000,
        onFailedAttempt: () => {
          this.counts.retried++;
        },
      },
    );
  }
}
