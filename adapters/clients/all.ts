import type { Deps } from "../deps";
import { dynamodbClient } from "./dynamodb";
import { sesClient } from "./ses";
import { sfnClient } from "./sfn";

export interface ClientOptions {
  region: string;
  /** Loopback endpoints for the local runtime; absent in AWS. */
  endpoints?: { dynamodb?: string; ses?: string; sfn?: string };
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Every client, for the local runtime and the tests, which run all functions in one process. */
export function createClients(options: ClientOptions): Pick<Deps, "db" | "ses" | "sfn"> {
  const base = { region: options.region, credentials: options.credentials };
  return {
    db: dynamodbClient({ ...base, endpoint: options.endpoints?.dynamodb }),
    ses: sesClient({ ...base, endpoint: options.endpoints?.ses }),
    sfn: sfnClient({ ...base, endpoint: options.endpoints?.sfn }),
  };
}
