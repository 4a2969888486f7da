import { describe, expect, it } from "vitest";
import { expectNoPersonalData } from "../../support/privacy";

describe("expectNoPersonalData", () => {
  it("passes when none of the strings occurs", () => {
    expect(() => expectNoPersonalData("K.L. · Ta første arbeidsgiverkontakt", ["Kari Nordmann", "psykose"])).not.toThrow();
  });

  it("fails on a forbidden string whatever its case, naming it", () => {
    expect(() => expectNoPersonalData("Deltaker KARI NORDMANN har time", ["Kari Nordmann"])).toThrow(/Kari Nordmann/);
    expect(() => expectNoPersonalData("Mistanke om Psykose", ["psykose"])).toThrow(/psykose/);
  });

  it("fails on the HTML-escaped form of a forbidden string", () => {
    expect(() => expectNoPersonalData("<td>Siobhan O&#39;Brien</td>", ["Siobhan O'Brien"])).toThrow(/O'Brien/);
  });

  it("refuses a list that would make it pass vacuously", () => {
    expect(() => expectNoPersonalData("anything", [])).toThrow(/non-empty/);
    expect(() => expectNoPersonalData("anything", ["Kari", " "])).toThrow(/non-blank/);
  });
});
