import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { obligationKinds, type ObligationKind, type ParticipantEvent } from "../../../core/domain/schemas";
import { obligationRules, ruleTable } from "../../../core/journey/obligations";
import { defaultRules } from "../../../core/journey/rules";
import { at, employerContact, event, followUpContact, jobStart, journey, openOf, participantMeeting, pause, resume } from "./events";

/**
 * Each obligation kind of the table (core/journey/obligations.ts), opened by one course of events
 * and closed by one more, through the same helper. A kind added to the table without its case
 * here fails to compile (the cases are a record over every kind).
 */
interface KindCase {
  /** Events after a referral on 2 March 2026 that leave the kind open on `openOn`. */
  opening: ParticipantEvent[];
  openOn: string;
  /** The event that closes it (after `openOn`). */
  closing: ParticipantEvent;
}

const referred = "2026-03-02";
const cases: Record<ObligationKind, () => KindCase> = {
  "first-employer-contact": () => ({ opening: [], openOn: "2026-03-10", closing: employerContact("2026-03-12") }),
  "benefits-counselling": () => ({ opening: [], openOn: "2026-03-10", closing: event({ type: "benefits-counselling", at: at("2026-03-12"), status: "held" }) }),
  "job-development": () => ({ opening: [employerContact("2026-03-04")], openOn: "2026-03-10", closing: employerContact("2026-03-12") }),
  "pre-start-contact": () => ({
    opening: [employerContact("2026-03-04"), event({ type: "job-offer", at: at("2026-03-05"), employer: "Bakeriet AS", startsAt: at("2026-03-30") })],
    openOn: "2026-03-10",
    closing: participantMeeting("2026-03-12"),
  }),
  "job-start-follow-up": () => ({ opening: [jobStart("2026-03-09")], openOn: "2026-03-10", closing: followUpContact("2026-03-11") }),
  "placement-follow-up": () => ({ opening: [jobStart("2026-03-09")], openOn: "2026-03-10", closing: followUpContact("2026-03-12", "employer") }),
  "follow-up": () => ({ opening: [jobStart("2026-03-09")], openOn: "2026-04-20", closing: followUpContact("2026-04-22", "employer") }),
  "job-loss-follow-up": () => ({
    opening: [jobStart("2026-03-09"), event({ type: "job-end", at: at("2026-03-16") })],
    openOn: "2026-03-17",
    closing: participantMeeting("2026-03-18"),
  }),
  outreach: () => ({ opening: [employerContact("2026-03-04")], openOn: "2026-03-10", closing: participantMeeting("2026-03-12") }),
  "pause-review": () => ({ opening: [pause("2026-03-05")], openOn: "2026-03-10", closing: resume("2026-03-12") }),
};

describe("obligation kinds, kind by kind", () => {
  it("has a rule, a source and the rules that time it for every kind", () => {
    expect(Object.keys(obligationRules).sort()).toEqual([...obligationKinds].sort());
    for (const kind of obligationKinds) {
      expect(obligationRules[kind].source, kind).toMatch(/IPS principle \d/);
      for (const rule of obligationRules[kind].timedBy) expect(defaultRules[rule], `${kind}: ${rule}`).toBeGreaterThan(0);
    }
  });

  describe.each(obligationKinds)("%s", (kind) => {
    it("opens after its trigger and is closed by what the table says", () => {
      const { opening, openOn, closing } = cases[kind]();
      expect(openOf(journey(referred, opening, openOn), kind), "open").toBeDefined();
      expect(obligationRules[kind].closedBy(closing) || kind === "pause-review", "the table names the closing event").toBe(true);
      const after = journey(referred, [...opening, closing], closing.at.slice(0, 10));
      const done = after.obligations.find((o) => o.kind === kind && o.status === "done");
      expect(done?.doneAt, "done by the closing event").toBe(new Date(closing.at).toISOString());
    });
  });

  it("is what the README's rule table says", () => {
    const readme = readFileSync(join(import.meta.dirname, "..", "..", "..", "README.md"), "utf8");
    expect(readme).toContain(ruleTable(defaultRules));
  });
});
