import { describe, expect, it } from "vitest";
import { tz } from "@date-fns/tz";
import { addDays, lightFormat, parseISO } from "date-fns";
import { ruleOverridesSchema } from "../../../core/config/deployment";
import { defaultRules, resolveRules, ruleSources, type JourneyRules, type RuleName } from "../../../core/journey/rules";
import { selectDigestItems } from "../../../core/journey/digest";
import { localMidnightInstant } from "../../../core/calendar/local-dates";
import {
  at,
  benefitsCounselling,
  employerContact,
  event,
  followUpContact,
  jobEnd,
  jobStart,
  journey,
  openOf,
  oslo,
  participantMeeting,
  pause,
} from "./events";

const plusDays = (date: string, days: number) => lightFormat(addDays(parseISO(date, { in: tz("UTC") }), days), "yyyy-MM-dd");

/**
 * Each rule on the real evaluation: the obligation it governs comes due the rule's number of days
 * after its trigger (before it, for the contact ahead of a start). Run with the defaults and with
 * the rule raised, so that a number written into the evaluation instead of read from the rule fails.
 */
const REFERRED = "2026-03-02";
const dueDates: Array<{ rule: RuleName; kind: string; trigger: string; due: (rules: JourneyRules, trigger: string) => string; state: (rules: JourneyRules) => ReturnType<typeof journey> }> = [
  {
    rule: "firstEmployerContactDays",
    kind: "first-employer-contact",
    trigger: REFERRED,
    due: (rules, trigger) => plusDays(trigger, rules.firstEmployerContactDays),
    state: (rules) => journey(REFERRED, [], `${REFERRED} 12:00`, rules),
  },
  {
    rule: "benefitsCounsellingDays",
    kind: "benefits-counselling",
    trigger: REFERRED,
    due: (rules, trigger) => plusDays(trigger, rules.benefitsCounsellingDays),
    state: (rules) => journey(REFERRED, [], `${REFERRED} 12:00`, rules),
  },
  {
    rule: "benefitsCounsellingChangeDays",
    kind: "benefits-counselling",
    trigger: "2026-03-10",
    due: (rules, trigger) => plusDays(trigger, rules.benefitsCounsellingChangeDays),
    state: (rules) =>
      journey(
        REFERRED,
        [
          benefitsCounselling("2026-03-03"),
          employerContact("2026-03-05"),
          event({ type: "job-offer", at: at("2026-03-10"), employer: "Kafé Rosa", startsAt: at("2026-05-04 08:00") }),
        ],
        "2026-03-10 12:00",
        rules,
      ),
  },
  {
    rule: "preStartContactDays",
    kind: "pre-start-contact",
    trigger: "2026-05-04",
    due: (rules, start) => plusDays(start, -rules.preStartContactDays),
    state: (rules) =>
      journey(
        REFERRED,
        [employerContact("2026-03-05"), event({ type: "job-offer", at: at("2026-03-10"), employer: "Kafé Rosa", startsAt: at("2026-05-04 08:00") })],
        "2026-03-10 12:00",
        rules,
      ),
  },
  {
    rule: "jobDevelopmentIntervalDays",
    kind: "job-development",
    trigger: "2026-03-05",
    due: (rules, trigger) => plusDays(trigger, rules.jobDevelopmentIntervalDays),
    state: (rules) => journey(REFERRED, [employerContact("2026-03-05")], "2026-03-05 12:00", rules),
  },
  {
    rule: "jobStartFollowUpDays",
    kind: "job-start-follow-up",
    trigger: "2026-03-10",
    due: (rules, trigger) => plusDays(trigger, rules.jobStartFollowUpDays),
    state: (rules) => journey(REFERRED, [employerContact("2026-03-05"), jobStart("2026-03-10")], "2026-03-10 12:00", rules),
  },
  {
    rule: "placementFollowUpIntervalDays",
    kind: "placement-follow-up",
    trigger: "2026-03-12",
    due: (rules, trigger) => plusDays(trigger, rules.placementFollowUpIntervalDays),
    state: (rules) => journey(REFERRED, [employerContact("2026-03-05"), jobStart("2026-03-10"), followUpContact("2026-03-12")], "2026-03-12 12:00", rules),
  },
  {
    rule: "followUpIntervalDays",
    kind: "follow-up",
    trigger: "2026-06-15",
    due: (rules, trigger) => plusDays(trigger, rules.followUpIntervalDays),
    state: (rules) => journey(REFERRED, [employerContact("2026-03-05"), jobStart("2026-03-10"), followUpContact("2026-06-15")], "2026-06-15 12:00", rules),
  },
  {
    rule: "jobLossFollowUpDays",
    kind: "job-loss-follow-up",
    trigger: "2026-03-20",
    due: (rules, trigger) => plusDays(trigger, rules.jobLossFollowUpDays),
    state: (rules) => journey(REFERRED, [employerContact("2026-03-05"), jobStart("2026-03-10"), jobEnd("2026-03-20")], "2026-03-20 12:00", rules),
  },
  {
    rule: "outreachDays",
    kind: "outreach",
    trigger: "2026-03-05",
    due: (rules, trigger) => plusDays(trigger, rules.outreachDays),
    state: (rules) => journey(REFERRED, [participantMeeting("2026-03-05")], "2026-03-05 12:00", rules),
  },
  {
    rule: "pauseReviewDays",
    kind: "pause-review",
    trigger: "2026-03-05",
    due: (rules, trigger) => plusDays(trigger, rules.pauseReviewDays),
    state: (rules) => journey(REFERRED, [pause("2026-03-05")], "2026-03-05 12:00", rules),
  },
];

const raised = (rule: RuleName) => resolveRules({ [rule]: defaultRules[rule] + 5 });

describe("journey rules", () => {
  describe.each(dueDates)("$rule", ({ rule, kind, trigger, due, state }) => {
    it.each([
      ["the default", defaultRules],
      ["a raised value", raised(rule)],
    ])(`sets when ${kind} comes due, with %s`, (_, rules) => {
      expect(openOf(state(rules), kind)?.dueDate).toBe(due(rules, trigger));
    });
  });

  describe("placementWeeks", () => {
    it.each([
      ["the default", defaultRules],
      ["a raised value", raised("placementWeeks")],
    ])("placement turns into follow-up that many weeks after the start, with %s", (_, rules) => {
      const events = [employerContact("2026-03-05"), jobStart("2026-03-10")];
      const end = plusDays("2026-03-10", rules.placementWeeks * 7);
      expect(journey(REFERRED, events, `${plusDays(end, -1)} 23:59`, rules).phase).toBe("placement");
      expect(journey(REFERRED, events, `${end} 00:01`, rules).phase).toBe("follow-up");
    });
  });

  describe("upcomingDeadlineWindowDays", () => {
    it.each([
      ["the default", defaultRules],
      ["a raised value", raised("upcomingDeadlineWindowDays")],
    ])("the digest lists a deadline that many days ahead, and not a day later, with %s", (_, rules) => {
      // Wednesday 11 March 2026: a working day before a working day, so no days off widen the window.
      const morning = "2026-03-11";
      const deadline = (code: string, days: number) => ({
        id: code,
        code,
        state: { obligations: [{ kind: "first-employer-contact" as const, dueAt: localMidnightInstant(plusDays(morning, days), oslo), status: "upcoming" as const }] },
      });
      const items = selectDigestItems({
        participants: [deadline("IN", rules.upcomingDeadlineWindowDays), deadline("OUT", rules.upcomingDeadlineWindowDays + 1)],
        now: new Date(at(`${morning} 08:00`)),
        timeZone: oslo,
        holidayCountry: "NO",
        rules,
      });
      expect(items.map((item) => item.code)).toEqual(["IN"]);
    });
  });

  it("every rule is tunable under the deployment config's field name, and names its source", () => {
    expect(Object.keys(defaultRules).sort()).toEqual(Object.keys(ruleOverridesSchema.shape).sort());
    for (const name of Object.keys(defaultRules)) expect(ruleSources[name as keyof typeof ruleSources]).toMatch(/IPS principle|fidelity/);
  });

  it("overrides replace only the fields they set", () => {
    expect(resolveRules()).toEqual(defaultRules);
    expect(resolveRules({})).toEqual(defaultRules);
    expect(resolveRules({ firstEmployerContactDays: 21, placementWeeks: 6 })).toEqual({ ...defaultRules, firstEmployerContactDays: 21, placementWeeks: 6 });
  });

  it("rejects overrides the deployment schema would reject", () => {
    expect(() => resolveRules({ outreachDays: 0 })).toThrow();
    expect(() => resolveRules({ unknownRule: 3 } as never)).toThrow();
  });

  it("the defaults cannot be changed by a caller", () => {
    const rules = resolveRules();
    rules.firstEmployerContactDays = 1;
    expect(defaultRules.firstEmployerContactDays).toBe(30);
    expect(Object.isFrozen(defaultRules)).toBe(true);
  });
});
