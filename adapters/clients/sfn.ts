import { SFNClient } from "@aws-sdk/client-sfn";
import type { ClientOptions } from "./options";

/** The Step Functions client, for the functions that start, wake, read or stop journeys. */
export const sfnClient = (options: ClientOptions): SFNClient => new SFNClient(options);
