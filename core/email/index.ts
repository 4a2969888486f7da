/** Email rendering: pure functions from figures to subject, HTML and plain text. */
export { renderDigest } from "./digest";
export { renderWeeklySummary } from "./weekly-summary";
export { catalogue, catalogues, type Catalogue } from "./i18n";
export type * from "./types";
