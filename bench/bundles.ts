/**
 * `npm run bench:bundles`: each Lambda's bundle as the stack builds it (esbuild: one minified ES
 * module for Node 22, the AWS SDK inside, the same banner as infra/constructs/function.ts), its
 * size, what makes it up, and how long Node 22 takes to import it, as a ratio to an empty
 * handler's bundle built the same way (the ratio holds on a faster or slower machine; the
 * milliseconds do not). Nothing is deployed or mocked.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import { functionSpecs } from "../infra/functions";
import { requireBanner, bundleAliases } from "../infra/constructs/function";
import { projectRoot } from "../infra/paths";
import { localDeployment } from "../core/config/deployment";

const runs = 15;
const targets = { api: 400 * 1024, "digest-specialists": 500 * 1024, "digest-send": 500 * 1024 } as Record<string, number | undefined>;

const outdir = mkdtempSync(join(tmpdir(), "ipsflow-bundles-"));
const emptyEntry = join(outdir, "empty.ts");
writeFileSync(emptyEntry, "export const handler = async () => ({});\n");

async function bundle(name: string, entry: string) {
  const outfile = join(outdir, name, "index.mjs");
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    mainFields: ["module", "main"],
    banner: { js: requireBanner },
    alias: bundleAliases(projectRoot, localDeployment.holidayCountry),
    minify: true,
    metafile: true,
    logLevel: "silent",
  });
  return { outfile, bytes: statSync(outfile).size, metafile: result.metafile };
}

/** Wall time of importing the bundle in a fresh Node process (the process start excluded). */
function importMs(file: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(file)});console.log(performance.now()-t)`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, AWS_REGION: "eu-north-1" } });
  if (run.status !== 0) throw new Error(`importing ${file} failed: ${run.stderr}`);
  return Number(run.stdout.trim());
}

const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The bundle's import time as a multiple of the empty handler's: `runs` pairs of fresh processes,
 * the empty one and the bundle one after the other, and the median of the pairs' ratios, so that
 * the machine's load, which drifts during a run, weighs on both sides of each ratio alike.
 */
function importRatio(file: string, emptyFile: string): { ratio: number; ms: number } {
  const ratios: number[] = [];
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const unit = importMs(emptyFile);
    const ms = importMs(file);
    ratios.push(ms / unit);
    times.push(ms);
  }
  return { ratio: median(ratios), ms: median(times) };
}

/** The packages that weigh most in a bundle, by their share of its output bytes. */
function heaviest(metafile: Metafile, count = 4): string {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const name = match ? match[1] : "ipsflow";
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, bytes]) => `${name} ${kb(bytes)}`)
    .join(", ");
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

const empty = await bundle("empty", emptyEntry);
const emptyMs = median(Array.from({ length: runs }, () => importMs(empty.outfile)));
console.log(
  `ipsflow bundles (esbuild, minified ESM for Node 22, as the stack builds them); import time: median ratio of ${runs} pairs of fresh processes, on ${process.version}`,
);
console.log(`  empty handler: ${kb(empty.bytes)}, import ${emptyMs.toFixed(1)} ms (the ratios' unit)\n`);
console.log("  function             bundle   target   import (× empty)  heaviest parts");
for (const spec of functionSpecs) {
  const built = await bundle(spec.name, join(projectRoot, "functions", spec.name, "handler.ts"));
  const { ratio } = importRatio(built.outfile, empty.outfile);
  const target = targets[spec.name];
  const verdict = target === undefined ? "" : built.bytes <= target ? ` ≤ ${kb(target)} met` : ` ≤ ${kb(target)} MISSED`;
  console.log(
    `  ${spec.name.padEnd(19)}  ${kb(built.bytes).padStart(7)}  ${verdict.padEnd(16)} ${ratio.toFixed(1).padStart(5)}×  ${heaviest(built.metafile)}`,
  );
}
rmSync(outdir, { recursive: true, force: true });
