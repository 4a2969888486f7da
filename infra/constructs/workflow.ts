import { RemovalPolicy } from "aws-cdk-lib";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import {
  CustomerManagedEncryptionConfiguration,
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from "aws-cdk-lib/aws-stepfunctions";
import { Construct } from "constructs";
import { ManagedPolicyRole } from "../iam";
import { acknowledge } from "../nag";
import type { WorkflowDefinition } from "../../workflows/definitions";
import type { IpsflowFunction } from "./function";

export interface WorkflowProps {
  readonly stateMachineName: string;
  readonly definition: WorkflowDefinition;
  /** Functions by ASL substitution key (`JourneyPlanFunctionArn` → journey-plan). */
  readonly functions: ReadonlyMap<string, IpsflowFunction>;
  /** State machines the definition may start, by substitution key (`JourneyStateMachineArn` → ARN). */
  readonly stateMachines: Readonly<Record<string, string>>;
  readonly key: IKey;
  readonly logRetention: RetentionDays;
  /**
   * Functions (by substitution key) that the previous version of the definition invoked and this
   * one does not. An execution keeps the definition it started with, for months in the case of a
   * journey, so the role must still let those executions call them.
   */
  readonly previouslyInvoked?: readonly string[];
  /**
   * Tables the definition writes to itself (AWS SDK integrations), by substitution key
   * (`TableName` → the table's name), each with the grant its role needs.
   */
  readonly tables?: Readonly<Record<string, { readonly name: string; readonly grant: (role: ManagedPolicyRole) => void }>>;
}

/**
 * A Standard state machine running one ASL file from workflows/ as written. Lambda tasks call
 * the functions' `live` aliases, so an execution always runs published versions. The name is
 * stable and the resource is retained: replacing a state machine would end every execution
 * running on it, and journeys run for months.
 */
export class Workflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly role: ManagedPolicyRole;
  readonly logGroup: LogGroup;
  /** The substitutions handed to Step Functions, by placeholder. */
  readonly substitutions: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);
    const { definition } = props;

    this.role = new ManagedPolicyRole(this, "Role", {
      assumedBy: new ServicePrincipal("states.amazonaws.com"),
      description: `${props.stateMachineName}: runs ${definition.file.split(/[\\/]/).slice(-2).join("/")}`,
    });

    const substitutions: Record<string, string> = {};
    const invoked: string[] = [];
    const started: string[] = [];
    for (const placeholder of definition.placeholders) {
      const fn = props.functions.get(placeholder);
      const stateMachineArn = props.stateMachines[placeholder];
      const table = props.tables?.[placeholder];
      if (table) {
        substitutions[placeholder] = table.name;
        table.grant(this.role);
      } else if (fn) {
        substitutions[placeholder] = fn.alias.functionArn;
        invoked.push(fn.alias.functionArn);
      } else if (stateMachineArn) {
        substitutions[placeholder] = stateMachineArn;
        started.push(stateMachineArn);
      } else {
        const known = [...props.functions.keys(), ...Object.keys(props.stateMachines), ...Object.keys(props.tables ?? {})].sort().join(", ");
        throw new Error(`${definition.file} uses \${${placeholder}}, which the stack does not provide (known: ${known})`);
      }
    }
    this.substitutions = substitutions;
    for (const placeholder of props.previouslyInvoked ?? []) {
      const fn = props.functions.get(placeholder);
      if (!fn) throw new Error(`${definition.file}: no function for the previously invoked \${${placeholder}}`);
      if (!invoked.includes(fn.alias.functionArn)) invoked.push(fn.alias.functionArn);
    }

    if (invoked.length > 0) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({ sid: "InvokeLiveAliases", actions: ["lambda:InvokeFunction"], resources: invoked }),
      );
    }
    for (const stateMachineArn of started) grantStartExecution(this.role, stateMachineArn, props.key);

    this.logGroup = new LogGroup(this, "Logs", {
      // The /aws/vendedlogs/ prefix keeps CloudWatch Logs' resource policy from growing per state machine.
      logGroupName: `/aws/vendedlogs/states/${props.stateMachineName}`,
      encryptionKey: props.key,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.stateMachine = new StateMachine(this, "StateMachine", {
      stateMachineName: props.stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(definition.text),
      definitionSubstitutions: substitutions,
      role: this.role,
      encryptionConfiguration: new CustomerManagedEncryptionConfiguration(props.key),
      // Execution data holds participant details: logs record the states passed, never the payloads.
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.role,
      "AwsSolutions-IAM5[Resource::*]",
      "Added by the CDK for X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords, GetSampling*) and CloudWatch Logs delivery (logs:CreateLogDelivery, " +
        "PutResourcePolicy, ...): these actions do not support resource-level permissions (IAM service authorization reference), so '*' is the only form.",
    );
  }
}

/**
 * StartExecution on a state machine encrypted with a customer-managed key: the caller also needs
 * the key, to encrypt the execution input, and only in that state machine's encryption context.
 */
export function grantStartExecution(role: ManagedPolicyRole, stateMachineArn: string, key: IKey): void {
  role.addToPrincipalPolicy(new PolicyStatement({ actions: ["states:StartExecution"], resources: [stateMachineArn] }));
  grantStateMachineKey(role, stateMachineArn, key);
}

/** Waking a parked task (SendTaskSuccess/Failure/Heartbeat) of one state machine, whose output is encrypted with its key. */
export function grantTaskResponse(role: ManagedPolicyRole, stateMachineArn: string, key: IKey): void {
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ["states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat"],
      resources: [stateMachineArn],
    }),
  );
  grantStateMachineKey(role, stateMachineArn, key);
}

/**
 * DescribeExecution on the executions of one state machine (named per participant and
 * generation, hence the wildcard after the state machine's name).
 */
export function grantDescribeExecutions(role: ManagedPolicyRole, stateMachineArn: string, executionsArn: string, key: IKey): void {
  role.addToPrincipalPolicy(new PolicyStatement({ actions: ["states:DescribeExecution"], resources: [executionsArn] }));
  grantStateMachineKey(role, stateMachineArn, key);
}

function grantStateMachineKey(role: ManagedPolicyRole, stateMachineArn: string, key: IKey): void {
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ["kms:GenerateDataKey", "kms:Decrypt"],
      resources: [key.keyArn],
      conditions: { StringEquals: { "kms:EncryptionContext:aws:states:stateMachineArn": stateMachineArn } },
    }),
  );
}
