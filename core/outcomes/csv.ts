import { stringify } from "csv-stringify/sync";
import type { Locale } from "../domain/schemas";
import { figureValues, roundedValue } from "./columns";
import type { OutcomeReport } from "./report";
import { outcomeWords } from "./words";

export { outcomeCsvFileName } from "./words";

/**
 * The report as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads æøå), a header
 * row, then one row per team and (for the whole deployment) a last row for all teams, one column
 * per figure. In bokmål the cells are separated by semicolons and decimals take a comma, as Excel
 * with Norwegian settings reads a CSV; in English, commas and decimal points. Shares are
 * percentages with at most one decimal, medians have at most two; an empty cell is a share or
 * median of nothing. csv-stringify does the quoting.
 */
export function outcomeCsv(report: OutcomeReport, locale: Locale): string {
  const words = outcomeWords[locale];
  const [delimiter, decimalMark] = locale === "nb" ? [";", ","] : [",", "."];
  const header = [
    words.quarter,
    words.team,
    words.teamId,
    ...figureValues(report.figures).map(({ key }) =>
      typeof key === "string" ? words.figure[key] : words.exitColumn(words.exitReason[key.exitReason]),
    ),
  ];
  const cells = (figures: OutcomeReport["figures"]) =>
    figureValues(figures).map((figure) => {
      const value = roundedValue(figure);
      return value === null ? "" : String(value).replace(".", decimalMark);
    });
  const rows = report.teams.map((team) => [report.quarter, asText(team.teamName), team.teamId, ...cells(team.figures)]);
  if (report.teamId === undefined) rows.push([report.quarter, words.allTeams, "", ...cells(report.figures)]);
  return stringify([header, ...rows], { delimiter, bom: true, record_delimiter: "windows" });
}

/** A name a spreadsheet must not take for a formula ("=…", "+…", "-…", "@…"): shown as text. */
const asText = (name: string) => (/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);
