import { describe, expect, it } from "vitest";
import { obligationKinds } from "../../../core/domain/schemas";
import { resolveRules } from "../../../core/journey/rules";
import {
  at,
  benefitsCounselling,
  doneOf,
  employerContact,
  event,
  followUpContact,
  journey,
  jobEnd,
  jobStart,
  openOf,
  participantMeeting,
} from "./events";

const referred = "2026-03-02";
const searching = [employerContact("2026-03-20")];
const hired = [...searching, jobStart("2026-04-13", "Bakeriet AS")];

describe("job development in job search (IPS principle 7)", () => {
  it("is due 7 days after the last employer contact and becomes overdue without one", () => {
    expect(openOf(journey(referred, searching, "2026-03-27"), "job-development")?.status).toBe("due");
    expect(openOf(journey(referred, searching, "2026-03-28"), "job-development")?.status).toBe("overdue");
  });

  it("the next employer contact closes it and opens the next one 7 days later", () => {
    const state = journey(referred, [...searching, employerContact("2026-03-25", "Kafé Rosa")], "2026-03-26");
    expect(doneOf(state, "job-development")).toMatchObject({ dueDate: "2026-03-27", doneAt: "2026-03-25T09:00:00.000Z" });
    expect(openOf(state, "job-development")?.dueDate).toBe("2026-04-01");
  });

  it("follows the deployment's interval", () => {
    const state = journey(referred, searching, "2026-03-21", resolveRules({ jobDevelopmentIntervalDays: 3 }));
    expect(openOf(state, "job-development")?.dueDate).toBe("2026-03-23");
  });
});

describe("a job start begins placement", () => {
  it("opens the 3-day job-start follow-up and weekly placement follow-up, and ends job development", () => {
    const state = journey(referred, hired, "2026-04-13 12:00");
    expect(state.phase).toBe("placement");
    expect(openOf(state, "job-start-follow-up")?.dueDate).toBe("2026-04-16");
    expect(openOf(state, "placement-follow-up")?.dueDate).toBe("2026-04-20");
    expect(openOf(state, "job-development")).toBeUndefined();
    expect(state.employment).toEqual({
      inWork: true,
      inSchool: false,
      currentJob: { id: hired[1].id, employer: "Bakeriet AS", hoursPerWeek: 8, wage: "ordinary", temporary: false, startedAt: "2026-04-13T08:00:00.000Z" },
    });
    // Placement lasts four weeks: follow-up from 00:00 local on 11 May.
    expect(state.placementEndsAt).toBe("2026-05-10T22:00:00.000Z");
  });

  it("a follow-up contact with the participant closes the job-start follow-up and starts the next weekly one", () => {
    const state = journey(referred, [...hired, followUpContact("2026-04-15", "participant")], "2026-04-16");
    expect(doneOf(state, "job-start-follow-up")?.doneAt).toBe("2026-04-15T08:00:00.000Z");
    expect(openOf(state, "job-start-follow-up")).toBeUndefined();
    expect(doneOf(state, "placement-follow-up")).toBeDefined();
    expect(openOf(state, "placement-follow-up")?.dueDate).toBe("2026-04-22");
  });

  it("an employer-only contact counts as weekly follow-up but not as the check within 3 days of the start", () => {
    const state = journey(referred, [...hired, followUpContact("2026-04-15", "employer")], "2026-04-16");
    expect(openOf(state, "job-start-follow-up")?.dueDate).toBe("2026-04-16");
    expect(openOf(state, "placement-follow-up")?.dueDate).toBe("2026-04-22");
    // A meeting with the participant closes it.
    const met = journey(referred, [...hired, followUpContact("2026-04-15", "employer"), participantMeeting("2026-04-16")], "2026-04-17");
    expect(doneOf(met, "job-start-follow-up")?.doneAt).toBe("2026-04-16T08:00:00.000Z");
  });

  it("a job start straight from referral goes to placement and counts as the first employer contact", () => {
    const state = journey(referred, [jobStart("2026-03-10")], "2026-03-11");
    expect(state.phase).toBe("placement");
    expect(doneOf(state, "first-employer-contact")?.doneAt).toBe("2026-03-10T09:00:00.000Z");
    expect(state.missedFirstEmployerContact).toBe(false);
  });

  it("the job-start follow-up becomes overdue without a contact", () => {
    expect(openOf(journey(referred, hired, "2026-04-17"), "job-start-follow-up")?.status).toBe("overdue");
  });
});

describe("placement turns into follow-up 28 days after the start", () => {
  const contacts = [...hired, followUpContact("2026-04-15"), followUpContact("2026-04-22"), followUpContact("2026-05-06")];

  it("is still placement on the last evening, with the end as the next change", () => {
    const state = journey(referred, contacts, "2026-05-10 23:59");
    expect(state.phase).toBe("placement");
    expect(state.nextChangeAt).toBe("2026-05-10T22:00:00.000Z");
  });

  it("is follow-up from local midnight, with follow-up due 30 days after the last follow-up contact", () => {
    const state = journey(referred, contacts, "2026-05-11 00:00");
    expect(state.phase).toBe("follow-up");
    expect(state.phaseSince).toBe("2026-05-10T22:00:00.000Z");
    expect(openOf(state, "placement-follow-up")).toBeUndefined();
    expect(openOf(state, "follow-up")?.dueDate).toBe("2026-06-05");
    expect(state.placementEndsAt).toBeUndefined();
  });

  it("follows the deployment's placement length", () => {
    const state = journey(referred, contacts, "2026-04-28", resolveRules({ placementWeeks: 2 }));
    expect(state.phase).toBe("follow-up");
  });

  // Every four weeks from 20 May 2026; the 39th is on 18 April 2029.
  const everyFourWeeks = Array.from({ length: 39 }, (_, i) => followUpContact(new Date(Date.UTC(2026, 4, 20 + 28 * i)).toISOString().slice(0, 10)));

  it("never ends by itself: three years on, with or without contacts, the participant is in follow-up", () => {
    const followed = journey(referred, [...contacts, ...everyFourWeeks], "2029-05-01");
    expect(followed.phase).toBe("follow-up");
    expect(openOf(followed, "follow-up")?.status).toBe("upcoming");

    const silent = journey(referred, contacts, "2029-05-01");
    expect(silent.phase).toBe("follow-up");
    expect(openOf(silent, "follow-up")).toMatchObject({ status: "overdue", dueDate: "2026-06-05" });
  });

  it("keeps the list bounded: the open obligations plus the most recent done one of each kind", () => {
    const state = journey(referred, [...contacts, ...everyFourWeeks], "2029-05-01");
    const done = state.obligations.filter((o) => o.status === "done");
    expect(new Set(done.map((o) => o.kind)).size).toBe(done.length);
    expect(state.obligations.length).toBeLessThanOrEqual(obligationKinds.length * 2);
    // The kept follow-up is the latest one (the last contact).
    expect(doneOf(state, "follow-up")?.doneAt?.slice(0, 10)).toBe("2029-04-18");
  });
});

describe("the individual follow-up interval", () => {
  const inFollowUp = [...hired, followUpContact("2026-05-06")];

  it("a follow-up-interval event re-times the open follow-up from the same last contact", () => {
    const state = journey(referred, [...inFollowUp, event({ type: "follow-up-interval", at: at("2026-05-12"), days: 14 })], "2026-05-13");
    expect(state.followUpIntervalDays).toBe(14);
    expect(openOf(state, "follow-up")?.dueDate).toBe("2026-05-20");
  });

  it("an interval set during placement applies when follow-up begins, and to every later follow-up", () => {
    const state = journey(
      referred,
      [...inFollowUp, event({ type: "follow-up-interval", at: at("2026-04-20"), days: 60 }), followUpContact("2026-06-01")],
      "2026-06-02",
    );
    expect(openOf(state, "follow-up")?.dueDate).toBe("2026-07-31");
  });

  it("defaults to the deployment's interval", () => {
    const state = journey(referred, inFollowUp, "2026-05-12", resolveRules({ followUpIntervalDays: 21 }));
    expect(openOf(state, "follow-up")?.dueDate).toBe("2026-05-27");
  });
});

describe("job end, then a second job (support continues across jobs)", () => {
  const lost = [...hired, followUpContact("2026-05-06"), jobEnd("2026-06-15")];

  it("a job end returns to job search with a job-loss follow-up due in 3 days", () => {
    const state = journey(referred, lost, "2026-06-15 12:00");
    expect(state.phase).toBe("job-search");
    expect(openOf(state, "job-loss-follow-up")?.dueDate).toBe("2026-06-18");
    // Job development counts from the return to job search, not from the contact in March.
    expect(openOf(state, "job-development")?.dueDate).toBe("2026-06-22");
    expect(openOf(state, "follow-up")).toBeUndefined();
    expect(state.employment.inWork).toBe(false);
    expect(state.employment.currentJob).toBeUndefined();
  });

  it("a job end recorded late counts from when it was recorded: within 3 days of learning about it", () => {
    // The job ended on 15 June; the specialist heard of it and recorded it on 29 June.
    const late = { ...jobEnd("2026-06-15"), recordedAt: at("2026-06-29") };
    const state = journey(referred, [...hired, followUpContact("2026-05-06"), late], "2026-06-29 12:00");
    expect(openOf(state, "job-loss-follow-up")).toMatchObject({ dueDate: "2026-07-02", status: "upcoming" });
    // Recorded ahead of the end date (a known last day): the end date counts.
    const ahead = { ...jobEnd("2026-06-15"), recordedAt: at("2026-06-10") };
    expect(openOf(journey(referred, [...hired, ahead], "2026-06-15 12:00"), "job-loss-follow-up")?.dueDate).toBe("2026-06-18");
  });

  it("a participant meeting closes the job-loss follow-up", () => {
    const state = journey(referred, [...lost, participantMeeting("2026-06-17")], "2026-06-19");
    expect(doneOf(state, "job-loss-follow-up")?.doneAt).toBe("2026-06-17T08:00:00.000Z");
    expect(openOf(state, "job-loss-follow-up")).toBeUndefined();
  });

  it("a follow-up contact closes it too, but an employer contact does not", () => {
    expect(openOf(journey(referred, [...lost, followUpContact("2026-06-16", "employer")], "2026-06-19"), "job-loss-follow-up")).toBeUndefined();
    expect(openOf(journey(referred, [...lost, employerContact("2026-06-16")], "2026-06-19"), "job-loss-follow-up")?.status).toBe("overdue");
  });

  it("a second job starts a new placement with its own follow-ups", () => {
    const state = journey(referred, [...lost, jobStart("2026-07-01", "Kafé Rosa")], "2026-07-01 12:00");
    expect(state.phase).toBe("placement");
    expect(state.employment.currentJob?.employer).toBe("Kafé Rosa");
    expect(openOf(state, "job-start-follow-up")?.dueDate).toBe("2026-07-04");
    expect(openOf(state, "placement-follow-up")?.dueDate).toBe("2026-07-08");
    expect(state.placementEndsAt).toBe("2026-07-28T22:00:00.000Z");
    expect(openOf(state, "job-development")).toBeUndefined();
  });

  it("a new job during placement restarts the weekly follow-up from the new start", () => {
    const state = journey(referred, [...hired, jobStart("2026-04-20", "Kafé Rosa")], "2026-04-21");
    expect(openOf(state, "placement-follow-up")?.dueDate).toBe("2026-04-27");
    expect(openOf(state, "job-start-follow-up")?.dueDate).toBe("2026-04-23");
  });

  it("with two jobs held, the end of one keeps the participant in work and in follow-up", () => {
    const twoJobs = [...hired, followUpContact("2026-05-06"), jobStart("2026-05-20", "Kafé Rosa"), followUpContact("2026-05-27")];
    const state = journey(referred, [...twoJobs, jobEnd("2026-07-01")], "2026-07-01 12:00");
    expect(state.employment.inWork).toBe(true);
    expect(state.employment.currentJob?.employer).toBe("Bakeriet AS");
    expect(state.phase).not.toBe("job-search");
    expect(openOf(state, "job-development")).toBeUndefined();
    // The second end leaves no job: back to job search.
    expect(journey(referred, [...twoJobs, jobEnd("2026-07-01"), jobEnd("2026-07-10")], "2026-07-10 12:00").phase).toBe("job-search");
  });

  it("a job change without a recorded end restarts placement at the new start", () => {
    const state = journey(referred, [...hired, followUpContact("2026-05-06"), jobStart("2026-06-01", "Kafé Rosa")], "2026-06-02");
    expect(state.phase).toBe("placement");
    expect(state.placementEndsAt).toBe("2026-06-28T22:00:00.000Z");
    expect(openOf(state, "follow-up")).toBeUndefined();
  });
});

describe("school counts as an outcome", () => {
  const school = [...searching, event({ type: "education-start", at: at("2026-08-17") })];

  it("an education start begins placement with a 3-day follow-up", () => {
    const state = journey(referred, school, "2026-08-17 12:00");
    expect(state.phase).toBe("placement");
    expect(state.employment).toMatchObject({ inSchool: true, inWork: false });
    expect(openOf(state, "job-start-follow-up")?.dueDate).toBe("2026-08-20");
  });

  it("an education end returns to job search", () => {
    const state = journey(referred, [...school, event({ type: "education-end", at: at("2026-12-18") })], "2026-12-19");
    expect(state.phase).toBe("job-search");
    expect(state.employment.inSchool).toBe(false);
  });

  it("losing a job while still in school keeps the participant in follow-up (with a job-loss follow-up)", () => {
    const state = journey(referred, [...school, jobStart("2026-09-01", "Kafé Rosa"), jobEnd("2026-11-02")], "2026-11-03");
    expect(state.phase).toBe("follow-up");
    expect(state.employment).toMatchObject({ inSchool: true, inWork: false });
    expect(openOf(state, "job-loss-follow-up")?.dueDate).toBe("2026-11-05");
  });
});

describe("outreach: 30 days without contact with the participant", () => {
  it("counts from referral until the first participant contact", () => {
    expect(openOf(journey(referred, searching, "2026-04-02"), "outreach")).toMatchObject({ dueDate: "2026-04-01", status: "overdue" });
  });

  it("any contact with the participant restarts it: a job start, school, benefits counselling, a meeting, a follow-up with them", () => {
    // Hired on 13 April: the start itself was a contact, so nothing is overdue five days later.
    expect(openOf(journey(referred, hired, "2026-04-18"), "outreach")).toMatchObject({ dueDate: "2026-05-13", status: "upcoming" });
    expect(openOf(journey(referred, [...searching, event({ type: "education-start", at: at("2026-04-13") })], "2026-04-18"), "outreach")?.dueDate).toBe(
      "2026-05-13",
    );
    expect(openOf(journey(referred, [...searching, benefitsCounselling("2026-03-25")], "2026-03-26"), "outreach")?.dueDate).toBe("2026-04-24");
  });

  it("a participant meeting, or a follow-up contact with the participant, restarts it; one with the employer does not", () => {
    const base = [...hired, followUpContact("2026-04-15", "employer")];
    expect(openOf(journey(referred, base, "2026-04-16"), "outreach")?.dueDate).toBe("2026-05-13");
    expect(doneOf(journey(referred, base, "2026-04-16"), "outreach")?.doneAt).toBe("2026-04-13T08:00:00.000Z");
    expect(openOf(journey(referred, [...base, followUpContact("2026-04-16")], "2026-04-17"), "outreach")?.dueDate).toBe("2026-05-16");
    expect(openOf(journey(referred, [...base, participantMeeting("2026-04-20")], "2026-04-21"), "outreach")?.dueDate).toBe("2026-05-20");
    expect(journey(referred, [...base, participantMeeting("2026-04-20")], "2026-04-21").lastParticipantContactAt).toBe("2026-04-20T08:00:00.000Z");
  });

  it("in follow-up, waits for the participant's own interval when it is longer than 30 days", () => {
    const tapered = [...hired, followUpContact("2026-05-20"), event({ type: "follow-up-interval", at: at("2026-05-20"), days: 60 })];
    const state = journey(referred, tapered, "2026-05-21");
    expect(state.phase).toBe("follow-up");
    expect(openOf(state, "follow-up")?.dueDate).toBe("2026-07-19");
    expect(openOf(state, "outreach")?.dueDate).toBe("2026-07-19");
    // A shorter interval leaves outreach at 30 days; back in job search it is 30 days again.
    const weekly = [...hired, followUpContact("2026-05-20"), event({ type: "follow-up-interval", at: at("2026-05-20"), days: 14 })];
    expect(openOf(journey(referred, weekly, "2026-05-21"), "outreach")?.dueDate).toBe("2026-06-19");
    expect(openOf(journey(referred, [...tapered, jobEnd("2026-05-25")], "2026-05-26"), "outreach")?.dueDate).toBe("2026-06-19");
  });

  it("follows the deployment's outreach days", () => {
    expect(openOf(journey(referred, [participantMeeting("2026-03-05")], "2026-03-06", resolveRules({ outreachDays: 14 })), "outreach")?.dueDate).toBe(
      "2026-03-19",
    );
  });
});

describe("several jobs, changes and offers", () => {
  const two = [...searching, jobStart("2026-04-13", "Bakeriet AS"), jobStart("2026-04-20", "Kafé Rosa")];

  it("a job end names the job that ended: the other job is still held", () => {
    const [first, second] = [two[1], two[2]];
    const state = journey(referred, [...two, event({ type: "job-end", at: at("2026-05-04"), jobId: first.id })], "2026-05-05");
    expect(state.employment.inWork).toBe(true);
    expect(state.employment.currentJob).toMatchObject({ id: second.id, employer: "Kafé Rosa" });
    // An end stored before jobs had ids still ends the latest job.
    expect(journey(referred, [...two, jobEnd("2026-05-04")], "2026-05-05").employment.currentJob).toMatchObject({ id: first.id });
  });

  it("benefits counselling comes due again 14 days after a change of hours or pay, not after a change of terms only", () => {
    const counselled = [...hired, benefitsCounselling("2026-04-14")];
    expect(openOf(journey(referred, counselled, "2026-04-20"), "benefits-counselling")).toBeUndefined();
    const moreHours = event({ type: "job-change", at: at("2026-06-01"), jobId: hired[1].id, hoursPerWeek: 20 });
    const state = journey(referred, [...counselled, moreHours], "2026-06-02");
    expect(openOf(state, "benefits-counselling")?.dueDate).toBe("2026-06-15");
    expect(state.employment.currentJob).toMatchObject({ hoursPerWeek: 20 });
    const permanent = event({ type: "job-change", at: at("2026-06-01"), jobId: hired[1].id, temporary: true });
    expect(openOf(journey(referred, [...counselled, permanent], "2026-06-02"), "benefits-counselling")).toBeUndefined();
  });

  it("offered, held or declined: each closes the reminder, and the state tells them apart", () => {
    const offered = event({ type: "benefits-counselling", at: at("2026-03-10"), status: "offered" });
    const state = journey(referred, [offered], "2026-03-11");
    expect(doneOf(state, "benefits-counselling")?.doneAt).toBe("2026-03-10T09:00:00.000Z");
    expect(state.lastBenefitsCounsellingStatus).toBe("offered");
    expect(journey(referred, [benefitsCounselling("2026-03-10")], "2026-03-11").lastBenefitsCounsellingStatus).toBe("held");
  });

  it("a job offer asks for a contact within a week before the start, and benefits counselling before it", () => {
    const offer = event({ type: "job-offer", at: at("2026-04-01"), employer: "Kafé Rosa", startsAt: at("2026-04-20 08:00") });
    const state = journey(referred, [...searching, offer], "2026-04-02");
    expect(openOf(state, "pre-start-contact")).toMatchObject({ dueDate: "2026-04-13", status: "upcoming" });
    expect(openOf(state, "benefits-counselling")?.dueDate).toBe("2026-04-01");
    // Starting in three days: the contact is due at once.
    const soon = event({ type: "job-offer", at: at("2026-04-01"), employer: "Kafé Rosa", startsAt: at("2026-04-04") });
    expect(openOf(journey(referred, [...searching, soon], "2026-04-01 12:00"), "pre-start-contact")).toMatchObject({ dueDate: "2026-04-01", status: "due" });
    // A meeting with the participant closes it; an employer contact does not.
    expect(openOf(journey(referred, [...searching, offer, employerContact("2026-04-10")], "2026-04-11"), "pre-start-contact")).toBeDefined();
    const met = journey(referred, [...searching, offer, participantMeeting("2026-04-15")], "2026-04-16");
    expect(doneOf(met, "pre-start-contact")?.doneAt).toBe("2026-04-15T08:00:00.000Z");
  });
});
