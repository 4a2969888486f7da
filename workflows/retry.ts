/**
 * The one retry policy of every Lambda task in the workflows. In the ASL files a task says
 * `"Retry": "LambdaTask"`; `assembleDefinition` (definitions.ts) puts this policy in its place
 * before the definition is deployed or run locally, so AWS and the local engine run the same one.
 *
 * First, the errors that fail the same way on every attempt are not retried at all: the domain's
 * refusals (core/errors.ts: a task input that does not fit its schema or breaks a rule, a caller
 * outside its scope, a record that does not exist or was erased) and the journey's own decisions
 * to hand over or end, which the Await state's Catch routes. Everything else is worth another try: Lambda's transient
 * faults and any other task failure (a throttled SES send, DynamoDB's transaction conflicts, a
 * `Conflict` with another writer). Six attempts with full jitter, from 2 s doubling, spread over
 * about two minutes: every task is idempotent (claims, conditional writes), so a retry after an
 * answer was lost repeats nothing.
 */
export const lambdaTaskRetry = [
  { ErrorEquals: ["InvalidInput", "Forbidden", "NotFound", "Gone", "Journey.HandOver", "Journey.End"], MaxAttempts: 0 },
  {
    ErrorEquals: ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException", "States.TaskFailed"],
    IntervalSeconds: 2,
    MaxAttempts: 6,
    BackoffRate: 2,
    JitterStrategy: "FULL",
  },
] as const;

/**
 * A Lambda task that answers through its callback token (the journey's plan): the Lambda policy,
 * and a timeout retried too. The function hands its result back or fails the task itself, so a
 * task that times out lost its answer somewhere; planning again repeats nothing.
 */
export const lambdaCallbackTaskRetry = [...lambdaTaskRetry, { ErrorEquals: ["States.Timeout"], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: "FULL" }] as const;

/**
 * The journey's await, a DynamoDB write Step Functions makes itself: a write refused by its
 * condition is the workflow's answer (the Catch sends it to plan again) and never retried, under
 * either spelling of the error's name (Step Functions names an AWS SDK integration's errors after
 * the service, `DynamoDb.`; its optimized DynamoDB integration says `DynamoDB.`). Throttling and
 * DynamoDB's transient faults are retried as the Lambda tasks' failures are.
 */
const refusedAwaitErrors = ["DynamoDb.ConditionalCheckFailedException", "DynamoDB.ConditionalCheckFailedException"] as const;
export const dynamoDbAwaitRetry = [
  { ErrorEquals: [...refusedAwaitErrors], MaxAttempts: 0 },
  { ErrorEquals: ["States.TaskFailed"], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2, JitterStrategy: "FULL" },
] as const;

/** The retry policies an ASL file may name in a task's `Retry`. */
export const retryPolicies: Record<string, readonly object[]> = {
  LambdaTask: lambdaTaskRetry,
  LambdaCallbackTask: lambdaCallbackTaskRetry,
  DynamoDbAwait: dynamoDbAwaitRetry,
};
