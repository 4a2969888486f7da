import { Duration } from "aws-cdk-lib";
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { IKey } from "aws-cdk-lib/aws-kms";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import type { IStateMachine } from "aws-cdk-lib/aws-stepfunctions";
import { Construct } from "constructs";
import { journeyCheckInMetric } from "../../adapters/logging/metrics";


/**
 * SES reviews an account at a 5 % bounce rate and may pause sending at 10 %; for complaints the
 * marks are 0.1 % and 0.5 %. The alarms fire at the review marks, while there is time to act.
 */
const sesBounceRateAlarm = 0.05;
const sesComplaintRateAlarm = 0.001;

/**
 * Journeys alive: no check-in for this many whole days in a row raises the alarm. A journey plans
 * at least every 35 days and otherwise only for its deadlines, phase changes and one-off
 * follow-ups (about 15 plans a participant-year), so 20 participants plan about 0.8 times a day:
 * a silent week among them (expected 5.6 plans) happens by chance less than once in 200 weeks,
 * where three silent days would one week in eleven. Failed executions have their own alarm.
 */
const checkInSilenceDays = 7;

export interface AlarmsProps {
  readonly resourcePrefix: string;
  readonly deploymentName: string;
  readonly adminEmails: readonly string[];
  readonly key: IKey;
  readonly workflows: Readonly<Record<string, IStateMachine>>;
  readonly functions: Readonly<Record<string, IFunction>>;
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
}

/**
 * Alarms, mailed to the deployment's admins through an encrypted topic. Each alarm says what
 * broke; none carries personal data (CloudWatch alarms only know metric values).
 */
export class Alarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;
  private readonly prefix: string;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.prefix = props.resourcePrefix;

    this.topic = new Topic(this, "Topic", {
      topicName: `${props.resourcePrefix}-alarms`,
      displayName: "IPS flow alarms",
      masterKey: props.key,
      enforceSSL: true,
    });
    for (const email of props.adminEmails) this.topic.addSubscription(new EmailSubscription(email));
    this.action = new SnsAction(this.topic);

    for (const [name, stateMachine] of Object.entries(props.workflows)) {
      const period = Duration.minutes(5);
      this.add(`${name}-failed`, {
        description: `${name} workflow executions failed or timed out. Open the state machine's failed executions; journeys resume from DynamoDB once restarted.`,
        metric: new MathExpression({
          label: `${name} failed + timed out`,
          expression: "failed + timedOut",
          usingMetrics: {
            failed: stateMachine.metricFailed({ period }),
            timedOut: stateMachine.metricTimedOut({ period }),
          },
          period,
        }),
        threshold: 1,
      });
    }

    for (const [name, fn] of Object.entries(props.functions)) {
      this.add(`${name}-errors`, {
        description: `The ${name} function threw errors. See its log group.`,
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: "Sum" }),
        threshold: 1,
      });
    }

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.add(`${name}-dead-letters`, {
        description: `Messages in the ${name} dead-letter queue: something was given up on after retries.`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: "Maximum" }),
        threshold: 1,
      });
    }

    const sesMetric = (metricName: string) =>
      new Metric({ namespace: "AWS/SES", metricName, statistic: "Maximum", period: Duration.hours(1) });
    this.add("ses-bounce-rate", {
      description: `SES bounce rate at or above ${sesBounceRateAlarm * 100} %: SES reviews the account here. Admins see the bounced addresses in the API.`,
      metric: sesMetric("Reputation.BounceRate"),
      threshold: sesBounceRateAlarm,
    });
    this.add("ses-complaint-rate", {
      description: `SES complaint rate at or above ${sesComplaintRateAlarm * 100} %: SES reviews the account here.`,
      metric: sesMetric("Reputation.ComplaintRate"),
      threshold: sesComplaintRateAlarm,
    });

    // Missing data is the failure this alarm exists for: when journeys stop, nothing is emitted
    // at all. So a silent day counts as breaching, and the alarm wants a week of them, which rides
    // out a small caseload's quiet days. A deployment with no active participants yet is in
    // alarm until its first journey parks.
    this.add("journeys-silent", {
      description: `No journey has checked in (parked to wait for its next due time) for ${checkInSilenceDays} days. Check the journey state machine's executions and the journey-plan function.`,
      metric: new Metric({
        namespace: journeyCheckInMetric.namespace,
        metricName: journeyCheckInMetric.metricName,
        dimensionsMap: { service: journeyCheckInMetric.service, [journeyCheckInMetric.dimension]: props.deploymentName },
        statistic: "Sum",
        period: Duration.days(1),
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: checkInSilenceDays,
      treatMissingData: TreatMissingData.BREACHING,
    });
  }

  private add(
    name: string,
    options: {
      description: string;
      metric: IMetric;
      threshold: number;
      comparisonOperator?: ComparisonOperator;
      evaluationPeriods?: number;
      treatMissingData?: TreatMissingData;
    },
  ): Alarm {
    const alarm = new Alarm(this, name, {
      alarmName: `${this.prefix}-${name}`,
      alarmDescription: options.description,
      metric: options.metric,
      threshold: options.threshold,
      comparisonOperator: options.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      treatMissingData: options.treatMissingData ?? TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}
