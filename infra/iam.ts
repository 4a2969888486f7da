import { type AddToPrincipalPolicyResult, ManagedPolicy, type PolicyStatement, Role, type RoleProps } from "aws-cdk-lib/aws-iam";
import type { Construct } from "constructs";

/**
 * A role whose permissions live in one customer-managed policy instead of an inline policy.
 *
 * The HIPAA Security pack (AWS Config rule iam-no-inline-policy) asks for managed policies:
 * they are versioned, listed and auditable on their own in IAM. Every grant the CDK makes to
 * this role (table.grantReadData(role), logGroup.grantWrite(role), ...) lands in that policy.
 */
export class ManagedPolicyRole extends Role {
  private permissions?: ManagedPolicy;

  constructor(scope: Construct, id: string, props: RoleProps) {
    super(scope, id, props);
  }

  override addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    this.permissions ??= new ManagedPolicy(this, "Permissions", {
      description: `Permissions of ${this.node.path}`,
      roles: [this],
    });
    this.permissions.addStatements(statement);
    return { statementAdded: true, policyDependable: this.permissions };
  }
}
