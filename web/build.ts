import { buildSync, type Metafile } from "esbuild";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

const webRoot = import.meta.dirname;

/** One file of the built app: its path under the app's root and its bytes. */
export interface WebAppFile {
  path: string;
  contents: Uint8Array;
}

/**
 * Bundles the web app: `index.html` and content-hashed files under `assets/`, so a CDN may cache
 * the assets for ever and only `index.html` and `config.json` are read fresh. `config.json` is not
 * part of the build: each runtime writes its own beside it, so one build serves every region.
 * Synchronous, because the CDK's local bundling hook is.
 */
export function bundleWebApp(options: { minify?: boolean } = {}): WebAppFile[] {
  const result = buildSync({
    entryPoints: [join(webRoot, "src", "main.tsx")],
    outdir: "/assets",
    entryNames: "[name]-[hash]",
    assetNames: "[name]-[hash]",
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: ["es2022", "safari16"],
    jsx: "automatic",
    jsxImportSource: "preact",
    minify: options.minify ?? true,
    legalComments: "none",
    metafile: true,
    logLevel: "error",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  const assets = result.outputFiles.map((file) => ({ path: `assets/${basename(file.path)}`, contents: file.contents }));
  const outputs = Object.keys((result.metafile as Metafile).outputs).map((file) => basename(file));
  const script = outputs.find((file) => file.endsWith(".js"));
  const style = outputs.find((file) => file.endsWith(".css"));
  if (!script || !style) throw new Error("web build: expected one script and one style sheet");
  const html = readFileSync(join(webRoot, "index.html"), "utf8")
    .replace("%SCRIPT%", `/assets/${script}`)
    .replace("%STYLE%", `/assets/${style}`);
  return [{ path: "index.html", contents: new TextEncoder().encode(html) }, ...assets];
}

/** Builds the web app into `outdir` (emptied first): what the region stack uploads. */
export function buildWebApp(options: { outdir: string; minify?: boolean }): { files: string[] } {
  rmSync(options.outdir, { recursive: true, force: true });
  const files = bundleWebApp(options);
  for (const file of files) {
    const target = join(options.outdir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
  }
  return { files: files.map((file) => file.path) };
}
