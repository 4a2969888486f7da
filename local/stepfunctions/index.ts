export { LocalStepFunctions, type LocalStepFunctionsOptions } from "./local-step-functions";
export type { ExecutionDescription, ExecutionListItem, ExecutionStatus, StateMachineForExecution } from "./executions";
export type { LambdaHandler } from "./lambdas";
export type { StateMachineDescription, StateMachineListItem } from "./state-machines";
export { substitute } from "./definition";
export { SfnError, type SfnErrorType } from "./errors";
