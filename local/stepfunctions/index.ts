export { LocalStepFunctions } from "./local-step-functions";
export type {
  ExecutionDescription,
  ExecutionListItem,
  ExecutionStatus,
  LambdaHandler,
  LocalStepFunctionsOptions,
  StateMachineDescription,
  StateMachineForExecution,
  StateMachineListItem,
} from "./local-step-functions";
export { substitute } from "./definition";
export { SfnError, type SfnErrorType } from "./errors";
