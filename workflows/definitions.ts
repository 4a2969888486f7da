import { readFileSync } from "node:fs";
import { join } from "node:path";
import { retryPolicies } from "./retry";

/**
 * The workflows are the ASL files beside this module. The stack and the local runtime both read
 * them through `readWorkflowDefinition`: the file with each task's named retry policy put in
 * (retry.ts), and `${Name}` placeholders left for CloudFormation's definition substitutions (the
 * local runtime substitutes the same names), so the definition in AWS is the one the local
 * engine runs.
 */
export const workflowNames = ["journey", "digest", "summary"] as const;
export type WorkflowName = (typeof workflowNames)[number];

export function workflowFile(root: string, name: WorkflowName): string {
  return join(root, "workflows", `${name}.asl.json`);
}

/** `${Name}` placeholders of an ASL text, sorted and without repeats. */
export function definitionPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((match) => match[1]))].sort();
}

export interface WorkflowDefinition {
  file: string;
  /** The assembled ASL text, placeholders still in it. */
  text: string;
  placeholders: string[];
}

interface StateLike {
  Retry?: unknown;
  States?: Record<string, StateLike>;
  ItemProcessor?: StateLike;
  Iterator?: StateLike;
  Branches?: StateLike[];
}

/** Every state of a definition, nested ones (Map iterations, Parallel branches) included. */
function* statesOf(machine: StateLike): Generator<[string, StateLike]> {
  for (const [name, state] of Object.entries(machine.States ?? {})) {
    yield [name, state];
    for (const inner of [state.ItemProcessor, state.Iterator, ...(state.Branches ?? [])]) if (inner) yield* statesOf(inner);
  }
}

/** The ASL text with each `"Retry": "<policy>"` replaced by that policy; an unknown name is an error. */
export function assembleDefinition(text: string, source = "definition"): string {
  let machine: StateLike;
  try {
    machine = JSON.parse(text) as StateLike;
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  for (const [name, state] of statesOf(machine)) {
    if (typeof state.Retry !== "string") continue;
    const policy = retryPolicies[state.Retry];
    if (!policy) throw new Error(`${source}: state ${name} names retry policy "${state.Retry}", which workflows/retry.ts does not define`);
    state.Retry = policy;
  }
  return JSON.stringify(machine, null, 2);
}

export function readWorkflowDefinition(root: string, name: WorkflowName): WorkflowDefinition {
  const file = workflowFile(root, name);
  const text = assembleDefinition(readFileSync(file, "utf8"), `workflows/${name}.asl.json`);
  return { file, text, placeholders: definitionPlaceholders(text) };
}
