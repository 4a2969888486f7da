import escapeHtml from "escape-html";
import type { Locale } from "../domain/schemas";
import type { RenderedEmail } from "./types";

/**
 * A small document model that both parts of an email are rendered from, so the plain-text part
 * always carries the same facts as the HTML part.
 *
 * All text in the model is raw; the HTML renderer escapes every value (escape-html) as it writes
 * it, so no caller has to remember to.
 *
 * The HTML is what mail clients render reliably: nested tables, inline styles, no scripts, no
 * images, no external style sheets.
 */

export interface Cell {
  text: string;
  /** Makes the cell a link (HTML) and adds the address on the next line (text). */
  href?: string;
  /** Something the reader should act on: shown in red and bold. */
  flag?: boolean;
}

export interface Column {
  header: string;
  /** Prefix the value with the header in the text part, where the value alone would be unclear. */
  labelInText?: boolean;
}

export type Block =
  | { kind: "title"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string; flag?: boolean }
  | { kind: "facts"; rows: Array<{ label: string; value: string }> }
  | { kind: "table"; columns: Column[]; rows: Cell[][] }
  | { kind: "footer"; text: string };

export interface EmailDocument {
  locale: Locale;
  subject: string;
  blocks: Block[];
}

export function renderEmail(doc: EmailDocument): RenderedEmail {
  return { subject: doc.subject, html: renderHtml(doc), text: renderText(doc) };
}

const font = "font-family:Arial,Helvetica,sans-serif;";
const flagStyle = "color:#b00020;font-weight:bold;";
const cellStyle = `${font}padding:6px 8px;border-bottom:1px solid #e3e3e3;vertical-align:top;text-align:left;`;
const headStyle = `${font}padding:6px 8px;border-bottom:2px solid #c8c8c8;vertical-align:bottom;text-align:left;font-weight:bold;`;

function htmlCell(cell: Cell): string {
  if (cell.text === "") return "&ndash;";
  const text = escapeHtml(cell.text);
  const inner = cell.href
    ? `<a href="${escapeHtml(cell.href)}" style="color:#0b57d0;text-decoration:underline;">${text}</a>`
    : text;
  return cell.flag ? `<span style="${flagStyle}">${inner}</span>` : inner;
}

function htmlBlock(block: Block): string {
  switch (block.kind) {
    case "title":
      return `<h1 style="margin:0 0 8px;font-size:22px;line-height:1.3;${font}">${escapeHtml(block.text)}</h1>`;
    case "heading":
      return `<h2 style="margin:24px 0 8px;font-size:17px;line-height:1.3;${font}">${escapeHtml(block.text)}</h2>`;
    case "paragraph":
      return `<p style="margin:0 0 12px;${block.flag ? flagStyle : ""}">${escapeHtml(block.text)}</p>`;
    case "footer":
      return `<p style="margin:24px 0 0;padding-top:12px;border-top:1px solid #e3e3e3;font-size:12px;color:#555555;">${escapeHtml(block.text)}</p>`;
    case "facts": {
      const rows = block.rows
        .map(
          (row) =>
            `<tr><td style="${cellStyle}">${escapeHtml(row.label)}</td><td style="${cellStyle}text-align:right;">${escapeHtml(row.value)}</td></tr>`,
        )
        .join("");
      return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:0 0 12px;font-size:14px;">${rows}</table>`;
    }
    case "table": {
      const head = block.columns.map((column) => `<th style="${headStyle}">${escapeHtml(column.header)}</th>`).join("");
      const rows = block.rows
        .map((row) => `<tr>${row.map((cell) => `<td style="${cellStyle}">${htmlCell(cell)}</td>`).join("")}</tr>`)
        .join("");
      return `<table cellpadding="0" cellspacing="0" border="0" width="100%" style="border-collapse:collapse;width:100%;margin:0 0 12px;font-size:14px;"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    }
  }
}

export function renderHtml(doc: EmailDocument): string {
  const body = doc.blocks.map(htmlBlock).join("\n");
  return [
    "<!DOCTYPE html>",
    `<html lang="${escapeHtml(doc.locale)}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(doc.subject)}</title></head>`,
    `<body style="margin:0;padding:0;background-color:#f4f4f4;">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f4f4;"><tr><td align="center" style="padding:16px 8px;">`,
    `<table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:640px;background-color:#ffffff;"><tr><td style="padding:24px;${font}font-size:15px;line-height:1.45;color:#1a1a1a;">`,
    body,
    "</td></tr></table>",
    "</td></tr></table>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function underline(text: string, char: string): string[] {
  return [text, char.repeat(Math.max(text.length, 3))];
}

function textBlock(block: Block): string[] {
  switch (block.kind) {
    case "title":
      return underline(block.text, "=");
    case "heading":
      return ["", ...underline(block.text, "-")];
    case "paragraph":
      return [block.flag ? `! ${block.text}` : block.text, ""];
    case "footer":
      return ["", "-- ", block.text];
    case "facts":
      return [...block.rows.map((row) => `${row.label}: ${row.value}`), ""];
    case "table":
      return block.rows.flatMap((row) => {
        const parts = row
          .map((cell, i) => {
            if (cell.text === "") return "";
            const text = cell.flag ? `${cell.text} (!)` : cell.text;
            return block.columns[i]?.labelInText ? `${block.columns[i].header}: ${text}` : text;
          })
          .filter((part) => part !== "");
        const links = row.filter((cell) => cell.href).map((cell) => `  ${cell.href}`);
        return [`- ${parts.join(" · ")}`, ...links];
      }).concat("");
  }
}

export function renderText(doc: EmailDocument): string {
  // Blocks end with a blank line and headings start with one: keep a single blank line between.
  return `${doc.blocks.flatMap(textBlock).join("\n").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}
