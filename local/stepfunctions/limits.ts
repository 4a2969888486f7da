/**
 * The hard quotas of a Standard execution, which AWS cannot raise and the local endpoint enforces
 * the same way (AWS Step Functions Developer Guide, "Step Functions service quotas": quotas
 * related to state machine executions and to task executions). What each one does when reached is
 * described, with its evidence, in README.md beside this file.
 */

/** "Maximum execution time: 1 year" (365 days of the virtual clock). */
export const MAX_EXECUTION_SECONDS = 365 * 86_400;

/** "Maximum execution history size: 25,000 events in a single state machine execution history". */
export const MAX_HISTORY_EVENTS = 25_000;

/** "Maximum input or output size for a task, state, or execution: 262,144 bytes of data as a UTF-8 encoded string". */
export const MAX_PAYLOAD_BYTES = 262_144;

/** Size of a payload as AWS counts it: bytes of its JSON text in UTF-8, not characters. */
export const payloadBytes = (json: string): number => Buffer.byteLength(json, "utf8");

export const jsonPayloadBytes = (value: unknown): number => payloadBytes(JSON.stringify(value) ?? "null");

/** AWS's cause when the history is full; the ExecutionFailed event that carries it is event 25,000. */
export const HISTORY_LIMIT_CAUSE = `The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`;

/** AWS's cause of States.DataLimitExceeded: `subject` is the state's name, or the task's resource ('lambda', a function ARN). */
export const resultTooLargeCause = (subject: string): string =>
  `The state/task '${subject}' returned a result with a size exceeding the maximum number of bytes service limit.`;

/** The local cause when a task's input after Parameters is too large (AWS names the condition, not its text). */
export const inputTooLargeCause = (stateName: string): string =>
  `The state/task '${stateName}' has an input, after Parameters, with a size exceeding the maximum number of bytes service limit.`;

/** The API's answer to an over-long string member (AWS JSON protocol validation). */
export const tooLongMessage = (member: string): string =>
  `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_PAYLOAD_BYTES}`;
