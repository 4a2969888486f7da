import { type CfnResource, RemovalPolicy, Stack } from "aws-cdk-lib";
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from "aws-cdk-lib/aws-dynamodb";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { table } from "../../adapters/dynamodb/table";
import { auditKeyPrefix, participantKeyPrefix } from "../../adapters/dynamodb/keys";
import type { TableAccess } from "../functions";
import type { ManagedPolicyRole } from "../iam";
import { acknowledge, nagArn } from "../nag";

/** Every way to write over or remove an existing item; what is left on audit keys is PartiQL's INSERT. */
const auditDeniedActions = [
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:PartiQLUpdate",
  "dynamodb:PartiQLDelete",
];

export interface DataProps {
  readonly key: IKey;
}

/**
 * The region's single table, from the same definition the local system creates its table from
 * (adapters/dynamodb/table.ts). Participant data is health data: on-demand capacity, point-in-time
 * recovery, deletion protection, the stack's customer-managed key, and the table outlives the stack.
 */
export class Data extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const key = (name: string) => ({ name, type: AttributeType.STRING });

    this.table = new TableV2(this, "Table", {
      partitionKey: key(table.partitionKey),
      sortKey: key(table.sortKey),
      timeToLiveAttribute: table.timeToLiveAttribute,
      globalSecondaryIndexes: table.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
      })),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryptionV2.customerManagedKey(props.key),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * The journey's await: the state machine itself stores the callback token on a participant's
   * journey record (adapters/stepfunctions/journey-await.ts). UpdateItem on participants' items
   * only, and the table key to encrypt with; nothing else of the table.
   */
  grantJourneyAwait(role: ManagedPolicyRole): void {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: "JourneyAwaitStoresItsToken",
        actions: ["dynamodb:UpdateItem"],
        resources: [this.table.tableArn],
        conditions: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [`${participantKeyPrefix}*`] } },
      }),
    );
    // The table key, through DynamoDB only: the role cannot use it for anything else.
    if (this.table.encryptionKey) {
      role.addToPrincipalPolicy(
        new PolicyStatement({
          sid: "JourneyAwaitTableKey",
          actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
          resources: [this.table.encryptionKey.keyArn],
          conditions: { StringEquals: { "kms:ViaService": `dynamodb.${Stack.of(this).region}.amazonaws.com` } },
        }),
      );
    }
    const reason =
      "The table key's actions DynamoDB needs to write an item of a table under a customer-managed key; the wildcard only spans the action family " +
      "(kms:GenerateDataKey / GenerateDataKeyWithoutPlaintext, kms:ReEncryptFrom / ReEncryptTo), on the single data key of this deployment.";
    acknowledge(role, "AwsSolutions-IAM5[Action::kms:GenerateDataKey*]", reason);
    acknowledge(role, "AwsSolutions-IAM5[Action::kms:ReEncrypt*]", reason);
  }

  /** Item access for one function's role: none, read, or read and write; the table's indexes included, nothing else. */
  grant(role: ManagedPolicyRole, access: TableAccess): void {
    if (access === "none") return;
    if (access === "readWrite") this.table.grantReadWriteData(role);
    else this.table.grantReadData(role);

    const tableArn = nagArn(this.table.node.defaultChild as CfnResource);
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::${tableArn}/index/*]`,
      `Queries on this table's own secondary indexes (${table.globalSecondaryIndexes.map((index) => index.indexName).join(", ")}, defined in adapters/dynamodb/table.ts); no other table is reachable.`,
    );
    if (access === "readWrite") {
      // Audit entries are added with PartiQL's INSERT (adapters/dynamodb/audit-log.ts), which the
      // read-write grant does not include.
      this.table.grant(role, "dynamodb:PartiQLInsert");
      // The audit log is append-only: a writer may add entries with PartiQL's INSERT (which fails
      // on an existing key) but not put over one, change or delete one, nor batch-write over one.
      role.addToPrincipalPolicy(
        new PolicyStatement({
          effect: Effect.DENY,
          actions: auditDeniedActions,
          resources: [this.table.tableArn],
          conditions: { "ForAnyValue:StringLike": { "dynamodb:LeadingKeys": [`${auditKeyPrefix}*`] } },
        }),
      );
      const reason =
        "The DynamoDB grant's KMS actions on the single data key of this deployment: the wildcard only spans the action family " +
        "(kms:GenerateDataKey / GenerateDataKeyWithoutPlaintext, kms:ReEncryptFrom / ReEncryptTo) that DynamoDB needs for a customer-managed table key.";
      acknowledge(role, "AwsSolutions-IAM5[Action::kms:GenerateDataKey*]", reason);
      acknowledge(role, "AwsSolutions-IAM5[Action::kms:ReEncrypt*]", reason);
    }
  }
}
