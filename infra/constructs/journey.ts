import { ArnFormat, Stack, Token } from "aws-cdk-lib";
import type { IKey } from "aws-cdk-lib/aws-kms";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import type { WorkflowDefinition } from "../../workflows/definitions";
import type { ManagedPolicyRole } from "../iam";
import { acknowledge } from "../nag";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IpsflowFunction } from "./function";
import { grantDescribeExecutions, grantStartExecution, grantTaskResponse, Workflow } from "./workflow";

export interface JourneyProps {
  readonly stateMachineName: string;
  /** The journey's own ARN, built from its name: functions and the definition refer to it without a reference cycle. */
  readonly stateMachineArn: string;
  readonly definition: WorkflowDefinition;
  readonly functions: ReadonlyMap<string, IpsflowFunction>;
  readonly key: IKey;
  readonly logRetention: RetentionDays;
  /** The table the await writes its callback token to, itself, and the grant that lets it. */
  readonly table: { readonly name: string; readonly grant: (role: ManagedPolicyRole) => void };
}

/**
 * One execution per participant and generation: plan → park on a task token until due or woken
 * (the state machine stores the token itself, a DynamoDB write) → plan (which records what came
 * due after a timeout), continuing as a fresh execution before Standard's one-year and
 * 25,000-event limits. DynamoDB holds the state; the execution holds none a restart could lose.
 */
export class Journey extends Construct {
  readonly workflow: Workflow;

  constructor(scope: Construct, id: string, props: JourneyProps) {
    super(scope, id);
    this.workflow = new Workflow(this, "Workflow", {
      stateMachineName: props.stateMachineName,
      definition: props.definition,
      functions: props.functions,
      stateMachines: { JourneyStateMachineArn: props.stateMachineArn },
      key: props.key,
      logRetention: props.logRetention,
      previouslyInvoked: journeyPreviouslyInvoked,
      tables: { TableName: props.table },
    });
  }
}

/**
 * Journeys started under earlier definitions call functions this one does not, until they hand
 * over to a new generation (at most 180 days after they started): before plan recorded what came
 * due itself, Await → Record → Plan on a timeout; before the await stored its token itself, the
 * park function.
 */
export const journeyPreviouslyInvoked = ["JourneyRecordFunctionArn", "JourneyParkFunctionArn"] as const;

/**
 * What functions may do with journeys: start one, wake a parked one, read an execution's
 * status. The ARNs are built from the journey's fixed name rather than taken from the state
 * machine, whose definition in turn names the functions: a reference would close a cycle.
 */
export class JourneyAccess {
  readonly stateMachineArn: string;
  private readonly executionsArn: string;
  /** The executions ARN as cdk-nag prints it in a finding. */
  private readonly executionsFinding: string;

  constructor(
    scope: Construct,
    private readonly stateMachineName: string,
    private readonly key: IKey,
  ) {
    const stack = Stack.of(scope);
    this.stateMachineArn = stack.formatArn({
      service: "states",
      resource: "stateMachine",
      resourceName: stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    // Executions are named per participant and generation, so DescribeExecution needs the wildcard.
    this.executionsArn = stack.formatArn({
      service: "states",
      resource: "execution",
      resourceName: `${stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const literal = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
    this.executionsFinding = `arn:${literal(stack.partition, "Partition")}:states:${literal(stack.region, "Region")}:${literal(stack.account, "AccountId")}:execution:${stateMachineName}:*`;
  }

  grant(role: ManagedPolicyRole, access: { start?: boolean; wake?: boolean; read?: boolean; stop?: boolean }): void {
    if (access.start) grantStartExecution(role, this.stateMachineArn, this.key);
    if (access.wake) grantTaskResponse(role, this.stateMachineArn, this.key);
    if (access.read) {
      grantDescribeExecutions(role, this.stateMachineArn, this.executionsArn, this.key);
      acknowledge(
        role,
        `AwsSolutions-IAM5[Resource::${this.executionsFinding}]`,
        `DescribeExecution on executions of the ${this.stateMachineName} state machine only; each participant and generation has its own execution name, so the names cannot be listed in advance.`,
      );
    }
    if (access.stop) {
      role.addToPrincipalPolicy(new PolicyStatement({ actions: ["states:StopExecution"], resources: [this.executionsArn] }));
      // The same wildcard as DescribeExecution's, acknowledged once per role.
      if (!access.read)
        acknowledge(
          role,
        `AwsSolutions-IAM5[Resource::${this.executionsFinding}]`,
          `StopExecution on executions of the ${this.stateMachineName} state machine only (an erased participant's journey); the names cannot be listed in advance.`,
        );
    }
  }
}
