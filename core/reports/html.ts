import escapeHtml from "escape-html";
import type { ReportBlock, ReportDocument } from "./document";

/**
 * A report as one HTML page to read, print or save: no script, no image, no external resource,
 * one inline style sheet. Every value is escaped (escape-html, as in the emails) as it is
 * written, so an employer's name can never become markup.
 */
const style = `
body{margin:0;background:#f4f4f4;color:#1a1a1a;font:15px/1.45 Arial,Helvetica,sans-serif}
main{max-width:760px;margin:0 auto;padding:24px;background:#fff}
h1{margin:0;font-size:24px;line-height:1.3}
.subtitle{margin:0 0 16px;color:#555}
h2{margin:28px 0 8px;font-size:18px;line-height:1.3}
table{border-collapse:collapse;width:100%;margin:0 0 12px;font-size:14px}
th,td{padding:6px 8px;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #c8c8c8}
table.facts{width:auto}
table.facts th{font-weight:normal;color:#555;padding-left:0}
footer{margin-top:24px;padding-top:12px;border-top:1px solid #e3e3e3;font-size:12px;color:#555}
@media print{body{background:#fff}main{max-width:none;padding:0}}
`.trim();

const cell = (text: string) => (text === "" ? "&ndash;" : escapeHtml(text));

function htmlBlock(block: ReportBlock): string {
  switch (block.kind) {
    case "title":
      return `<h1>${escapeHtml(block.text)}</h1>`;
    case "subtitle":
      return `<p class="subtitle">${escapeHtml(block.text)}</p>`;
    case "heading":
      return `<h2 id="${escapeHtml(block.section)}">${escapeHtml(block.text)}</h2>`;
    case "paragraph":
      return `<p>${escapeHtml(block.text)}</p>`;
    case "footer":
      return `<footer>${escapeHtml(block.text)}</footer>`;
    case "facts":
      return `<table class="facts"><tbody>${block.rows
        .map((row) => `<tr><th scope="row">${escapeHtml(row.label)}</th><td>${cell(row.value)}</td></tr>`)
        .join("")}</tbody></table>`;
    case "table": {
      const head = block.columns.map((column) => `<th scope="col">${escapeHtml(column.header)}</th>`).join("");
      const rows = block.rows.map((row) => `<tr>${row.map((value) => `<td>${cell(value)}</td>`).join("")}</tr>`).join("");
      return `<table data-section="${escapeHtml(block.section)}" aria-labelledby="${escapeHtml(block.section)}"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    }
  }
}

export function renderReportHtml(doc: ReportDocument): string {
  return [
    "<!DOCTYPE html>",
    `<html lang="${escapeHtml(doc.lang)}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(doc.title)}</title><style>${style}</style></head>`,
    "<body><main>",
    ...doc.blocks.map(htmlBlock),
    "</main></body>",
    "</html>",
    "",
  ].join("\n");
}
