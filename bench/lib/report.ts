/** Plain-text tables for benchmark output (also pasted into bench/RESULTS.md). */

/** Columns after the first are right-aligned (figures) unless `align: "left"` (label: text rows). */
export function table(rows: string[][], options: { header?: string[]; indent?: string; align?: "left" | "right" } = {}): string {
  const all = options.header ? [options.header, ...rows] : rows;
  const widths = all[0].map((_, col) => Math.max(...all.map((row) => (row[col] ?? "").length)));
  const line = (row: string[]) =>
    row
      .map((cell, col) => (col === 0 || options.align === "left" ? cell.padEnd(widths[col]) : cell.padStart(widths[col])))
      .join("  ")
      .trimEnd();
  const indent = options.indent ?? "  ";
  const out = all.map((row) => indent + line(row));
  if (options.header) out.splice(1, 0, indent + widths.map((w) => "-".repeat(w)).join("  "));
  return out.join("\n");
}

/** A number with sensible precision: 1,234 / 12.3 / 0.123 / 0.00123. */
export function num(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString("en-US");
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  if (abs === 0) return "0";
  return value.toPrecision(3);
}

export const usd = (value: number): string => `$${value >= 1 ? value.toFixed(2) : value.toPrecision(3)}`;

/** How many times the naive figure is ipsflow's. */
export function ratio(naive: number, ours: number): string {
  if (ours === 0) return naive === 0 ? "=" : "∞";
  const r = naive / ours;
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`;
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** A whole count: 1,234. */
export const count = (value: number): string => value.toLocaleString("en-US");
