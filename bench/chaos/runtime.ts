import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { InjectedFault } from "../../local/faults";

const root = join(import.meta.dirname, "..", "..");

export interface RuntimeOptions {
  dataDir: string;
  dynamodbEndpoint: string;
  sesEndpoint: string;
  table: string;
  start: Date;
  /** `lambda=0.1,ses=0.05,wake=0.02,seed=7`, or none for a fault-free run. */
  faults?: string;
  ports: { api: number; web: number; stepFunctions: number };
}

/**
 * The local runtime as its own process, exactly as `npm start` runs it (on a DynamoDB and an SES
 * that outlive it), so that it can be killed without warning (SIGKILL: no clean stop, no saved
 * clock, executions in flight gone) and started again on the same data.
 */
export class Runtime {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  /** Every line the runtime printed (stdout and stderr), for the privacy scan. */
  readonly lines: string[] = [];
  /** The faults it reported injecting, across restarts. */
  readonly faults: InjectedFault[] = [];
  starts = 0;
  kills = 0;
  /** Settles when the runtime answers; requests wait on it, so none is sent into a half-started one. */
  available: Promise<void> = Promise.resolve();

  constructor(private readonly options: RuntimeOptions) {}

  get apiUrl() {
    return `http://127.0.0.1:${this.options.ports.api}`;
  }
  get stepFunctionsUrl() {
    return `http://127.0.0.1:${this.options.ports.stepFunctions}`;
  }

  start(): Promise<void> {
    this.available = this.boot();
    return this.available;
  }

  private async boot(): Promise<void> {
    const o = this.options;
    const args = ["--import", "tsx", join(root, "local", "main.ts"), "--no-seed", "--speed", "0", "--data-dir", o.dataDir];
    args.push("--dynamodb-endpoint", o.dynamodbEndpoint, "--ses-endpoint", o.sesEndpoint, "--table", o.table, "--start", o.start.toISOString());
    if (o.faults) args.push("--faults", o.faults);
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: {
        ...process.env,
        IPSFLOW_API_PORT: String(o.ports.api),
        IPSFLOW_WEB_PORT: String(o.ports.web),
        IPSFLOW_SFN_PORT: String(o.ports.stepFunctions),
        // Everything the functions log at INFO and above goes through the privacy scan.
        POWERTOOLS_LOG_LEVEL: "INFO",
        POWERTOOLS_METRICS_DISABLED: "true",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.starts++;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on("line", (line) => {
        this.lines.push(line);
        if (line.startsWith('{"fault"')) this.faults.push(JSON.parse(line) as InjectedFault);
      });
    }
    await this.ready(child);
  }

  /** Kills the runtime without warning (SIGKILL) and starts it again on the same data. */
  async crashAndRestart(): Promise<void> {
    this.kills++;
    this.child?.kill("SIGKILL");
    await this.exited;
    await this.start();
  }

  async stop(): Promise<void> {
    this.child?.kill("SIGTERM");
    await this.exited;
  }

  private async ready(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the runtime exited (${child.exitCode}) while starting:\n${this.lines.slice(-20).join("\n")}`);
      // Until it is ready the API accepts connections and does not answer them: ask with a short limit.
      const answer = await fetch(`${this.apiUrl}/local/clock`, { signal: AbortSignal.timeout(1000) }).catch(() => undefined);
      if (answer?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("the runtime did not answer within 120 s");
  }
}
