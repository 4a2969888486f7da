import { SESv2Client } from "@aws-sdk/client-sesv2";
import type { ClientOptions } from "./options";

/** The email client, for the functions that send (digest-send, summary-send). */
export const sesClient = (options: ClientOptions): SESv2Client => new SESv2Client(options);
