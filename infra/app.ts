import { App } from "aws-cdk-lib";
import type { Deployment } from "../core/config/deployment";
import { loadDeployments, selectDeployments } from "./deployments";
import { addDeploymentStacks, addSecurityChecks } from "./ipsflow-app";
import { projectRoot } from "./paths";

/**
 * `npx cdk synth` / `npx cdk deploy`: one stack per entry of deployments.json (or of
 * deployments.example.json when there is none); `-c deployment=<name>` picks one and
 * `-c deploymentsFile=<path>` reads another file.
 */
const app = new App();

let deployments: Deployment[];
try {
  const { file, source } = loadDeployments(projectRoot, contextString(app, "deploymentsFile"));
  deployments = selectDeployments(file, contextString(app, "deployment"), source);
} catch (error) {
  // A configuration mistake: the message names the deployment and field; a stack trace would bury it.
  console.error((error as Error).message);
  process.exit(1);
}

addDeploymentStacks(app, deployments);
addSecurityChecks(app);

function contextString(scope: App, key: string): string | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  return typeof value === "string" && value !== "" ? value : undefined;
}
