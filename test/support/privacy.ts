import escapeHtml from "escape-html";
import { expect } from "vitest";

/**
 * Asserts that none of the forbidden strings (full names, diagnosis words, treatment details)
 * occurs in the text, ignoring case, either as written or HTML-escaped (so "O'Brien" is also
 * caught as "O&#39;Brien" in an HTML part). Health data is special-category personal data: email
 * and logs name a participant by code only.
 */
export function expectNoPersonalData(text: string, forbidden: string[]): void {
  // An empty list or a blank word would make the assertion pass (or fail) vacuously.
  if (forbidden.length === 0 || forbidden.some((word) => word.trim() === "")) {
    throw new Error("expectNoPersonalData needs a non-empty list of non-blank strings");
  }
  const haystack = text.toLocaleLowerCase();
  const found = forbidden.filter((word) =>
    [word, escapeHtml(word)].some((form) => haystack.includes(form.toLocaleLowerCase())),
  );
  expect(found, `personal data found: ${found.map((word) => JSON.stringify(word)).join(", ")}`).toEqual([]);
}
