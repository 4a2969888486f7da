import { Duration } from "aws-cdk-lib";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";

/**
 * A dead-letter queue: encrypted with the data key (a failed event may name a participant),
 * TLS only, kept for the SQS maximum of 14 days so that someone can look before it expires.
 */
export function deadLetterQueue(scope: Construct, id: string, props: { queueName: string; key: IKey }): Queue {
  return new Queue(scope, id, {
    queueName: props.queueName,
    encryption: QueueEncryption.KMS,
    encryptionMasterKey: props.key,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
}
