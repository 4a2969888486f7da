import { describe, expect, it } from "vitest";
import { obligationKinds, phases, type Locale } from "../../../core/domain/schemas";
import { catalogue, catalogues, type Catalogue } from "../../../core/email";
import { expectNoPersonalData } from "../../support/privacy";
import { healthWords } from "./fixtures";

/** Every string the catalogue holds, plus each phrase as it reads for 0, 1 and 2. */
function allWording(words: Catalogue): string[] {
  const strings: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === "string") strings.push(value);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk(words);
  const d = words.digest;
  const s = words.summary;
  for (const n of [0, 1, 2]) {
    strings.push(
      d.subject({ overdue: n, today: n, upcoming: n }),
      d.subject({ overdue: 0, today: 0, upcoming: n }),
      d.daysOverdue(n),
      d.dueIn(n),
      s.subject({ week: 48, participants: n, newJobs: n }),
      s.outcomes({ inWork: n, active: n, inSchool: n }),
      s.employerContactsTotal(n, 6),
      s.daysOverdue(n),
    );
  }
  strings.push(d.title("D"), d.task("T", "S"), s.title(48), s.period("T", "A", "B"), s.employmentRate("41 %"), s.jobAt("X"), s.hoursPerWeek("8"));
  return strings;
}

describe("email wording catalogue", () => {
  it.each(["nb", "en"] as const)("has an instruction for every obligation kind and a name for every phase (%s)", (locale: Locale) => {
    const words = catalogue(locale);
    for (const kind of obligationKinds) expect(words.obligation[kind], kind).toMatch(/^\p{Lu}.{5,}/u);
    for (const phase of phases) expect(words.phase[phase], phase).toMatch(/^\p{Lu}/u);
    expect(Object.keys(words.obligation).sort()).toEqual([...obligationKinds].sort());
    expect(Object.keys(words.phase).sort()).toEqual([...phases].sort());
  });

  it("translates every obligation kind and every phase name", () => {
    for (const kind of obligationKinds) expect(catalogues.nb.obligation[kind]).not.toBe(catalogues.en.obligation[kind]);
    const same = phases.filter((phase) => catalogues.nb.phase[phase] === catalogues.en.phase[phase]);
    expect(same).toEqual([]);
  });

  it("phrases the first employer contact as a plain instruction", () => {
    expect(catalogue("nb").obligation["first-employer-contact"]).toBe("Ta første arbeidsgiverkontakt");
    expect(catalogue("en").obligation["first-employer-contact"]).toBe("Make the first employer contact");
  });

  it("uses the wage and contract words of Norwegian IPS", () => {
    expect(catalogue("nb").summary.wage).toEqual({ ordinary: "ordinær lønn", subsidised: "lønnstilskudd (NAV)" });
    expect([catalogue("nb").summary.temporary, catalogue("nb").summary.permanent]).toEqual(["midlertidig", "fast"]);
  });

  it.each(["nb", "en"] as const)("contains no health or treatment words (%s)", (locale) => {
    const wording = allWording(catalogue(locale));
    expect(wording.length).toBeGreaterThan(70);
    expectNoPersonalData(wording.join("\n"), healthWords);
  });

  it("refuses a locale it has no wording for", () => {
    expect(() => catalogue("de" as Locale)).toThrow(/de/);
  });
});
