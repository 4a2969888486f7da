import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SFNClient } from "@aws-sdk/client-sfn";
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

export interface ClientOptions {
  region: string;
  /** Loopback endpoints for the local runtime; absent in AWS. */
  endpoints?: { dynamodb?: string; ses?: string; sfn?: string };
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export function createClients(options: ClientOptions): Pick<Deps, "db" | "ses" | "sfn"> {
  const base = { region: options.region, credentials: options.credentials };
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ ...base, endpoint: options.endpoints?.dynamodb }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return {
    db,
    ses: new SESv2Client({ ...base, endpoint: options.endpoints?.ses }),
    sfn: new SFNClient({ ...base, endpoint: options.endpoints?.sfn }),
  };
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
export function depsFromEnv(): Deps {
  const deployment = deploymentSchema.parse(JSON.parse(required("IPSFLOW_DEPLOYMENT")));
  return {
    clock: systemClock,
    ...createClients({ region: process.env.AWS_REGION ?? deployment.region }),
    tableName: required("TABLE_NAME"),
    journeyStateMachineArn: process.env.JOURNEY_STATE_MACHINE_ARN ?? "",
    deployment,
  };
}

/** Builds deps once, on first use, so that importing a handler module has no side effects. */
export function lazyDeps(factory: () => Deps = depsFromEnv): () => Deps {
  let deps: Deps | undefined;
  return () => (deps ??= factory());
}
