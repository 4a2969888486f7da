import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { ReportBlock, ReportColumn, ReportDocument } from "./document";

/**
 * A report as an A4 PDF (pdf-lib, pure JavaScript, no Node API): the same blocks as the HTML, in
 * the standard Helvetica fonts, which every PDF reader has, so nothing is embedded. Their
 * encoding (WinAnsi) covers Norwegian (æ ø å Æ Ø Å) and the rest of Western Europe; any other
 * character (a Sámi letter in an employer's name, say) is written without its accent where that
 * is enough, else as "?", never dropped silently into an exception. Long text wraps within its
 * column; a table that runs off a page goes on on the next under its header again; every page
 * carries the report's title, the participant's code and its number.
 */

const A4: [number, number] = [595.28, 841.89];
const margin = { x: 56, top: 56, bottom: 64 };
const size = { title: 20, subtitle: 11, heading: 13, body: 10, table: 9.5, footer: 8.5 };
const leading = 1.35;
const ink = rgb(0.1, 0.1, 0.1);
const grey = rgb(0.33, 0.33, 0.33);
const rule = rgb(0.8, 0.8, 0.8);
const lightRule = rgb(0.89, 0.89, 0.89);

export interface PdfOptions {
  /** When the report was made: the PDF's creation date (the deployment's clock, not the machine's). */
  createdAt: Date;
}

export async function renderReportPdf(doc: ReportDocument, options: PdfOptions): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  // Metadata are UTF-16 strings: the title keeps every character.
  pdf.setTitle(doc.title, { showInWindowTitleBar: true });
  pdf.setLanguage(doc.lang);
  pdf.setProducer("ipsflow");
  pdf.setCreator("ipsflow");
  pdf.setCreationDate(options.createdAt);
  pdf.setModificationDate(options.createdAt);
  const fonts = { regular: await pdf.embedFont(StandardFonts.Helvetica), bold: await pdf.embedFont(StandardFonts.HelveticaBold) };
  const writer = new Writer(pdf, fonts);
  for (const block of doc.blocks) writer.block(block);
  writer.pageFooters(doc.pageFooter);
  return pdf.save({ useObjectStreams: false });
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Lays blocks out top to bottom, page after page. */
class Writer {
  private page!: PDFPage;
  private y = 0;
  private readonly width = A4[0] - 2 * margin.x;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: Fonts,
  ) {
    this.newPage();
  }

  private newPage() {
    this.page = this.pdf.addPage(A4);
    this.y = A4[1] - margin.top;
  }

  /** Makes room for `height` points, on a new page if this one has not got it. */
  private need(height: number) {
    if (this.y - height < margin.bottom) this.newPage();
  }

  private text(text: string, x: number, font: PDFFont, fontSize: number, color = ink) {
    this.page.drawText(text, { x, y: this.y - fontSize, size: fontSize, font, color });
  }

  /** Wrapped lines of a paragraph, then the space under it. */
  private paragraph(text: string, font: PDFFont, fontSize: number, color = ink, after = 6) {
    for (const line of wrap(encodable(text, font), font, fontSize, this.width)) {
      this.need(fontSize * leading);
      this.text(line, margin.x, font, fontSize, color);
      this.y -= fontSize * leading;
    }
    this.y -= after;
  }

  block(block: ReportBlock) {
    switch (block.kind) {
      case "title":
        return this.paragraph(block.text, this.fonts.bold, size.title, ink, 2);
      case "subtitle":
        return this.paragraph(block.text, this.fonts.regular, size.subtitle, grey, 14);
      case "heading":
        // A heading never ends a page alone: keep room for it and two lines under it.
        this.y -= 10;
        this.need(size.heading * leading + 3 * size.table * leading);
        return this.paragraph(block.text, this.fonts.bold, size.heading, ink, 4);
      case "paragraph":
        return this.paragraph(block.text, this.fonts.regular, size.body);
      case "footer":
        this.y -= 12;
        return this.paragraph(block.text, this.fonts.regular, size.footer, grey);
      case "facts":
        return this.table(
          [
            { header: "", width: 0.38 },
            { header: "", width: 0.62 },
          ],
          block.rows.map((row) => [row.label, row.value]),
          { header: false, labelColumn: true },
        );
      case "table":
        return this.table(block.columns, block.rows, { header: true, labelColumn: false });
    }
  }

  private table(columns: ReportColumn[], rows: string[][], options: { header: boolean; labelColumn: boolean }) {
    const pad = 4;
    const fontSize = size.table;
    const lineHeight = fontSize * leading;
    const widths = columns.map((column) => column.width * this.width);
    const xs = widths.map((_, i) => margin.x + widths.slice(0, i).reduce((sum, w) => sum + w, 0));
    const linesOf = (row: string[], font: (i: number) => PDFFont) =>
      row.map((value, i) => wrap(encodable(value === "" ? "–" : value, font(i)), font(i), fontSize, widths[i] - 2 * pad));

    const drawRow = (cells: string[][], font: (i: number) => PDFFont, color: (i: number) => ReturnType<typeof rgb>, line: ReturnType<typeof rgb>, thickness: number) => {
      const height = Math.max(...cells.map((lines) => lines.length)) * lineHeight + 2 * pad;
      cells.forEach((lines, i) => {
        lines.forEach((text, n) => {
          this.page.drawText(text, { x: xs[i] + pad, y: this.y - pad - fontSize - n * lineHeight + 1.5, size: fontSize, font: font(i), color: color(i) });
        });
      });
      this.y -= height;
      this.page.drawLine({ start: { x: margin.x, y: this.y }, end: { x: margin.x + this.width, y: this.y }, thickness, color: line });
    };
    const header = () => {
      const cells = linesOf(
        columns.map((column) => column.header),
        () => this.fonts.bold,
      );
      drawRow(cells, () => this.fonts.bold, () => ink, rule, 1);
    };

    const bodyFont = () => this.fonts.regular;
    const bodyColor = (i: number) => (options.labelColumn && i === 0 ? grey : ink);
    const headerHeight = options.header ? lineHeight + 2 * pad : 0;
    let headerPage: PDFPage | undefined;
    for (const row of rows) {
      const cells = linesOf(row, bodyFont);
      const height = Math.max(...cells.map((lines) => lines.length)) * lineHeight + 2 * pad;
      // A row never splits; on a new page the table's header comes again first.
      if (this.y - height - (this.page === headerPage ? 0 : headerHeight) < margin.bottom) this.newPage();
      if (options.header && this.page !== headerPage) {
        header();
        headerPage = this.page;
      }
      drawRow(cells, bodyFont, bodyColor, lightRule, 0.5);
    }
    this.y -= 8;
  }

  /** The running footer of every page: title, code, page n of m. */
  pageFooters(footer: (n: number, of: number) => string) {
    const pages = this.pdf.getPages();
    pages.forEach((page, i) => {
      const text = encodable(footer(i + 1, pages.length), this.fonts.regular);
      page.drawLine({ start: { x: margin.x, y: margin.bottom - 20 }, end: { x: A4[0] - margin.x, y: margin.bottom - 20 }, thickness: 0.5, color: lightRule });
      page.drawText(text, { x: margin.x, y: margin.bottom - 20 - 12, size: size.footer, font: this.fonts.regular, color: grey });
    });
  }
}

/** Lines of at most `maxWidth` points; a word longer than a line is broken where it must. */
export function wrap(text: string, font: PDFFont, fontSize: number, maxWidth: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, fontSize) <= maxWidth;
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (!fits(rest)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

const characterSets = new WeakMap<PDFFont, Set<number>>();

/**
 * The text in characters the font can encode: control characters become spaces, a character
 * outside the font's encoding its base letter (NFKD without the accents) when that is
 * encodable, else "?".
 */
export function encodable(text: string, font: PDFFont): string {
  let set = characterSets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    characterSets.set(font, set);
  }
  const known = set;
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += " ";
    else if (known.has(code)) out += char;
    else {
      const base = char.normalize("NFKD").replace(/\p{M}/gu, "");
      out += base !== "" && [...base].every((c) => known.has(c.codePointAt(0)!)) ? base : "?";
    }
  }
  return out;
}
