/**
 * Service errors of the Step Functions API, named as the AWS JSON protocol names them, so that
 * `@aws-sdk/client-sfn` throws its typed exceptions (ExecutionAlreadyExists, TaskTimedOut, …).
 */
export type SfnErrorType =
  | "ExecutionAlreadyExists"
  | "ExecutionDoesNotExist"
  | "StateMachineDoesNotExist"
  | "TaskDoesNotExist"
  | "TaskTimedOut"
  | "InvalidToken"
  | "InvalidOutput"
  | "InvalidExecutionInput"
  | "InvalidName"
  | "InvalidArn"
  | "InvalidDefinition"
  | "ValidationException"
  | "UnknownOperationException";

export class SfnError extends Error {
  constructor(
    readonly type: SfnErrorType,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}
