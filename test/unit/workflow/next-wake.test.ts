import { describe, expect, it } from "vitest";
import { dueRoundsEnded, leftToEvents, nextWakeAt } from "../../../core/wake/next-wake";
import { obligationKinds } from "../../../core/domain/codes";
import type { StoredState } from "../../../core/participants/profile";

const zone = "Europe/Oslo";
const now = new Date("2027-01-04T09:00:00Z");
type Obligation = StoredState["obligations"][number];
const round = (kind: Obligation["kind"], dueDate: string, status: Obligation["status"]): Obligation =>
  ({ kind, dueDate, dueAt: `${dueDate}T00:00:00.000+01:00`, status }) as Obligation;

describe("which rounds the journey wakes for", () => {
  it("leaves the recurring rounds to the events; wakes for every other kind", () => {
    expect(obligationKinds.filter(leftToEvents)).toEqual(["job-development", "placement-follow-up", "follow-up", "outreach"]);
  });

  it("plans its wake by the kinds it wakes for, whatever the recurring rounds say", () => {
    const obligations = [round("job-development", "2027-01-06", "upcoming"), round("pause-review", "2027-01-20", "upcoming")];
    expect(nextWakeAt({ obligations, placementEndsAt: null }, now, zone)).toBe(new Date("2027-01-20T00:00:00+01:00").toISOString());
    expect(nextWakeAt({ obligations: obligations.slice(0, 1), placementEndsAt: null }, now, zone)).toBeNull();
    // In placement: at its end, which ends its weekly follow-up.
    const placement = [round("placement-follow-up", "2027-01-06", "upcoming")];
    expect(nextWakeAt({ obligations: placement, placementEndsAt: "2027-01-20T00:00:00+01:00" }, now, zone)).toBe(new Date("2027-01-20T00:00:00+01:00").toISOString());
  });
});

describe("the recurring rounds that came due and ended between the stored state and the next", () => {
  it("are those open as stored, past their due minute, and no longer open", () => {
    // Stored on 28 December: the round due on 1 January was upcoming then.
    const stored = [round("job-development", "2027-01-01", "upcoming"), round("outreach", "2027-01-04", "upcoming"), round("benefits-counselling", "2027-01-02", "upcoming")];
    // An employer contact on 4 January: that round is done and the next one opens; outreach stays open.
    const next = [
      { ...round("job-development", "2027-01-01", "done"), doneAt: now.toISOString() },
      round("job-development", "2027-01-11", "upcoming"),
      round("outreach", "2027-01-04", "due"),
      round("benefits-counselling", "2027-01-02", "overdue"),
    ];
    expect(dueRoundsEnded({ obligations: stored }, { obligations: next }, now)).toEqual([{ kind: "job-development", dueAt: stored[0].dueAt }]);
  });

  it("leave out rounds not yet due, and kinds the journey records at their own wake", () => {
    const stored = [round("follow-up", "2027-01-08", "upcoming"), round("job-start-follow-up", "2027-01-03", "overdue")];
    expect(dueRoundsEnded({ obligations: stored }, { obligations: [] }, now)).toEqual([]);
  });

  it("count a round ended by a change of phase, by an event or by time, as well as by its contact", () => {
    // A job start ends job development; the end of placement ends its weekly follow-up.
    const jobDevelopment = round("job-development", "2027-01-04", "upcoming");
    expect(dueRoundsEnded({ obligations: [jobDevelopment] }, { obligations: [round("placement-follow-up", "2027-01-11", "upcoming")] }, now)).toEqual([
      { kind: "job-development", dueAt: jobDevelopment.dueAt },
    ]);
    const lastWeek = round("placement-follow-up", "2027-01-02", "overdue");
    expect(dueRoundsEnded({ obligations: [lastWeek] }, { obligations: [round("follow-up", "2027-01-30", "upcoming")] }, now)).toEqual([
      { kind: "placement-follow-up", dueAt: lastWeek.dueAt },
    ]);
  });
});
