import { buildSync } from "esbuild";
import { join } from "node:path";
const r = buildSync({ entryPoints: [join(process.cwd(), "web", "src", "main.tsx")], outdir: "/assets", bundle: true, write: false, format: "esm", platform: "browser", target: ["es2022", "safari16"], jsx: "automatic", jsxImportSource: "preact", minify: true, legalComments: "none", metafile: true, logLevel: "error", define: { "process.env.NODE_ENV": '"production"' } });
const by = new Map<string, number>(); let total = 0;
for (const o of Object.values(r.metafile!.outputs)) for (const [input, { bytesInOutput }] of Object.entries(o.inputs)) { const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input); const key = m ? m[1] : input.split("/").slice(0, 2).join("/"); by.set(key, (by.get(key) ?? 0) + bytesInOutput); total += bytesInOutput; }
console.log("total", (total/1024).toFixed(0)); for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(k, (v / 1024).toFixed(1));
