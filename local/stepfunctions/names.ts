import { SfnError } from "./errors";

/** AWS: 1-80 characters; no whitespace, brackets, wildcards, special characters or control characters. */
const NAME_PATTERN = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]{1,80}$/u;
const STATE_MACHINE_ARN = /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:\s]+(:[^:\s]+)?$/;
const EXECUTION_ARN = /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:execution:[^:\s]+:[^:\s]+$/;

/** A state machine's or an execution's name, as AWS accepts it (InvalidName otherwise). */
export function checkName(kind: "state machine" | "execution", name: string): void {
  if (!NAME_PATTERN.test(name)) throw new SfnError("InvalidName", `invalid ${kind} name: ${name}`);
}

/**
 * Only DescribeStateMachine and DescribeStateMachineForExecution tell a malformed ARN (InvalidArn)
 * from an unknown one, as AWS does; the other actions answer both as unknown.
 */
export function checkArn(kind: "stateMachine" | "execution", arn: string): void {
  const pattern = kind === "stateMachine" ? STATE_MACHINE_ARN : EXECUTION_ARN;
  if (!pattern.test(arn)) throw new SfnError("InvalidArn", `Invalid Arn: '${arn}'`);
}
