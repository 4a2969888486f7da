import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { type Deployment, parseDeployments } from "../../core/config/deployment";
import { addDeploymentStacks, addSecurityChecks } from "../../infra/ipsflow-app";
import { projectRoot } from "../../infra/paths";
import type { IpsflowStack } from "../../infra/stack";

/** The project's cdk.json: tests synthesize with the same feature flags as `cdk synth`. */
export const cdkJson = JSON.parse(readFileSync(join(projectRoot, "cdk.json"), "utf8")) as {
  app: string;
  context: Record<string, unknown>;
};

const scratchDirs: string[] = [];

/** A temporary directory, removed by `removeScratchDirs` (call it in afterAll). */
export function scratchDir(prefix = "ipsflow-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}

export function removeScratchDirs(): void {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Two regions, as admins would list them; validated through the real schema. */
export const twoRegions: Deployment[] = parseDeployments(
  {
    deployments: [
      {
        name: "oslo",
        account: "111111111111",
        region: "eu-north-1",
        senderEmail: "ips@oslo.example.org",
        adminEmails: ["drift@oslo.example.org", "ips-leder@oslo.example.org"],
        baseUrl: "https://ips.oslo.example.org",
        webCertificateArn: "arn:aws:acm:us-east-1:111111111111:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
      },
      {
        name: "dublin",
        account: "222222222222",
        region: "eu-west-1",
        timeZone: "Europe/Dublin",
        locale: "en",
        senderEmail: "ips@dublin.example.org",
        adminEmails: ["ops@dublin.example.org"],
        digestTime: "07:45",
        summarySchedule: { day: "TUE", time: "08:30" },
      },
    ],
  },
  "test deployments",
).deployments;

/** What the CDK writes to validation-report.json: one report per plugin (rule pack). */
export interface ValidationReport {
  pluginReports: Array<{
    pluginName: string;
    conclusion: "success" | "failure";
    violations: Array<{ ruleName: string; severity?: string; violatingConstructs: Array<{ constructPath?: string }> }>;
    suppressedViolations?: Array<{
      ruleName: string;
      acknowledgedId: string;
      acknowledgedAt: string;
      reason: string;
      violatingConstructs: Array<{ constructPath?: string }>;
    }>;
  }>;
}

export interface Synthesis {
  app: App;
  stacks: IpsflowStack[];
  templates: Map<string, Template>;
  report: ValidationReport;
  outdir: string;
}

/**
 * Synthesizes deployments the way `cdk synth` does: the cdk.json flags, the AWS Solutions and
 * HIPAA Security packs, the CDK's built-in template validation (which throws on an
 * unacknowledged error). esbuild is skipped: these tests are about the templates, and
 * bundling.test.ts bundles every function once.
 */
export function synthesize(deployments: readonly Deployment[]): Synthesis {
  const outdir = scratchDir("ipsflow-cdk-");
  const context = { ...cdkJson.context, "aws:cdk:bundling-stacks": [] };
  const app = new App({ outdir, context });
  const stacks = addDeploymentStacks(app, deployments);
  addSecurityChecks(app);
  app.synth();
  const templates = new Map(stacks.map((stack) => [stack.stackName, Template.fromStack(stack)]));
  const report = JSON.parse(readFileSync(join(outdir, "validation-report.json"), "utf8")) as ValidationReport;
  return { app, stacks, templates, report, outdir };
}

type Resource = { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

export function resourcesOf(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

export function onlyResource(template: Template, type: string): [string, Resource] {
  const entries = Object.entries(resourcesOf(template, type));
  if (entries.length !== 1) throw new Error(`expected exactly one ${type}, found ${entries.length}`);
  return entries[0];
}

export interface PolicyStatementJson {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, unknown>;
  Sid?: string;
}

/** Every statement of the managed policies attached to one role (the role's whole permission set). */
export function statementsOfRole(template: Template, roleLogicalId: string): PolicyStatementJson[] {
  const policies = Object.values(resourcesOf(template, "AWS::IAM::ManagedPolicy")).filter((policy) =>
    ((policy.Properties?.Roles as unknown[]) ?? []).some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId })),
  );
  return policies.flatMap((policy) => (policy.Properties?.PolicyDocument as { Statement: PolicyStatementJson[] }).Statement);
}

export const actionsOf = (statements: PolicyStatementJson[]): string[] =>
  [...new Set(statements.flatMap((statement) => [statement.Action].flat()))].sort();

/** The logical id behind `{ "Fn::GetAtt": [id, "Arn"] }` or `{ Ref: id }`. */
export function logicalIdOf(reference: unknown): string {
  const value = reference as { Ref?: string; "Fn::GetAtt"?: [string, string] };
  const id = value.Ref ?? value["Fn::GetAtt"]?.[0];
  if (!id) throw new Error(`not a reference: ${JSON.stringify(reference)}`);
  return id;
}
