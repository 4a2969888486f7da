import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import type { SFNClient } from "@aws-sdk/client-sfn";
import { dynamodbClient } from "./clients/dynamodb";
import type { ClientOptions as OneClient } from "./clients/options";
import { type Clock, systemClock } from "../core/clock";
import { type Deployment, deploymentSchema } from "../core/config/deployment";

/**
 * Everything a handler needs from the outside world. Handlers are built as
 * `createHandler(deps)`: in AWS, deps come from the Lambda environment (`depsFromEnv`); the local
 * runtime builds the same deps with loopback endpoints and its virtual clock. Nothing below
 * knows which runtime it is in.
 */
export interface Deps {
  clock: Clock;
  db: DynamoDBDocumentClient;
  ses: SESv2Client;
  sfn: SFNClient;
  tableName: string;
  /** ARN of the journey state machine (one execution per participant and generation). */
  journeyStateMachineArn: string;
  deployment: Deployment;
}

/**
 * The clients besides DynamoDB that a function calls, by their factories: a handler passes only
 * those its role may use (infra/functions.ts), so its bundle carries no other SDK client.
 */
export interface ClientFactories {
  ses?: (options: OneClient) => SESv2Client;
  sfn?: (options: OneClient) => SFNClient;
}

/** A client the function was not given: any use says so, instead of failing on permissions in AWS. */
function absent<T>(service: string): T {
  return new Proxy({} as object, {
    get(_target, property) {
      // Not a thenable, and inspectable by a logger without throwing.
      if (typeof property !== "string" || property === "then") return undefined;
      throw new Error(`this function has no ${service} client: its handler does not pass one to depsFromEnv`);
    },
  }) as T;
}

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
};

/**
 * Deps from the Lambda environment. The deployment arrives as JSON in IPSFLOW_DEPLOYMENT (set by
 * the stack from the same validated config). SDK endpoints follow the standard AWS_ENDPOINT_URL_*
 * variables when set.
 */
export function depsFromEnv(clients: ClientFactories = {}): Deps {
  const deployment = deploymentSchema.parse(JSON.parse(required("IPSFLOW_DEPLOYMENT")));
  const options = { region: process.env.AWS_REGION ?? deployment.region };
  return {
    clock: systemClock,
    db: dynamodbClient(options),
    ses: clients.ses ? clients.ses(options) : absent<SESv2Client>("SES"),
    sfn: clients.sfn ? clients.sfn(options) : absent<SFNClient>("Step Functions"),
    tableName: required("TABLE_NAME"),
    journeyStateMachineArn: process.env.JOURNEY_STATE_MACHINE_ARN ?? "",
    deployment,
  };
}

/** Builds deps once, on first use, so that importing a handler module has no side effects. */
export function lazyDeps(factory: () => Deps): () => Deps {
  let deps: Deps | undefined;
  return () => (deps ??= factory());
}
