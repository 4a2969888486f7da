import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../../infra/paths";
import {
  contactScore,
  fidelityItems,
  fidelityTables,
  followAlongKinds,
  measuredItems,
  nearestScore,
  reviewItems,
  scores,
  type MeasuredItemId,
  type Score,
} from "../../../core/fidelity/anchors";
import type { FidelityFigures, FollowAlongFigures } from "../../../core/fidelity/figures";

/**
 * Every scored item against its anchors' boundaries: figures exactly on the bound of 5, 4, 3 and
 * 2, and just past it, give the expected score. Each row builds the item's figures from the
 * counts a team could have (20 job starts, 10 obligations), so the shares are the ones the
 * figures compute.
 */

type Row<K extends MeasuredItemId> = [label: string, figures: FidelityFigures[K], expected: Score | null];

const caseload = (participants: number, fte = 1): FidelityFigures["caseload-size"] => ({
  participants,
  fte,
  perFullTime: participants / fte,
  specialists: [],
});
const rapid = (meanDays: number | null): FidelityFigures["rapid-job-search"] => ({
  count: meanDays === null ? 0 : 1,
  meanDays,
  medianDays: meanDays,
  within30Days: 0,
  waiting: 0,
  waitingOver30Days: 0,
});
const contacts = (...perWeekFullTime: number[]): FidelityFigures["frequent-employer-contact"] => {
  const perSpecialist = perWeekFullTime.map((rate, i) => ({
    specialistId: `s${i}`,
    name: `S${i}`,
    fte: 1,
    contacts: rate * 13,
    perWeek: rate,
    perWeekFullTime: rate,
    score: contactScore(rate),
  }));
  const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
  return {
    weeks: 13,
    contacts: perSpecialist.reduce((sum, s) => sum + s.contacts, 0),
    general: 0,
    withoutMode: 0,
    byParticipants: 0,
    notFaceToFace: 0,
    perSpecialist,
    averagePerWeekFullTime: mean(perWeekFullTime),
    averageScore: mean(perSpecialist.map((s) => s.score)),
  };
};
const diversity = (distinct: number, jobs = 20): FidelityFigures["diversity-of-employers"] => ({ jobs, distinct, share: jobs ? distinct / jobs : null, unknown: 0 });
const competitive = (ordinary: number, jobs = 20): FidelityFigures["competitive-jobs"] => ({
  jobs,
  ordinary,
  subsidised: jobs - ordinary,
  share: jobs ? ordinary / jobs : null,
  temporary: 0,
  unknown: 0,
});
const incentives = (startsWith: number, starts: number, changesWith = 0, changes = 0): FidelityFigures["work-incentives-planning"] => ({
  starts,
  startsWithCounselling: startsWith,
  startShare: starts ? startsWith / starts : null,
  changes,
  changesWithCounselling: changesWith,
  changeShare: changes ? changesWith / changes : null,
});
/** On-time of 10 due for each kind: [before start, after start, first month, later, after a loss]. */
const followAlong = (onTime: [number, number, number, number, number], due = 10): FollowAlongFigures => {
  const kinds = followAlongKinds.map((kind, i) => ({ kind, due: onTime[i] < 0 ? 0 : due, onTime: Math.max(onTime[i], 0), share: onTime[i] < 0 ? null : onTime[i] / due }));
  const total = kinds.reduce((sum, k) => sum + k.due, 0);
  const met = kinds.reduce((sum, k) => sum + k.onTime, 0);
  return { kinds, due: total, onTime: met, share: total ? met / total : null };
};
const exclusion = (excluded: number, ended: number): FidelityFigures["zero-exclusion"] => ({
  ended,
  started: ended - excluded,
  notStarted: excluded,
  reasons: excluded ? { "no-contact": excluded } : {},
  excluded,
  share: ended ? excluded / ended : null,
});

const table: { [K in MeasuredItemId]: Array<Row<K>> } = {
  "caseload-size": [
    ["20 per full-time specialist", caseload(20), 5],
    ["21", caseload(21), 4],
    ["10 on a half-time share (20 per full time)", caseload(10, 0.5), 5],
    ["10.5 on a half-time share (21 per full time)", caseload(10.5, 0.5), 4],
    ["25", caseload(25), 4],
    ["26", caseload(26), 3],
    ["30", caseload(30), 3],
    ["31", caseload(31), 2],
    ["40", caseload(40), 2],
    ["41", caseload(41), 1],
    ["20.4: between the manual's ranges, the range above", caseload(20.4), 4],
    ["no specialists", { participants: 0, fte: 0, perFullTime: null, specialists: [] }, null],
  ],
  "rapid-job-search": [
    ["30 days on average", rapid(30), 5],
    ["30.5", rapid(30.5), 4],
    ["60", rapid(60), 4],
    ["61", rapid(61), 3],
    ["150", rapid(150), 3],
    ["151", rapid(151), 2],
    ["270", rapid(270), 2],
    ["271", rapid(271), 1],
    ["no first contact in the quarter", rapid(null), null],
  ],
  "frequent-employer-contact": [
    ["6 a week", contacts(6), 5],
    ["5.9", contacts(5.9), 4],
    ["5", contacts(5), 4],
    ["4.9", contacts(4.9), 3],
    ["3 (between the manual's 2 and 4)", contacts(3), 3],
    ["2.9", contacts(2.9), 2],
    ["2", contacts(2), 2],
    ["1.9", contacts(1.9), 1],
    ["6 and 5: scores 5 and 4, mean 4.5, to the nearest point 5", contacts(6, 5), 5],
    ["6, 5 and 5: mean 4.33 → 4", contacts(6, 5, 5), 4],
    ["5 and 3: mean 3.5 → 4", contacts(5, 3), 4],
    ["3 and 1: mean 2 → 2", contacts(3, 1), 2],
    ["no specialists", contacts(), null],
  ],
  "diversity-of-job-types": [
    ["17 types in 20 jobs (85%)", diversity(17), 5],
    ["16 of 20 (80%)", diversity(16), 4],
    ["14 of 20 (70%)", diversity(14), 4],
    ["13 of 20 (65%)", diversity(13), 3],
    ["12 of 20 (60%)", diversity(12), 3],
    ["11 of 20 (55%)", diversity(11), 2],
    ["10 of 20 (50%)", diversity(10), 2],
    ["9 of 20 (45%)", diversity(9), 1],
    ["one job", diversity(1, 1), 5],
    ["no jobs", diversity(0, 0), null],
  ],
  "diversity-of-employers": [
    ["17 employers for 20 jobs (85%)", diversity(17), 5],
    ["84 of 100", diversity(84, 100), 4],
    ["70 of 100", diversity(70, 100), 4],
    ["69 of 100", diversity(69, 100), 3],
    ["60 of 100", diversity(60, 100), 3],
    ["59 of 100", diversity(59, 100), 2],
    ["50 of 100", diversity(50, 100), 2],
    ["49 of 100", diversity(49, 100), 1],
    ["no jobs", diversity(0, 0), null],
  ],
  "competitive-jobs": [
    ["19 of 20 at ordinary wage (95%)", competitive(19), 5],
    ["94 of 100", competitive(94, 100), 4],
    ["17 of 20 (85%)", competitive(17), 4],
    ["84 of 100", competitive(84, 100), 3],
    ["15 of 20 (75%)", competitive(15), 3],
    ["74 of 100", competitive(74, 100), 2],
    ["13 of 20 (65%)", competitive(13), 2],
    ["64 of 100", competitive(64, 100), 1],
    ["no jobs", competitive(0, 0), null],
  ],
  "work-incentives-planning": [
    ["9 of 10 starts, no changes", incentives(9, 10), 5],
    ["9 of 10 starts, 9 of 10 changes", incentives(9, 10, 9, 10), 5],
    ["9 of 10 starts, 8 of 10 changes", incentives(9, 10, 8, 10), 4],
    ["8 of 10 starts", incentives(8, 10), 3],
    ["3 of 4 starts (75%)", incentives(3, 4), 3],
    ["7 of 10 starts", incentives(7, 10), 2],
    ["1 of 2 starts (50%)", incentives(1, 2), 2],
    ["4 of 10 starts", incentives(4, 10), 1],
    ["changes but no starts", incentives(0, 0, 1, 1), null],
  ],
  "time-unlimited-follow-along": [
    ["9 of 10 of every kind", followAlong([9, 9, 9, 9, 9]), 5],
    ["every kind but the contact after a loss, none of which came due", followAlong([9, 9, 9, 9, -1]), 5],
    ["the contact after a start 8 of 10: not 5", followAlong([9, 8, 9, 9, 9]), 4],
    ["first month and later 9 of 10, the rest 0", followAlong([0, 0, 9, 9, 0]), 4],
    ["later follow-up 8 of 10", followAlong([9, 9, 9, 8, 9]), 3],
    ["ongoing 10 of 20 (50%)", followAlong([9, 9, 5, 5, 9]), 3],
    ["ongoing 9 of 20", followAlong([9, 9, 5, 4, 9]), 2],
    ["ongoing 1 of 20", followAlong([9, 9, 1, 0, 9]), 2],
    ["ongoing none on time", followAlong([9, 9, 0, 0, 9]), 1],
    ["no ongoing follow-up came due", followAlong([9, 9, -1, -1, 9]), null],
  ],
  "zero-exclusion": [
    ["1 of 10 referrals ended before job search (10%)", exclusion(1, 10), 5],
    ["none of them", exclusion(0, 10), 5],
    ["11 of 100", exclusion(11, 100), 4],
    ["2 of 10 (20%)", exclusion(2, 10), 4],
    ["21 of 100", exclusion(21, 100), 3],
    ["5 of 10 (50%)", exclusion(5, 10), 3],
    ["51 of 100", exclusion(51, 100), 2],
    ["all of them: 2, since a policy does not show in records", exclusion(10, 10), 2],
    ["no referral ended", exclusion(0, 0), null],
  ],
};

describe("fidelity anchors", () => {
  for (const id of Object.keys(table) as MeasuredItemId[]) {
    describe(`${id}`, () => {
      const item = measuredItems[id] as { score: (figures: unknown) => Score | null };
      it.each(table[id] as Array<Row<MeasuredItemId>>)("%s → %s", (_label, figures, expected) => {
        expect(item.score(figures)).toBe(expected);
      });
    });
  }

  it("covers the boundary of 5, 4, 3 and 2 of every scored item", () => {
    for (const id of Object.keys(measuredItems) as MeasuredItemId[]) {
      const item = measuredItems[id] as { score: (figures: unknown) => Score | null };
      const reached = new Set((table[id] as Array<Row<MeasuredItemId>>).map(([, figures]) => item.score(figures)));
      for (const score of [5, 4, 3, 2] as const) expect(reached.has(score), `${id} reaches ${score}`).toBe(true);
    }
  });

  it("rounds a mean of specialists' scores to the nearest point, a half up", () => {
    expect([1, 1.49, 1.5, 2.5, 4.49, 4.5, 5].map(nearestScore)).toEqual([1, 1, 2, 3, 4, 5, 5]);
  });

  it("lists all 25 items of the scale once, in its order, each measured item with five anchors in both languages", () => {
    expect(fidelityItems).toHaveLength(25);
    expect(new Set(fidelityItems.map((item) => item.id)).size).toBe(25);
    expect(fidelityItems.map((item) => `${item.section} ${item.number}`)).toEqual([
      ...[1, 2, 3].map((n) => `staffing ${n}`),
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `organization ${n}`),
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((n) => `services ${n}`),
    ]);
    expect(reviewItems).toHaveLength(16);
    for (const item of Object.values(measuredItems)) {
      for (const score of scores) {
        for (const locale of ["nb", "en"] as const) {
          expect(item.anchors[score].text[locale], `${item.id} ${score} ${locale}`).not.toBe("");
          expect(item.anchors[score].rule[locale], `${item.id} ${score} ${locale}`).not.toBe("");
        }
      }
      for (const field of ["measure", "approximation"] as const) {
        for (const locale of ["nb", "en"] as const) expect(item[field][locale], `${item.id} ${field} ${locale}`).not.toBe("");
      }
    }
  });
});

describe("the README", () => {
  it("has the fidelity items' tables as generated from the table in code", () => {
    const readme = readFileSync(join(projectRoot, "README.md"), "utf8");
    expect(readme).toContain(fidelityTables());
  });
});
