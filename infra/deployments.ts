import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Deployment, type DeploymentsFile, parseDeployments } from "../core/config/deployment";

/** The file admins edit (gitignored), and the committed example used when it is absent. */
export const deploymentsFileName = "deployments.json";
export const exampleDeploymentsFileName = "deployments.example.json";

export interface LoadedDeployments {
  file: DeploymentsFile;
  /** The file name the deployments came from, for messages. */
  source: string;
}

/**
 * Reads deployments.json from `dir`, or deployments.example.json when there is none, or the file
 * named by `file` (`-c deploymentsFile=<path>`, relative to `dir`), and validates it: a bad entry
 * throws an error naming the deployment and the field.
 */
export function loadDeployments(dir: string, file?: string): LoadedDeployments {
  const source = file ?? [deploymentsFileName, exampleDeploymentsFileName].find((name) => existsSync(join(dir, name)));
  if (!source) throw new Error(`Neither ${deploymentsFileName} nor ${exampleDeploymentsFileName} found in ${dir}`);
  const path = resolve(dir, source);
  if (!existsSync(path)) throw new Error(`Deployments file ${source} not found`);
  const text = readFileSync(path, "utf8");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`Invalid ${source}: not JSON (${(error as Error).message})`, { cause: error });
  }
  return { file: parseDeployments(raw, source), source };
}

/**
 * The deployments to synthesize: all of them, or the one named by `-c deployment=<name>`.
 */
export function selectDeployments(file: DeploymentsFile, name?: string, source = "deployments"): Deployment[] {
  if (name === undefined) return file.deployments;
  const selected = file.deployments.find((deployment) => deployment.name === name);
  if (!selected) {
    const known = file.deployments.map((deployment) => deployment.name).join(", ");
    throw new Error(`Unknown deployment "${name}" (-c deployment=...); ${source} defines: ${known}`);
  }
  return [selected];
}
