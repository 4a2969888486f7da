import { spawnSync } from "node:child_process";
import { builtinModules } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { App, Stack } from "aws-cdk-lib";
import { Key } from "aws-cdk-lib/aws-kms";
import type { CfnFunction } from "aws-cdk-lib/aws-lambda";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IpsflowFunction, requireBanner } from "../../infra/constructs/function";
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

  it("maps back to the handler without shipping source text", () => {
    const map = JSON.parse(read(name, "index.mjs.map")) as { sources: string[]; sourcesContent?: unknown };
    expect(map.sourcesContent).toBeUndefined();
    expect(map.sources.some((source) => source.endsWith(`functions/${name}/handler.ts`))).toBe(true);
  });
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
