import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import type { Deps } from "../deps";

export interface OutgoingEmail {
  to: string[];
  subject: string;
  html: string;
  text: string;
}

/**
 * Sends one email through SES v2 (the suppression list and configuration set live in v2). The
 * configuration set, when the stack provides one, records bounces and complaints.
 */
export async function sendEmail(deps: Pick<Deps, "ses" | "deployment">, email: OutgoingEmail): Promise<string> {
  const out = await deps.ses.send(
    new SendEmailCommand({
      FromEmailAddress: deps.deployment.senderEmail,
      Destination: { ToAddresses: email.to },
      ConfigurationSetName: process.env.SES_CONFIGURATION_SET || undefined,
      Content: {
        Simple: {
          Subject: { Data: email.subject, Charset: "UTF-8" },
          Body: { Html: { Data: email.html, Charset: "UTF-8" }, Text: { Data: email.text, Charset: "UTF-8" } },
        },
      },
    }),
  );
  return out.MessageId ?? "";
}
