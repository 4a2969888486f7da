import type { LocalStepFunctions } from "../../local/stepfunctions";

/**
 * What Step Functions bills and what it invokes, read from the execution histories the local
 * endpoint records (local/stepfunctions/history.ts translates the engine's log into AWS's event
 * types). Standard workflows bill one state transition per state entered (Task, Choice, Map, Pass,
 * Succeed..., inside Map iterations too) plus one per retry; a retry shows in the history as
 * another TaskScheduled without another StateEntered.
 */
export interface ExecutionSummary {
  name: string;
  status: string;
  /** Entered states, in order, with the instant each was entered (virtual time). */
  entered: Array<{ state: string; at: Date }>;
  /** Attempts beyond the first of each task state entry. */
  retries: number;
  /** When a task timed out (a journey's await reaching its due time), in order. */
  timedOut: Date[];
  /** Lambda invocations (TaskScheduled of lambda:invoke tasks, callback tasks included; LambdaFunctionScheduled); not the SDK integrations' calls. */
  lambdaInvocations: number;
  historyEvents: number;
}

interface ApiEvent {
  type: string;
  timestamp: Date;
  stateEnteredEventDetails?: { name?: string };
  taskScheduledEventDetails?: { resourceType?: string };
}

const PAGE = 1000;

export async function* executionsOf(stepFunctions: LocalStepFunctions, stateMachineArn: string): AsyncGenerator<ExecutionSummary> {
  let nextToken: string | undefined;
  do {
    const page = await stepFunctions.listExecutions({ stateMachineArn, maxResults: PAGE, nextToken });
    for (const execution of page.executions) {
      yield summarize(execution.name, execution.status, await historyOf(stepFunctions, execution.executionArn));
    }
    nextToken = page.nextToken;
  } while (nextToken);
}

async function historyOf(stepFunctions: LocalStepFunctions, executionArn: string): Promise<ApiEvent[]> {
  const events: ApiEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await stepFunctions.getExecutionHistory({ executionArn, maxResults: PAGE, nextToken });
    events.push(...(page.events as unknown as ApiEvent[]));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

export function summarize(name: string, status: string, events: ApiEvent[]): ExecutionSummary {
  const entered: ExecutionSummary["entered"] = [];
  const timedOut: Date[] = [];
  let taskEntries = 0;
  let attempts = 0;
  let invocations = 0;
  for (const event of events) {
    if (event.type.endsWith("StateEntered")) {
      entered.push({ state: event.stateEnteredEventDetails?.name ?? "?", at: new Date(event.timestamp) });
      if (event.type === "TaskStateEntered") taskEntries++;
    } else if (event.type === "TaskTimedOut") {
      timedOut.push(new Date(event.timestamp));
    } else if (event.type === "TaskScheduled" || event.type === "LambdaFunctionScheduled") {
      attempts++;
      // The journey's await is a DynamoDB write Step Functions makes itself: a task, not a Lambda invocation.
      if (event.type === "LambdaFunctionScheduled" || event.taskScheduledEventDetails?.resourceType === "lambda") invocations++;
    }
  }
  return {
    name,
    status,
    entered,
    timedOut,
    retries: Math.max(0, attempts - taskEntries),
    lambdaInvocations: invocations,
    historyEvents: events.length,
  };
}

/** Billed transitions of an execution. */
export const transitionsOf = (execution: ExecutionSummary): number => execution.entered.length + execution.retries;
