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
  it("leaves the recurring rounds that only an event ends to the events; wakes for every other kind", () => {
    expect(obligationKinds.filter(leftToEvents)).toEqual(["job-development", "follow-up", "outreach"]);
  });

  it("plans its wake by the kinds it wakes for, whatever the recurring rounds say", () => {
    const obligations = [round("job-development", "2027-01-06", "upcoming"), round("pause-review", "2027-01-20", "upcoming")];
    expect(nextWakeAt({ obligations, placementEndsAt: null }, now, zone)).toBe(new Date("2027-01-20T00:00:00+01:00").toISOString());
    expect(nextWakeAt({ obligations: obligations.slice(0, 1), placementEndsAt: null }, now, zone)).toBeNull();
    const placement = [round("placement-follow-up", "2027-01-06", "upcoming")];
    expect(nextWakeAt({ obligations: placement, placementEndsAt: "2027-01-20T00:00:00+01:00" }, now, zone)).toBe(new Date("2027-01-06T00:00:00+01:00").toISOString());
  });
});

describe("the rounds an event ends after they came due", () => {
  it("are the due or overdue rounds left to events that are no longer open after it", () => {
    const before = [round("job-development", "2027-01-01", "overdue"), round("outreach", "2027-01-04", "due"), round("benefits-counselling", "2027-01-02", "overdue")];
    // An employer contact: the overdue round is done and the next one opens; outreach stays open.
    const after = [
      { ...round("job-development", "2027-01-01", "done"), doneAt: now.toISOString() },
      round("job-development", "2027-01-11", "upcoming"),
      round("outreach", "2027-01-04", "due"),
      round("benefits-counselling", "2027-01-02", "overdue"),
    ];
    expect(dueRoundsEnded({ obligations: before }, { obligations: after })).toEqual([{ kind: "job-development", dueAt: before[0].dueAt }]);
  });

  it("leave out rounds not yet due, and kinds the journey records at their own wake", () => {
    const before = [round("follow-up", "2027-01-08", "upcoming"), round("job-start-follow-up", "2027-01-03", "overdue")];
    expect(dueRoundsEnded({ obligations: before }, { obligations: [] })).toEqual([]);
  });

  it("count a round ended by a change of phase (a job start ends job development) as well as by its contact", () => {
    const before = [round("job-development", "2027-01-04", "due")];
    expect(dueRoundsEnded({ obligations: before }, { obligations: [round("placement-follow-up", "2027-01-11", "upcoming")] })).toEqual([
      { kind: "job-development", dueAt: before[0].dueAt },
    ]);
  });
});
