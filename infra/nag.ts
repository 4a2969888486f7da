import { Stack, Validations } from "aws-cdk-lib";
import type { CfnResource } from "aws-cdk-lib";
import type { IConstruct } from "constructs";

/**
 * Acknowledging a finding of a rule pack (cdk-nag's AwsSolutions / HIPAA.Security) or of the
 * CDK's own template validation, on the narrowest construct it is about. The id is qualified by
 * its pack (`AwsSolutions::AwsSolutions-IAM5[...]`), so the CDK records the finding in the
 * synth's validation report as acknowledged, with this reason, instead of dropping it silently.
 */
export function acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
  const pack = ruleId.startsWith("HIPAA.Security-") ? "HIPAA.Security" : ruleId.startsWith("AwsSolutions-") ? "AwsSolutions" : undefined;
  if (!pack) throw new Error(`acknowledge: unknown rule pack of "${ruleId}"`);
  Validations.of(scope).acknowledge({ id: `${pack}::${ruleId}`, reason });
}

/** A finding of the CDK's built-in CloudFormation template validation (cfn-lint rule ids such as W3694). */
export function acknowledgeTemplateCheck(scope: IConstruct, ruleId: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `CloudFormation-Validate::${ruleId}`, reason });
}

/** How cdk-nag prints a resource's ARN inside a finding: `<LogicalId.Arn>`. */
export function nagArn(resource: CfnResource): string {
  return `<${Stack.of(resource).getLogicalId(resource)}.Arn>`;
}
