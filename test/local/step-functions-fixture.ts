import { SFNClient } from "@aws-sdk/client-sfn";
import { VirtualClock } from "../../local/clock/virtual-clock";
import { localCredentials } from "../../local/servers/credentials";
import { LocalStepFunctions, type LambdaHandler } from "../../local/stepfunctions";

export const region = "eu-north-1";
export const start = new Date("2026-03-02T08:00:00.000Z");
export const lambdaArn = (name: string) => `arn:aws:lambda:${region}:000000000000:function:${name}`;

/**
 * A frozen virtual clock, the endpoint on loopback and the real SDK client pointed at it.
 * Definitions are validated only where a test asks (validation is a few hundred ms per definition).
 */
export async function startLocalStepFunctions(lambdas: Record<string, LambdaHandler> = {}, options: { validateDefinitions?: boolean } = {}) {
  const clock = new VirtualClock({ start, speed: 0 });
  const sfn = new LocalStepFunctions({
    clock,
    region,
    validateDefinitions: options.validateDefinitions ?? false,
    lambdas: Object.fromEntries(Object.entries(lambdas).map(([name, handler]) => [lambdaArn(name), handler])),
  });
  const server = await sfn.listen(0);
  const client = new SFNClient({ endpoint: server.endpoint, region, credentials: localCredentials });
  return {
    clock,
    sfn,
    client,
    endpoint: server.endpoint,
    async stop() {
      client.destroy();
      await sfn.close();
      await server.close();
    },
  };
}

export type LocalStepFunctionsFixture = Awaited<ReturnType<typeof startLocalStepFunctions>>;

/** Invokes a Lambda by name through `arn:aws:states:::lambda:invoke`, keeping only its payload. */
export const invoke = (name: string, payload: Record<string, unknown>, rest: Record<string, unknown> = {}) => ({
  Type: "Task",
  Resource: "arn:aws:states:::lambda:invoke",
  Parameters: { FunctionName: lambdaArn(name), Payload: payload },
  ResultSelector: { "value.$": "$.Payload" },
  ...rest,
});
