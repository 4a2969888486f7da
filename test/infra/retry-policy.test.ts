import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DescribeExecutionCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { invalidInput, notFound } from "../../core/errors";
import { createHandler as createPlanHandler } from "../../functions/journey-plan/handler";
import { assembleDefinition, readWorkflowDefinition, workflowNames } from "../../workflows/definitions";
import { dynamoDbAwaitRetry, lambdaCallbackTaskRetry, lambdaTaskRetry } from "../../workflows/retry";
import { projectRoot } from "../../infra/paths";
import { invoke, startLocalStepFunctions, type LocalStepFunctionsFixture } from "../local/step-functions-fixture";

/**
 * One retry policy for every Lambda task: written once (workflows/retry.ts), named by each task,
 * and behaving as meant on the local engine: an error that would fail the same way again is not
 * retried, a transient one is.
 */
type AslState = { Type: string; Resource?: string; Retry?: unknown; States?: Record<string, AslState>; ItemProcessor?: AslState };
const tasksOf = (machine: AslState): Array<[string, AslState]> =>
  Object.entries(machine.States ?? {}).flatMap(([name, state]) => [
    ...(state.Type === "Task" ? [[name, state] as [string, AslState]] : []),
    ...(state.ItemProcessor ? tasksOf(state.ItemProcessor) : []),
  ]);

/** The policy a task retries by: the Lambda one, with a timeout retried where the task answers by callback; the await's DynamoDB write its own. */
const policyOf = (task: AslState) =>
  task.Resource === "arn:aws:states:::aws-sdk:dynamodb:updateItem.waitForTaskToken"
    ? dynamoDbAwaitRetry
    : task.Resource === "arn:aws:states:::lambda:invoke.waitForTaskToken"
      ? lambdaCallbackTaskRetry
      : lambdaTaskRetry;

describe("the workflows' retry policy", () => {
  it.each(workflowNames)("%s: every Lambda task retries by the one policy", (name) => {
    const tasks = tasksOf(JSON.parse(readWorkflowDefinition(projectRoot, name).text) as AslState);
    expect(tasks.length).toBeGreaterThan(0);
    for (const [state, task] of tasks) expect(task.Retry, `${name}.${state}`).toEqual(policyOf(task));
  });

  it("never retries a refused await and never retries the journey's decisions to hand over or end", () => {
    expect(dynamoDbAwaitRetry[0]).toEqual({ ErrorEquals: ["DynamoDb.ConditionalCheckFailedException", "DynamoDB.ConditionalCheckFailedException"], MaxAttempts: 0 });
    expect(lambdaCallbackTaskRetry[0].ErrorEquals).toEqual(expect.arrayContaining(["Journey.HandOver", "Journey.End"]));
    expect(lambdaCallbackTaskRetry[0].MaxAttempts).toBe(0);
  });

  it("refuses a policy name it does not know", () => {
    const text = JSON.stringify({ StartAt: "A", States: { A: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Retry: "Often", End: true } } });
    expect(() => assembleDefinition(text, "test.asl.json")).toThrow(/state A names retry policy "Often"/);
  });

  describe("on the local engine", () => {
    const attempts = { malformed: 0, invalid: 0, missing: 0, flaky: 0 };
    // The real plan handler, given an input that does not fit its schema: it fails before it needs anything.
    const plan = createPlanHandler(() => {
      throw new Error("not reached");
    });
    let local: LocalStepFunctionsFixture;
    beforeAll(async () => {
      local = await startLocalStepFunctions({
        malformed: async (input) => {
          attempts.malformed++;
          return plan(input as never, { awsRequestId: "retry-policy", functionName: "journey-plan" } as never);
        },
        invalid: async () => {
          attempts.invalid++;
          throw invalidInput("at: must not be in the future");
        },
        missing: async () => {
          attempts.missing++;
          throw notFound("participant p-1");
        },
        flaky: async () => {
          attempts.flaky++;
          if (attempts.flaky < 3) throw new Error("socket hang up");
          return { sent: true };
        },
      });
    });
    afterAll(() => local?.stop());

    it("does not retry a malformed task input or a domain refusal, and retries a transient failure", async () => {
      const caught = (next: string) => [{ ErrorEquals: ["States.ALL"], ResultPath: "$.caught", Next: next }];
      const definition = assembleDefinition(
        JSON.stringify({
          StartAt: "Malformed",
          States: {
            Malformed: { ...invoke("malformed", { participantId: 42 }), ResultPath: "$.malformed", Retry: "LambdaTask", Catch: caught("Invalid"), Next: "Invalid" },
            Invalid: { ...invoke("invalid", {}), ResultPath: "$.invalid", Retry: "LambdaTask", Catch: caught("Missing"), Next: "Missing" },
            Missing: { ...invoke("missing", {}), ResultPath: "$.missing", Retry: "LambdaTask", Catch: caught("Flaky"), Next: "Flaky" },
            Flaky: { ...invoke("flaky", {}), ResultPath: "$.flaky", Retry: "LambdaTask", End: true },
          },
        }),
      );
      const arn = local.sfn.createStateMachine("retry-policy", definition);
      const { executionArn } = await local.client.send(new StartExecutionCommand({ stateMachineArn: arn, input: "{}" }));
      await local.clock.settle();
      const execution = await local.client.send(new DescribeExecutionCommand({ executionArn }));
      expect(execution.status).toBe("SUCCEEDED");
      expect(attempts).toEqual({ malformed: 1, invalid: 1, missing: 1, flaky: 3 });
    });
  });
});
