import { DeleteCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Deps } from "../deps";
import { sendEmail, type OutgoingEmail } from "./send-email";

export type SendOnceOutcome = "sent" | "already-sent";

/**
 * Sends an email at most once per key (a specialist's morning, a team's week), whatever retries
 * and replays happen: the send is claimed with a conditional write before it goes out, and a retry
 * finds the claim. If SES refuses the send, the claim is released so that a retry can send; if the
 * process dies between the send and the confirmation, the claim stays and nothing is sent twice:
 * a duplicate summary or reminder is the failure we rule out.
 */
export async function sendOnce(
  deps: Pick<Deps, "db" | "tableName" | "ses" | "deployment" | "clock">,
  key: { pk: string; sk: string },
  attributes: Record<string, unknown>,
  email: OutgoingEmail,
): Promise<SendOnceOutcome> {
  const now = deps.clock.now().toISOString();
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.tableName,
        Item: { ...key, ...attributes, status: "claimed", claimedAt: now },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") return "already-sent";
    throw error;
  }
  let messageId: string;
  try {
    messageId = await sendEmail(deps, email);
  } catch (error) {
    await deps.db.send(new DeleteCommand({ TableName: deps.tableName, Key: key }));
    throw error;
  }
  await deps.db.send(
    new UpdateCommand({
      TableName: deps.tableName,
      Key: key,
      UpdateExpression: "SET #status = :sent, sentAt = :now, messageId = :id",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":sent": "sent", ":now": deps.clock.now().toISOString(), ":id": messageId },
    }),
  );
  return "sent";
}
