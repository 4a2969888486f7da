import { spawnSync } from "node:child_process";
import { builtinModules } from "node:module";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { App, Stack } from "aws-cdk-lib";
import { Key } from "aws-cdk-lib/aws-kms";
import type { CfnFunction } from "aws-cdk-lib/aws-lambda";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { Template } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { localDeployment } from "../../core/config/deployment";
import { localCredentials } from "../../local/servers/credentials";
import { listEmailEvents } from "../../adapters/dynamodb/email-events";
import { testClock, testDeps } from "../support/deps";
import { IpsflowFunction, requireBanner } from "../../infra/constructs/function";
import { WebApp } from "../../infra/constructs/web-app";
import { functionSpecs } from "../../infra/functions";
import { projectRoot } from "../../infra/paths";
import { cdkJson, removeScratchDirs, scratchDir } from "./support";

/**
 * Every handler bundled once, by the same construct the stack uses, with the locally installed
 * esbuild (no Docker on this machine, and none needed for `cdk synth`).
 */
const bundles = new Map<string, string>();

beforeAll(() => {
  const outdir = scratchDir("ipsflow-bundles-");
  const app = new App({ outdir, context: cdkJson.context });
  const stack = new Stack(app, "Bundles", { env: { region: "eu-north-1" } });
  const logKey = new Key(stack, "Key");
  const functions = functionSpecs.map(
    (spec) =>
      [
        spec.name,
        new IpsflowFunction(stack, spec.name, {
          spec,
          functionName: `bundle-${spec.name}`,
          projectRoot,
          holidayCountry: "NO",
          environment: {},
          logKey,
          logRetention: RetentionDays.ONE_DAY,
        }),
      ] as const,
  );
  app.synth();
  for (const [name, fn] of functions) {
    // The code asset is staged as asset.<hash> next to the template; S3 gets it as <hash>.zip.
    const code = stack.resolve((fn.function.node.defaultChild as CfnFunction).code) as { s3Key: string };
    bundles.set(name, join(outdir, `asset.${code.s3Key.replace(/\.zip$/, "")}`));
  }
}, 240_000);
afterAll(removeScratchDirs);

const read = (name: string, file: string) => readFileSync(join(bundles.get(name)!, file), "utf8");

describe.each(functionSpecs.map((spec) => spec.name))("%s", (name) => {
  it("is one ES module with a linked source map", () => {
    expect(existsSync(join(bundles.get(name)!, "index.mjs"))).toBe(true);
    expect(read(name, "index.mjs")).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
  });

  it("defines require for the CommonJS parts before anything runs", () => {
    expect(read(name, "index.mjs").startsWith(requireBanner)).toBe(true);
  });

  it("bundles its dependencies, the AWS SDK included: only Node built-ins stay imports", () => {
    // esbuild hoists the static imports of an ES module to its top, right after the banner.
    let rest = read(name, "index.mjs").slice(requireBanner.length).trimStart();
    const imported: string[] = [];
    for (let match; (match = /^import\s*(?:[^"';]*?\sfrom\s*|[^"';]*?from)?\s*["']([^"']+)["'];?\s*/.exec(rest)); ) {
      imported.push(match[1]);
      rest = rest.slice(match[0].length);
    }
    const builtins = new Set([...builtinModules, ...builtinModules.map((module) => `node:${module}`)]);
    expect(imported.filter((specifier) => !builtins.has(specifier))).toEqual([]);
  });

  it("carries the email client only if it sends email: a handler gets the clients its role may call", () => {
    const map = JSON.parse(read(name, "index.mjs.map")) as { sources: string[] };
    const spec = functionSpecs.find((candidate) => candidate.name === name)!;
    expect(map.sources.some((source) => source.includes("node_modules/@aws-sdk/client-sesv2/")), name).toBe(spec.sendsEmail === true);
  });

  it("maps back to the handler without shipping source text", () => {
    const map = JSON.parse(read(name, "index.mjs.map")) as { sources: string[]; sourcesContent?: unknown };
    expect(map.sourcesContent).toBeUndefined();
    expect(map.sources.some((source) => source.endsWith(`functions/${name}/handler.ts`))).toBe(true);
  });
});

it("keeps out of the api what only the reports and the emails need: templates, figures, the PDF and OpenAPI libraries", () => {
  // The api serves every page of the web app; the reports and openapi functions serve the rest.
  const sources = (JSON.parse(read("api", "index.mjs.map")) as { sources: string[] }).sources;
  const carried = (part: string) => sources.filter((source) => source.includes(part));
  expect(carried("core/email/")).toEqual([]);
  expect(carried("core/summary/figures.ts")).toEqual([]);
  expect(carried("node_modules/pdf-lib/")).toEqual([]);
  expect(carried("node_modules/zod-openapi/")).toEqual([]);
  expect(carried("core/calendar/holidays/")).toEqual([expect.stringContaining("core/calendar/holidays/no.json")]);
  // Dates in zones are read from the platform's Intl: no library with zone data of its own.
  expect(carried("node_modules/luxon/")).toEqual([]);
});

it("resolves credentials from the environment only, as Lambda provides them: no profile, SSO or STS clients in any bundle", () => {
  for (const name of bundles.keys()) {
    const map = JSON.parse(read(name, "index.mjs.map")) as { sources: string[] };
    const chain = map.sources.filter((source) =>
      /node_modules\/@aws-sdk\/(credential-provider-(node|ini|sso|process|web-identity|http)|nested-clients)\//.test(source),
    );
    expect(chain, name).toEqual([]);
    expect(map.sources.some((source) => source.includes("node_modules/@aws-sdk/credential-provider-env/")), name).toBe(true);
  }
});

it("runs with the credentials Lambda puts in the environment: the ses-events bundle records a bounce in DynamoDB Local", async () => {
  const deps = await testDeps({ clock: testClock("2026-11-03T08:00:00Z") });
  const event = {
    Records: [
      {
        Sns: {
          Message: JSON.stringify({
            eventType: "Bounce",
            mail: { messageId: "bundle-m-1", timestamp: "2026-11-03T08:00:00Z", destination: ["kari@example.org"] },
            bounce: { bounceType: "Permanent", bouncedRecipients: [{ emailAddress: "kari@example.org" }] },
          }),
        },
      },
    ],
  };
  const url = pathToFileURL(join(bundles.get("ses-events")!, "index.mjs")).href;
  const script = `const { handler } = await import(${JSON.stringify(url)});
    await handler(${JSON.stringify(event)}, { functionName: "ses-events", awsRequestId: "bundle-run" });`;
  const run = spawnSync(join(projectRoot, "node_modules/.bin/node"), ["--input-type=module", "-e", script], {
    encoding: "utf8",
    // What Lambda sets (the role's credentials, the region), what the stack sets, and the local table's endpoint.
    env: {
      PATH: process.env.PATH,
      AWS_REGION: "eu-north-1",
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      AWS_SESSION_TOKEN: "session",
      AWS_ENDPOINT_URL_DYNAMODB: inject("dynamodbEndpoint"),
      TABLE_NAME: deps.tableName,
      IPSFLOW_DEPLOYMENT: JSON.stringify(localDeployment),
    },
    timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(0);
  const recorded = await listEmailEvents(deps, "2026-11-01");
  expect(recorded.map((e) => e.messageId)).toEqual(["bundle-m-1"]);
}, 60_000);

describe("a deployment that names another country's holidays", () => {
  /** The digest's first step bundled for an Irish deployment, as its stack would. */
  let irish: string;
  const ireland = { ...localDeployment, name: "ireland", timeZone: "Europe/Dublin", locale: "en" as const, holidayCountry: "IE" as const };

  beforeAll(() => {
    const outdir = scratchDir("ipsflow-bundles-ie-");
    const app = new App({ outdir, context: cdkJson.context });
    const stack = new Stack(app, "Ireland", { env: { region: "eu-west-1" } });
    const fn = new IpsflowFunction(stack, "DigestSpecialists", {
      spec: functionSpecs.find((spec) => spec.name === "digest-specialists")!,
      functionName: "bundle-ie-digest-specialists",
      projectRoot,
      holidayCountry: ireland.holidayCountry,
      environment: {},
      logKey: new Key(stack, "Key"),
      logRetention: RetentionDays.ONE_DAY,
    });
    app.synth();
    const code = stack.resolve((fn.function.node.defaultChild as CfnFunction).code) as { s3Key: string };
    irish = join(outdir, `asset.${code.s3Key.replace(/\.zip$/, "")}`);
  }, 120_000);

  it("carries that country's table alone", () => {
    const sources = (JSON.parse(readFileSync(join(irish, "index.mjs.map"), "utf8")) as { sources: string[] }).sources;
    expect(sources.filter((source) => source.includes("core/calendar/holidays/"))).toEqual([expect.stringContaining("core/calendar/holidays/ie.json")]);
  });

  /** The bundle's answer at a moment: the system clock is the one boundary set here, in the spawned process alone. */
  async function planAt(instant: string) {
    const deps = await testDeps({ clock: testClock(instant) });
    const url = pathToFileURL(join(irish, "index.mjs")).href;
    const script = `const fixed = Date.parse(${JSON.stringify(instant)}); const System = Date;
      globalThis.Date = class extends System { constructor(...a) { a.length ? super(...a) : super(fixed); } static now() { return fixed; } };
      const { handler } = await import(${JSON.stringify(url)});
      console.log(JSON.stringify(await handler({}, { functionName: "digest-specialists", awsRequestId: "bundle-ie" })));`;
    const run = spawnSync(join(projectRoot, "node_modules/.bin/node"), ["--input-type=module", "-e", script], {
      encoding: "utf8",
      env: {
        PATH: process.env.PATH,
        AWS_REGION: "eu-west-1",
        AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
        AWS_ENDPOINT_URL_DYNAMODB: inject("dynamodbEndpoint"),
        TABLE_NAME: deps.tableName,
        IPSFLOW_DEPLOYMENT: JSON.stringify(ireland),
        POWERTOOLS_LOG_LEVEL: "ERROR",
      },
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { workingDay: boolean; date: string };
  }

  it("judges working days by it: no digest on St Patrick's Day, one on Norway's Constitution Day", async () => {
    expect(await planAt("2027-03-17T08:00:00Z")).toMatchObject({ workingDay: false, date: "2027-03-17" });
    expect(await planAt("2027-05-17T07:00:00Z")).toMatchObject({ workingDay: true, date: "2027-05-17" });
  }, 60_000);
});

it("loads every bundle on Node 22 without side effects and finds the handler", () => {
  const urls = [...bundles.values()].map((dir) => pathToFileURL(join(dir, "index.mjs")).href);
  const script = `
    for (const url of ${JSON.stringify(urls)}) {
      const module = await import(url);
      if (typeof module.handler !== "function") throw new Error(url + " exports no handler function");
    }`;
  // A clean environment, as in a fresh Lambda: importing must not need the deployment's variables.
  const run = spawnSync(join(projectRoot, "node_modules/.bin/node"), ["--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { PATH: process.env.PATH },
    timeout: 60_000,
  });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
}, 60_000);

describe("the web app", () => {
  /** The folders the stack's WebApp construct uploads, built as `cdk synth` builds them (locally, esbuild). */
  let uploads: Array<{ include?: string[]; exclude?: string[]; dirs: string[] }>;

  beforeAll(() => {
    const outdir = scratchDir("ipsflow-web-");
    const app = new App({ outdir, context: cdkJson.context });
    const stack = new Stack(app, "Web", { env: { account: "111111111111", region: "eu-north-1" } });
    const web = new WebApp(stack, "Web", {
      resourcePrefix: "bundle",
      webRoot: join(projectRoot, "web"),
      connectTo: [],
      logKey: new Key(stack, "Key"),
      logRetention: RetentionDays.ONE_DAY,
    });
    web.publish({
      apiUrl: "https://a1b2c3d4e5.execute-api.eu-north-1.amazonaws.com",
      timeZone: "Europe/Oslo",
      locale: "nb",
      auth: { mode: "cognito", authority: "https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_AbC", clientId: "client", signInDomain: "https://x.auth.eu-north-1.amazoncognito.com" },
    });
    app.synth();
    const resources = Template.fromStack(stack).findResources("Custom::CDKBucketDeployment") as Record<string, { Properties: Record<string, unknown> }>;
    uploads = Object.values(resources).map(({ Properties: props }) => ({
      include: props.Include as string[] | undefined,
      exclude: props.Exclude as string[] | undefined,
      dirs: (props.SourceObjectKeys as string[]).map((key) => join(outdir, `asset.${key.replace(/\.zip$/, "")}`)),
    }));
  }, 120_000);

  it("uploads the build itself: index.html naming its content-hashed script and style sheet under assets/", () => {
    expect(uploads).toHaveLength(2);
    // One build, uploaded by both: the assets, and index.html with config.json beside it.
    const [build] = uploads[0].dirs;
    expect(uploads[1].dirs[0]).toBe(build);
    const html = readFileSync(join(build, "index.html"), "utf8");
    const assets = readdirSync(join(build, "assets"));
    const script = assets.find((file) => /^main-[A-Z0-9]+\.js$/.test(file));
    const style = assets.find((file) => /^main-[A-Z0-9]+\.css$/.test(file));
    expect(script, assets.join(", ")).toBeDefined();
    expect(style, assets.join(", ")).toBeDefined();
    expect(html).toContain(`src="/assets/${script}"`);
    expect(html).toContain(`href="/assets/${style}"`);
    expect(html).not.toMatch(/%SCRIPT%|%STYLE%/);
    // The run-time config is no part of the build: each deployment uploads its own.
    expect(existsSync(join(build, "config.json"))).toBe(false);
  });

  it("uploads the deployment's config.json beside index.html", () => {
    const entry = uploads.find((upload) => upload.include === undefined)!;
    expect(entry.dirs).toHaveLength(2);
    const config = JSON.parse(readFileSync(join(entry.dirs[1], "config.json"), "utf8")) as { apiUrl: string; auth: { mode: string } };
    expect(config.apiUrl).toBe("https://a1b2c3d4e5.execute-api.eu-north-1.amazonaws.com");
    expect(config.auth.mode).toBe("cognito");
  });
});
