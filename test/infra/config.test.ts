import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appUrlOf, deploymentSchema, localDeployment, parseDeployments } from "../../core/config/deployment";
import { signInDomainPrefix } from "../../infra/names";
import { exampleDeploymentsFileName, loadDeployments, selectDeployments } from "../../infra/deployments";
import { projectRoot } from "../../infra/paths";
import { cdkJson, removeScratchDirs, scratchDir } from "./support";

const scratch = () => scratchDir("ipsflow-config-");

afterAll(removeScratchDirs);

const entry = (name: string, region: string) => ({
  name,
  region,
  senderEmail: `ips@${name}.example.org`,
  adminEmails: [`admin@${name}.example.org`],
});

/**
 * Runs the app exactly as `cdk synth` does (the "app" command of cdk.json, from the project
 * root), with CDK's context variable. Bundling is skipped: this is about choosing stacks.
 */
function runCdkApp(context: Record<string, unknown>) {
  const outdir = scratch();
  const [command, ...args] = cdkJson.app.split(" ");
  const run = spawnSync(join(projectRoot, command), args, {
    cwd: projectRoot,
    encoding: "utf8",
    timeout: 120_000,
    env: {
      ...process.env,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJson.context, "aws:cdk:bundling-stacks": [], ...context }),
      // Template validation has its own test (stack.test.ts); this run is about choosing stacks.
      CDK_VALIDATION: "false",
    },
  });
  return { ...run, outdir };
}

describe("deployments file", () => {
  it("reads deployments.json when there is one", () => {
    const dir = scratch();
    writeFileSync(join(dir, "deployments.json"), JSON.stringify({ deployments: [entry("tromso", "eu-north-1")] }));
    copyFileSync(join(projectRoot, exampleDeploymentsFileName), join(dir, exampleDeploymentsFileName));
    const loaded = loadDeployments(dir);
    expect(loaded.source).toBe("deployments.json");
    expect(loaded.file.deployments.map((deployment) => deployment.name)).toEqual(["tromso"]);
  });

  it("falls back to the committed example, which is valid and spans two regions", () => {
    const dir = scratch();
    copyFileSync(join(projectRoot, exampleDeploymentsFileName), join(dir, exampleDeploymentsFileName));
    const loaded = loadDeployments(dir);
    expect(loaded.source).toBe(exampleDeploymentsFileName);
    const regions = new Set(loaded.file.deployments.map((deployment) => deployment.region));
    expect(regions.size).toBeGreaterThanOrEqual(2);
    // Each is judged by its own country's holidays; Norway's unless the entry names another.
    expect(loaded.file.deployments.map((deployment) => deployment.holidayCountry)).toEqual(["NO", "IE"]);
  });

  it("says so when there is no file at all", () => {
    expect(() => loadDeployments(scratch())).toThrow(/Neither deployments.json nor deployments.example.json/);
  });

  it("names the file when it is not JSON", () => {
    const dir = scratch();
    writeFileSync(join(dir, "deployments.json"), "{ deployments: [");
    expect(() => loadDeployments(dir)).toThrow(/Invalid deployments.json: not JSON/);
  });

  it("names the deployment and the field of a bad entry", () => {
    const dir = scratch();
    writeFileSync(
      join(dir, "deployments.json"),
      JSON.stringify({ deployments: [{ ...entry("bergen", "eu-north-1"), digestTime: "8am" }, { ...entry("stavanger", "norway"), timeZone: "Europe/Stavanger", holidayCountry: "XX" }] }),
    );
    let message = "";
    try {
      loadDeployments(dir);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid deployments.json:/);
    expect(message).toMatch(/deployment "bergen": digestTime: must be HH:MM/);
    expect(message).toMatch(/deployment "stavanger": region: must be an AWS region/);
    expect(message).toMatch(/deployment "stavanger": timeZone: must be an IANA time zone/);
    expect(message).toMatch(/deployment "stavanger": holidayCountry: .*"NO"\|"SE"\|"DK"\|"FI"\|"IE"/);
  });

  it("selects one deployment by name, or all, and lists the names it knows when asked for another", () => {
    const file = parseDeployments({ deployments: [entry("oslo", "eu-north-1"), entry("dublin", "eu-west-1")] });
    expect(selectDeployments(file).map((deployment) => deployment.name)).toEqual(["oslo", "dublin"]);
    expect(selectDeployments(file, "dublin").map((deployment) => deployment.name)).toEqual(["dublin"]);
    expect(() => selectDeployments(file, "bergen", "deployments.json")).toThrow('Unknown deployment "bergen" (-c deployment=...); deployments.json defines: oslo, dublin');
  });
});

describe("the web app's URL and sign-in domain", () => {
  const certificate = "arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
  /** The message of the error that parsing one deployment with these fields throws ("" when it parses). */
  const problems = (fields: Record<string, unknown>) => {
    try {
      parseDeployments({ deployments: [{ ...entry("oslo", "eu-north-1"), ...fields }] }, "deployments.json");
      return "";
    } catch (error) {
      return (error as Error).message;
    }
  };

  it("serves at the CloudFront domain when baseUrl is left out, or at baseUrl, an https origin, with its certificate", () => {
    expect(problems({})).toBe("");
    expect(parseDeployments({ deployments: [entry("oslo", "eu-north-1")] }).deployments[0].baseUrl).toBeUndefined();
    expect(problems({ baseUrl: "https://ips.example.org", webCertificateArn: certificate })).toBe("");
    // Kept as the origin: links are built as `${baseUrl}/participants/{id}`.
    const [oslo] = parseDeployments({ deployments: [{ ...entry("oslo", "eu-north-1"), baseUrl: "https://ips.example.org/", webCertificateArn: certificate }] }).deployments;
    expect(oslo.baseUrl).toBe("https://ips.example.org");
  });

  it("names baseUrl when it has a path, a query or another scheme than https", () => {
    for (const baseUrl of ["https://ips.example.org/app", "https://ips.example.org/?x=1", "http://ips.example.org", "ftp://ips.example.org"]) {
      expect(problems({ baseUrl, webCertificateArn: certificate }), baseUrl).toMatch(/deployment "oslo": baseUrl: must be an https origin without a path/);
    }
    // Loopback over http is the local runtime's; a stack in AWS is served by CloudFront over https.
    expect(problems({ baseUrl: "http://127.0.0.1:3000", webCertificateArn: certificate })).toMatch(/deployment "oslo": baseUrl: must be https in AWS/);
  });

  it("names webCertificateArn when baseUrl comes without one, without baseUrl, or outside us-east-1", () => {
    expect(problems({ baseUrl: "https://ips.example.org" })).toMatch(
      /deployment "oslo": webCertificateArn: required with baseUrl: an ACM certificate in us-east-1 for ips\.example\.org/,
    );
    expect(problems({ webCertificateArn: certificate })).toMatch(/deployment "oslo": webCertificateArn: only for a baseUrl of your own/);
    expect(problems({ baseUrl: "https://ips.example.org", webCertificateArn: certificate.replace("us-east-1", "eu-north-1") })).toMatch(
      /deployment "oslo": webCertificateArn: must be the ARN of an ACM certificate in us-east-1/,
    );
  });

  it("accepts a local deployment without baseUrl or with one on loopback over http, and refuses to link without one", () => {
    const local = { ...entry("local", "eu-north-1") };
    expect(deploymentSchema.parse(local).baseUrl).toBeUndefined();
    expect(deploymentSchema.parse({ ...local, baseUrl: "http://127.0.0.1:3000" }).baseUrl).toBe("http://127.0.0.1:3000");
    expect(localDeployment.baseUrl).toBe("http://127.0.0.1:3000");
    expect(() => appUrlOf(deploymentSchema.parse(local))).toThrow('deployment "local" has no baseUrl');
    expect(appUrlOf(localDeployment)).toBe("http://127.0.0.1:3000");
  });

  it("derives a sign-in domain prefix Cognito accepts, or takes signInDomainPrefix, which it checks", () => {
    const oslo = parseDeployments({ deployments: [{ ...entry("oslo", "eu-north-1"), account: "123456789012" }] }).deployments[0];
    const prefix = signInDomainPrefix(oslo);
    expect(prefix).toMatch(/^ipsflow-oslo-[0-9a-f]{8}$/);
    expect(signInDomainPrefix(oslo)).toBe(prefix);
    expect(signInDomainPrefix({ ...oslo, account: "210987654321" })).not.toBe(prefix);
    // A name Cognito would refuse in a prefix stays out of it.
    const aws = signInDomainPrefix({ ...oslo, name: "aws-pilot" });
    expect(aws).toMatch(/^ipsflow-[0-9a-f]{8}$/);
    for (const derived of [prefix, aws, signInDomainPrefix({ ...oslo, name: "a".repeat(31) })]) {
      expect(deploymentSchema.shape.signInDomainPrefix.parse(derived)).toBe(derived);
    }
    expect(problems({ signInDomainPrefix: "ips-oslo" })).toBe("");
    expect(signInDomainPrefix({ ...oslo, signInDomainPrefix: "ips-oslo" })).toBe("ips-oslo");
    expect(problems({ signInDomainPrefix: "my-cognito-login" })).toMatch(/deployment "oslo": signInDomainPrefix: must not contain aws, amazon or cognito/);
    expect(problems({ signInDomainPrefix: "Ips_Oslo" })).toMatch(/deployment "oslo": signInDomainPrefix: must be 1-63 lower-case letters/);
    expect(problems({ signInDomainPrefix: "x".repeat(64) })).toMatch(/deployment "oslo": signInDomainPrefix:/);
  });
});

describe("the cdk.json app", () => {
  it("runs on the project's Node 22 through tsx", () => {
    expect(cdkJson.app).toBe("node_modules/.bin/node --import tsx infra/app.ts");
    const version = spawnSync(join(projectRoot, "node_modules/.bin/node"), ["--version"], { encoding: "utf8" });
    expect(version.stdout).toMatch(/^v22\./);
  });

  it("synthesizes only the deployment named by -c deployment=<name>", () => {
    const dir = scratch();
    const file = join(dir, "deployments.json");
    writeFileSync(file, JSON.stringify({ deployments: [entry("oslo", "eu-north-1"), entry("dublin", "eu-west-1")] }));
    const run = runCdkApp({ deploymentsFile: file, deployment: "dublin" });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(run.outdir, "manifest.json"), "utf8")) as {
      artifacts: Record<string, { type: string; environment?: string }>;
    };
    const stacks = Object.entries(manifest.artifacts).filter(([, artifact]) => artifact.type === "aws:cloudformation:stack");
    expect(stacks.map(([name, artifact]) => [name, artifact.environment])).toEqual([["Ipsflow-dublin", "aws://unknown-account/eu-west-1"]]);
  }, 120_000);

  it("fails synth with a message naming the deployment and the field", () => {
    const dir = scratch();
    const file = join(dir, "deployments.json");
    writeFileSync(file, JSON.stringify({ deployments: [{ ...entry("oslo", "eu-north-1"), adminEmails: [], senderEmail: "ips at oslo" }] }));
    const run = runCdkApp({ deploymentsFile: file });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Invalid .*deployments\.json:/m);
    expect(run.stderr).toMatch(/deployment "oslo": senderEmail:/);
    expect(run.stderr).toMatch(/deployment "oslo": adminEmails:/);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/); // the message, not a stack trace
  }, 120_000);
});
