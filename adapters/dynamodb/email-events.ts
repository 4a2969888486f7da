import { PutCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "../../core/zod-mini";
import type { Deps } from "../deps";
import { queryAll } from "./query";
import { fromItem } from "./items";
import { conditionHeld } from "./conditional";

/**
 * Bounces and complaints that SES reports through the configuration set's event destination.
 * Each is recorded once (keyed by message and type), so a redelivered notification adds nothing;
 * admins read them through the API. Recipients are staff and team addresses, never participants.
 */
const nonEmpty = z.string().check(z.minLength(1));
const recipients = z._default(z.array(z.object({ emailAddress: z.string() })), []);

export const sesNotificationSchema = z.object({
  eventType: z.enum(["Bounce", "Complaint", "Reject", "Delivery", "Send", "DeliveryDelay", "Open", "Click", "Rendering Failure", "Subscription"]),
  mail: z.object({ messageId: nonEmpty, timestamp: nonEmpty, destination: z._default(z.array(z.string()), []) }),
  bounce: z.optional(z.object({ bounceType: z.string(), bounceSubType: z.optional(z.string()), bouncedRecipients: recipients })),
  complaint: z.optional(z.object({ complainedRecipients: recipients })),
});
export type SesNotification = z.infer<typeof sesNotificationSchema>;

const recorded = new Set(["Bounce", "Complaint", "Reject"]);

export interface EmailEvent {
  type: string;
  messageId: string;
  at: string;
  recipients: string[];
  detail?: string;
}

export async function recordEmailEvent(deps: Pick<Deps, "db" | "tableName">, notification: SesNotification): Promise<boolean> {
  if (!recorded.has(notification.eventType)) return false;
  const recipients =
    notification.bounce?.bouncedRecipients.map((r) => r.emailAddress) ??
    notification.complaint?.complainedRecipients.map((r) => r.emailAddress) ??
    notification.mail.destination;
  const at = new Date(notification.mail.timestamp).toISOString();
  const event: EmailEvent = {
    type: notification.eventType,
    messageId: notification.mail.messageId,
    at,
    recipients,
    ...(notification.bounce ? { detail: [notification.bounce.bounceType, notification.bounce.bounceSubType].filter(Boolean).join("/") } : {}),
  };
  return conditionHeld(
    deps.db.send(
      new PutCommand({
        TableName: deps.tableName,
        Item: { pk: "EMAIL_EVENTS", sk: `${at}#${event.messageId}#${event.type}`, entity: "email-event", ...event },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    ),
  );
}

/** Bounces and complaints since an instant, newest first. */
export async function listEmailEvents(deps: Pick<Deps, "db" | "tableName">, since: string): Promise<EmailEvent[]> {
  const items = await queryAll(deps, {
    KeyConditionExpression: "pk = :pk AND sk >= :since",
    ExpressionAttributeValues: { ":pk": "EMAIL_EVENTS", ":since": since },
    ScanIndexForward: false,
  });
  return items.map((item) => fromItem<EmailEvent>(item));
}
