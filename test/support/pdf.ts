import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { dirname, join, normalize } from "node:path";
import type { Browser } from "playwright-core";
import { newPage } from "./browser";

/**
 * Reading a PDF as a person and a program would: its text with pdf.js (Mozilla's reader, in
 * Node), and its first page drawn by pdf.js in the real Chromium the browser tests use.
 */
const pdfjsRoot = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

/** Each page's text as lines, top to bottom; the pieces of a line, left to right, joined by " | ". */
export async function pdfLines(bytes: Uint8Array): Promise<string[][]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const loading = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: `${join(pdfjsRoot, "standard_fonts")}/`,
    useSystemFonts: false,
    verbosity: 0,
  });
  const doc = await loading.promise;
  const pages: string[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    const rows = new Map<number, Array<{ x: number; text: string }>>();
    for (const item of content.items) {
      if (!("str" in item) || item.str.trim() === "") continue;
      const y = Math.round(item.transform[5]);
      const row = rows.get(y) ?? [];
      row.push({ x: item.transform[4], text: item.str });
      rows.set(y, row);
    }
    pages.push(
      [...rows.entries()]
        .sort(([a], [b]) => b - a)
        .map(([, row]) =>
          row
            .sort((a, b) => a.x - b.x)
            .map((piece) => piece.text)
            .join(" | "),
        ),
    );
  }
  await loading.destroy();
  return pages;
}

/**
 * Draws page 1 in Chromium with pdf.js onto a canvas (fonts from pdf.js's own standard fonts,
 * nothing from the machine), saves a screenshot of it to `screenshotPath` and tells how much of it
 * is ink: a blank page has none. pdf.js and the PDF are served from loopback.
 */
export async function renderFirstPage(browser: Browser, bytes: Uint8Array, screenshotPath: string) {
  const files: Partial<Record<string, () => Promise<{ type: string; body: Buffer | Uint8Array | string }>>> = {
    "/": async () => ({ type: "text/html", body: '<!DOCTYPE html><html lang="en"><title>PDF</title><body style="margin:0;background:#fff"><canvas></canvas></body></html>' }),
    "/report.pdf": async () => ({ type: "application/pdf", body: bytes }),
  };
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const own = files[path];
    // pdf.js's module, its worker and its standard fonts, from the package only.
    const file = own ? undefined : normalize(join(pdfjsRoot, path));
    if (!own && !(file!.startsWith(join(pdfjsRoot, "build")) || file!.startsWith(join(pdfjsRoot, "standard_fonts")))) return res.writeHead(404).end();
    try {
      const { type, body } = own ? await own() : { type: file!.endsWith(".mjs") ? "text/javascript" : "application/octet-stream", body: await readFile(file!) };
      res.writeHead(200, { "content-type": type }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { context, page } = await newPage(browser, { width: 900, height: 1300 });
  try {
    await page.goto(`${origin}/`);
    // Runs in the page; the test's own tsconfig has no DOM types.
    const drawn = await page.evaluate<{ pages: number; width: number; height: number; ink: number }>(`(async () => {
      const pdfjs = await import("${origin}/build/pdf.mjs");
      pdfjs.GlobalWorkerOptions.workerSrc = "${origin}/build/pdf.worker.mjs";
      const doc = await pdfjs.getDocument({ url: "${origin}/report.pdf", standardFontDataUrl: "${origin}/standard_fonts/", useSystemFonts: false }).promise;
      const first = await doc.getPage(1);
      const viewport = first.getViewport({ scale: 1.5 });
      const canvas = document.querySelector("canvas");
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      await first.render({ canvas, viewport }).promise;
      const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      let ink = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 160 && pixels[i + 1] < 160 && pixels[i + 2] < 160) ink++;
      return { pages: doc.numPages, width: canvas.width, height: canvas.height, ink };
    })()`);
    await page.locator("canvas").screenshot({ path: screenshotPath, animations: "disabled" });
    return drawn;
  } finally {
    await context.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
