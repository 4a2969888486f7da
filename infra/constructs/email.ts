import { Stack } from "aws-cdk-lib";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IKey } from "aws-cdk-lib/aws-kms";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from "aws-cdk-lib/aws-ses";
import { Topic } from "aws-cdk-lib/aws-sns";
import { LambdaSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import type { ManagedPolicyRole } from "../iam";
import { acknowledgeTemplateCheck } from "../nag";

export interface EmailProps {
  readonly resourcePrefix: string;
  readonly senderEmail: string;
  /** Encrypts the email-events topic; must let SES use it (Keys.allowSesEvents). */
  readonly key: IKey;
}

/**
 * Outgoing email (SES v2): the sender identity, and a configuration set that is the identity's
 * default, so that every message is sent over TLS only and addresses that bounced or complained
 * are suppressed. Bounces and complaints are published to an encrypted topic that the
 * ses-events function subscribes to and records for admins.
 */
export class Email extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly events: Topic;
  readonly configurationSetName: string;

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id);
    this.configurationSetName = props.resourcePrefix;

    this.configurationSet = new ConfigurationSet(this, "ConfigurationSet", {
      configurationSetName: this.configurationSetName,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
      sendingEnabled: true,
    });

    this.identity = new EmailIdentity(this, "Sender", {
      identity: Identity.email(props.senderEmail),
      configurationSet: this.configurationSet,
    });

    this.events = new Topic(this, "Events", {
      topicName: `${props.resourcePrefix}-email-events`,
      displayName: "IPS flow email bounces and complaints",
      masterKey: props.key,
      enforceSSL: true,
    });
    this.configurationSet.addEventDestination("BouncesAndComplaints", {
      destination: EventDestination.snsTopic(this.events),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
  }

  /** The function that records bounces and complaints. */
  subscribe(recorder: IFunction): void {
    this.events.addSubscription(new LambdaSubscription(recorder));
    acknowledgeTemplateCheck(
      recorder,
      "W3694",
      "The subscription endpoint is the function's live alias (a qualified Lambda ARN), which SNS invokes like a function; the template check only knows unqualified functions.",
    );
  }

  /** Sending from the deployment's sender identity, through its configuration set only. */
  grantSend(role: ManagedPolicyRole): void {
    const stack = Stack.of(this);
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ["ses:SendEmail"],
        resources: [
          stack.formatArn({ service: "ses", resource: "identity", resourceName: this.identity.emailIdentityName }),
          stack.formatArn({ service: "ses", resource: "configuration-set", resourceName: this.configurationSetName }),
        ],
      }),
    );
  }
}
