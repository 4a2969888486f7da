import { type App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks, HIPAASecurityChecks } from "cdk-nag";
import type { Deployment } from "../core/config/deployment";
import { stackName } from "./names";
import { IpsflowStack } from "./stack";

/** One stack per deployment, named Ipsflow-<name>, each in its own account and region. */
export function addDeploymentStacks(app: App, deployments: readonly Deployment[]): IpsflowStack[] {
  return deployments.map((deployment) => new IpsflowStack(app, stackName(deployment), { deployment }));
}

/**
 * The AWS Solutions and HIPAA Security rule packs run at every synth: an unacknowledged finding
 * fails `cdk synth` (and the infra tests). Acknowledgements sit next to the resource they are
 * about, each with its reason.
 */
export function addSecurityChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }), new HIPAASecurityChecks(app, { verbose: true }));
}
