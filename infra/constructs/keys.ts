import { ArnFormat, Aws, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import { Effect, PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";

export interface KeysProps {
  /** Prefix of the aliases: alias/<prefix>-data, alias/<prefix>-notifications. */
  readonly resourcePrefix: string;
}

/**
 * The stack's customer-managed keys. Two keys, so that the AWS services that need to use a key
 * on our behalf get no more than they need:
 * - `data`: the table, logs, workflow history, queues and backups. Only CloudWatch Logs (for
 *   this account's log groups) is allowed in besides IAM principals of this account.
 * - `notifications`: the SNS topics that CloudWatch alarms and SES publish to; those two
 *   services may use it, and nothing else is encrypted with it.
 * Both rotate yearly and survive stack deletion: deleting a key makes what it encrypted unreadable.
 */
export class Keys extends Construct {
  readonly data: Key;
  readonly notifications: Key;

  constructor(scope: Construct, id: string, props: KeysProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.data = new Key(this, "Data", {
      alias: `alias/${props.resourcePrefix}-data`,
      description: `${props.resourcePrefix}: participant data, logs, workflow history`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.data.addToResourcePolicy(
      new PolicyStatement({
        sid: "CloudWatchLogsOfThisAccount",
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        resources: ["*"],
        conditions: {
          ArnLike: {
            "kms:EncryptionContext:aws:logs:arn": stack.formatArn({ service: "logs", resource: "log-group", resourceName: "*", arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
          },
        },
      }),
    );

    this.notifications = new Key(this, "Notifications", {
      alias: `alias/${props.resourcePrefix}-notifications`,
      description: `${props.resourcePrefix}: alarm and email-event notifications`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.notifications.addToResourcePolicy(
      new PolicyStatement({
        sid: "CloudWatchAlarmsPublish",
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal("cloudwatch.amazonaws.com")],
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        resources: ["*"],
      }),
    );
  }

  /** Lets SES event publishing (from one configuration set of this account) use the notifications key. */
  allowSesEvents(configurationSetName: string): void {
    this.notifications.addToResourcePolicy(
      new PolicyStatement({
        sid: "SesEventPublishing",
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal("ses.amazonaws.com")],
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        resources: ["*"],
        conditions: {
          StringEquals: {
            "aws:SourceAccount": Aws.ACCOUNT_ID,
            "aws:SourceArn": `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:configuration-set/${configurationSetName}`,
          },
        },
      }),
    );
  }
}
