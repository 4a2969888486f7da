import { Aws, Duration, TimeZone } from "aws-cdk-lib";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from "aws-cdk-lib/aws-scheduler";
import { StepFunctionsStartExecution } from "aws-cdk-lib/aws-scheduler-targets";
import type { IStateMachine } from "aws-cdk-lib/aws-stepfunctions";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { ScheduledStart, WorkflowSchedule } from "../../core/config/schedules";
import { ManagedPolicyRole } from "../iam";
import { grantStartExecution, Workflow, type WorkflowProps } from "./workflow";

export interface ScheduledWorkflowStartProps {
  readonly scheduleName: string;
  readonly schedule: WorkflowSchedule;
  readonly stateMachine: IStateMachine;
  /** The key the state machine is encrypted with (StartExecution encrypts the input with it). */
  readonly stateMachineKey: IKey;
  readonly deadLetterQueue: IQueue;
}

/**
 * An EventBridge Scheduler schedule that starts a workflow at a local time of the deployment's
 * zone (see core/config/schedules.ts). Failed starts are retried for up to two hours, then
 * land in the dead-letter queue, which has an alarm.
 */
export class ScheduledWorkflowStart extends Construct {
  readonly schedule: Schedule;
  readonly role: ManagedPolicyRole;

  constructor(scope: Construct, id: string, props: ScheduledWorkflowStartProps) {
    super(scope, id);

    this.role = new ManagedPolicyRole(this, "Role", {
      description: `${props.scheduleName}: starts the ${props.schedule.workflow} workflow`,
      assumedBy: new ServicePrincipal("scheduler.amazonaws.com", {
        // Only schedules of this account's default group may use the role (confused-deputy guard).
        conditions: {
          StringEquals: {
            "aws:SourceAccount": Aws.ACCOUNT_ID,
            "aws:SourceArn": `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule-group/default`,
          },
        },
      }),
    });
    grantStartExecution(this.role, props.stateMachine.stateMachineArn, props.stateMachineKey);
    // Sending to the KMS-encrypted dead-letter queue: the two key actions SQS needs, and only through SQS.
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ["sqs:SendMessage"], resources: [props.deadLetterQueue.queueArn] }));
    if (props.deadLetterQueue.encryptionMasterKey) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ["kms:GenerateDataKey", "kms:Decrypt"],
          resources: [props.deadLetterQueue.encryptionMasterKey.keyArn],
          conditions: { StringEquals: { "kms:ViaService": `sqs.${Aws.REGION}.amazonaws.com` } },
        }),
      );
    }

    const input: ScheduledStart = { scheduledTime: ContextAttribute.scheduledTime };
    this.schedule = new Schedule(this, "Schedule", {
      scheduleName: props.scheduleName,
      description: `${props.schedule.workflow}: ${props.schedule.expression} in ${props.schedule.timeZone}`,
      schedule: ScheduleExpression.expression(props.schedule.expression, TimeZone.of(props.schedule.timeZone)),
      target: new StepFunctionsStartExecution(props.stateMachine, {
        role: this.role,
        input: ScheduleTargetInput.fromObject(input),
        deadLetterQueue: props.deadLetterQueue,
        retryAttempts: 20,
        maxEventAge: Duration.hours(2),
      }),
    });
  }
}

export interface ScheduledWorkflowProps extends Omit<WorkflowProps, "stateMachines"> {
  readonly stateMachines?: Readonly<Record<string, string>>;
  readonly scheduleName: string;
  readonly schedule: WorkflowSchedule;
  readonly deadLetterQueue: IQueue;
}

/** A workflow started by a schedule (the morning digest, the weekly summary). */
export class ScheduledWorkflow extends Construct {
  readonly workflow: Workflow;
  readonly start: ScheduledWorkflowStart;

  constructor(scope: Construct, id: string, props: ScheduledWorkflowProps) {
    super(scope, id);
    this.workflow = new Workflow(this, "Workflow", {
      stateMachineName: props.stateMachineName,
      definition: props.definition,
      functions: props.functions,
      stateMachines: props.stateMachines ?? {},
      key: props.key,
      logRetention: props.logRetention,
    });
    this.start = new ScheduledWorkflowStart(this, "Start", {
      scheduleName: props.scheduleName,
      schedule: props.schedule,
      stateMachine: this.workflow.stateMachine,
      stateMachineKey: props.key,
      deadLetterQueue: props.deadLetterQueue,
    });
  }
}
