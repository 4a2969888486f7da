/**
 * Names that the stack and the local runtime must agree on: each function's deployed name and the
 * substitution key by which the workflows in workflows/ refer to it.
 */
export const functionName = (deployment: string, folder: string) => `ipsflow-${deployment}-${folder}`;

/** `journey-plan` → `JourneyPlanFunctionArn`, the `${...}` placeholder in the ASL files. */
export const substitutionKey = (folder: string) =>
  `${folder.split("-").map((part) => part[0].toUpperCase() + part.slice(1)).join("")}FunctionArn`;

export const stateMachineName = (deployment: string, workflow: "journey" | "digest" | "summary") =>
  `ipsflow-${deployment}-${workflow}`;
