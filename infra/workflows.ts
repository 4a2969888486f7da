import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The workflows are the ASL files in workflows/, deployed as written: the stack passes the text
 * to Step Functions unchanged and fills in `${Name}` placeholders with CloudFormation definition
 * substitutions, so the definition in AWS is the one the local engine runs.
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
  text: string;
  placeholders: string[];
}

export function readWorkflowDefinition(root: string, name: WorkflowName): WorkflowDefinition {
  const file = workflowFile(root, name);
  const text = readFileSync(file, "utf8");
  try {
    JSON.parse(text);
  } catch (error) {
    throw new Error(`workflows/${name}.asl.json is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return { file, text, placeholders: definitionPlaceholders(text) };
}
