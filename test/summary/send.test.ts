import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { BatchGetCommand, type BatchGetCommandOutput } from "@aws-sdk/lib-dynamodb";
import type { Deps } from "../../adapters/deps";
import type { Team } from "../../core/domain/schemas";
import { createTeam } from "../../adapters/dynamodb/teams";
import { createSpecialist } from "../../adapters/dynamodb/specialists";
import { localCredentials } from "../../local/servers/credentials";
import { sendTeamSummary } from "../../use-cases/summary/send";
import { planSummaries } from "../../use-cases/summary/plan";
import { findSummaryRecord } from "../../adapters/dynamodb/summary-repository";
import { weeklySummaryFigures } from "../../use-cases/summary/load-figures";
import { capturedMail, testClock, testDeps } from "../support/deps";
import { expectNoPersonalData } from "../support/privacy";
import { seedWeek48, week48SentAt, type Dataset } from "./dataset";
import { holdJourneys, mailbox, record, seedParticipant, type HeldJourneys } from "./seed";

describe("sending the weekly summary", () => {
  const clock = testClock(week48SentAt);
  let deps: Deps;
  let data: Dataset;
  let createdMidWeek: Team;
  let createdAtWeekStart: Team;
  let journeys: HeldJourneys;

  afterAll(() => journeys?.stop());
  beforeAll(async () => {
    journeys = await holdJourneys();
    deps = await testDeps({ clock, ...journeys.sfn });
    data = await seedWeek48(deps, clock);
    clock.set("2026-11-25T12:00:00.000Z"); // Wednesday of week 48
    createdMidWeek = await createTeam(deps, { name: "Team Midt", emails: [mailbox("midt")], locale: "nb", summaryCadence: "weekly" });
    clock.set("2026-11-22T23:00:00.000Z"); // Monday 23 November 00:00 Oslo
    createdAtWeekStart = await createTeam(deps, { name: "Team Øst", emails: [mailbox("ost")], locale: "nb", summaryCadence: "weekly" });
    clock.set(week48SentAt);
  });

  it("plans week 48 on Monday 30 November for weekly teams that existed all week, by a Query of the teams", async () => {
    const plan = await planSummaries(deps);
    expect(plan.week).toBe("2026-W48");
    expect([...plan.teamIds].sort()).toEqual([data.nord.id, createdAtWeekStart.id].sort());
  });

  it("plans week 49 a week later for every team, the fortnightly one and the one created mid-week included", async () => {
    const plan = await planSummaries(deps, new Date("2026-12-07T06:00:00.000Z"));
    expect(plan.week).toBe("2026-W49");
    expect([...plan.teamIds].sort()).toEqual([data.nord.id, data.sor.id, createdMidWeek.id, createdAtWeekStart.id].sort());
  });

  it("sends exactly one email when the send runs three times at once and again later", async () => {
    const to = data.nord.emails[0];
    const outcomes = await Promise.all([1, 2, 3].map(() => sendTeamSummary(deps, data.nord.id, "2026-W48")));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["already-sent", "already-sent", "sent"]);
    // A later retry reads the team and the week's claim in one request, and nothing else.
    const requests: string[] = [];
    const watched = { ...deps, db: { send: (command: { constructor: { name: string } }) => (requests.push(command.constructor.name), deps.db.send(command as never)) } };
    expect(await sendTeamSummary(watched as unknown as typeof deps, data.nord.id, "2026-W48")).toEqual({ outcome: "already-sent" });
    expect(requests).toEqual(["BatchGetCommand"]);
    // Keys the table leaves unprocessed (it throttles; DynamoDB Local never does, so its answer is
    // rewritten here) are read one by one, with the same answer and no more.
    requests.length = 0;
    const throttled = {
      ...deps,
      db: {
        send: async (command: { constructor: { name: string } }) => {
          requests.push(command.constructor.name);
          const out = await deps.db.send(command as never);
          if (!(command instanceof BatchGetCommand)) return out;
          const items = (out as BatchGetCommandOutput).Responses![deps.tableName];
          return { ...out, Responses: { [deps.tableName]: [] }, UnprocessedKeys: { [deps.tableName]: { Keys: items.map(({ pk, sk }) => ({ pk, sk })) } } };
        },
      },
    };
    expect(await sendTeamSummary(throttled as unknown as typeof deps, data.nord.id, "2026-W48")).toEqual({ outcome: "already-sent" });
    expect(requests).toEqual(["BatchGetCommand", "GetCommand", "GetCommand"]);
    const mail = await capturedMail(to);
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe("IPS-oppsummering uke 48: 7 deltakere, 1 ny jobb");
    expect(await findSummaryRecord(deps, data.nord.id, "2026-W48")).toMatchObject({ status: "sent" });
  });

  it("names participants by code only, never by anything else stored about them", async () => {
    const [mail] = await capturedMail(data.nord.emails[0]);
    const all = `${mail.subject}\n${mail.body.text}\n${mail.body.html}`;
    for (const code of ["A.A.", "B.B.", "C.C.", "D.D.", "F.F.", "I.I."]) expect(mail.body.text).toContain(code);
    expect(mail.body.text).toContain("Av 5 aktive deltakere er 1 i jobb, 1 i skole og 2 i jobb eller skole.");
    expectNoPersonalData(all, data.secrets);
  });

  it("sends a fortnightly team its summary in its own language, in its weeks only", async () => {
    expect(await sendTeamSummary(deps, data.sor.id, "2026-W48")).toEqual({ outcome: "not-due" });
    clock.set("2026-12-07T06:00:00.000Z");
    try {
      expect(await sendTeamSummary(deps, data.sor.id, "2026-W49")).toEqual({ outcome: "sent" });
      const mail = await capturedMail(data.sor.emails[0]);
      expect(mail.map((m) => m.subject)).toEqual(["IPS summary week 49: 1 participant, 0 new jobs"]);
      // H.H. was referred within the fortnight: in the subject's count, not yet among the active.
      expect(mail[0].body.text).toContain("No active participants.");
    } finally {
      clock.set(week48SentAt);
    }
  });

  it("sends nothing for a team created during the week, nor for a week not yet over", async () => {
    expect(await sendTeamSummary(deps, createdMidWeek.id, "2026-W48")).toEqual({ outcome: "not-due" });
    expect(await sendTeamSummary(deps, data.nord.id, "2026-W49")).toEqual({ outcome: "week-not-over" });
    expect(await sendTeamSummary(deps, "no-such-team", "2026-W48")).toEqual({ outcome: "unknown-team" });
    expect(await capturedMail(createdMidWeek.emails[0])).toHaveLength(0);
    expect(await findSummaryRecord(deps, data.nord.id, "2026-W49")).toBeUndefined();
  });

  it("sends on a retry when SES refused the first attempt", async () => {
    const to = createdAtWeekStart.emails[0];
    const refusing: Deps = {
      ...deps,
      ses: new SESv2Client({ region: "eu-north-1", endpoint: "http://127.0.0.1:9", credentials: localCredentials, maxAttempts: 1 }),
    };
    await expect(sendTeamSummary(refusing, createdAtWeekStart.id, "2026-W48")).rejects.toThrow();
    expect(await findSummaryRecord(deps, createdAtWeekStart.id, "2026-W48")).toBeUndefined();
    expect(await sendTeamSummary(deps, createdAtWeekStart.id, "2026-W48")).toEqual({ outcome: "sent" });
    expect(await capturedMail(to)).toHaveLength(1);
  });
});

describe("summaries across a daylight-saving switch and a week 53", () => {
  const clock = testClock("2026-10-01T06:00:00.000Z");
  let deps: Deps;
  let journeys: HeldJourneys;

  afterAll(() => journeys?.stop());
  beforeAll(async () => {
    journeys = await holdJourneys();
    deps = await testDeps({ clock, ...journeys.sfn });
  });

  it("counts the 169-hour week 43 of 2026 by Oslo midnights", async () => {
    const team = await createTeam(deps, { name: "Team Høst", emails: [mailbox("host")], locale: "nb", summaryCadence: "weekly" });
    const specialist = await createSpecialist(deps, { name: "Kari Jobb", email: mailbox("kari"), teamIds: [team.id], caseloadLimit: 20 });
    clock.set("2026-10-26T06:00:00.000Z"); // Monday 26 October 07:00 Oslo (UTC+1 since Sunday)
    const p = await seedParticipant(deps, { code: "K.K.", teamId: team.id, specialistId: specialist.id, referredAt: "2026-10-01T08:00:00.000Z" });
    const contact = (at: string) => ({ type: "employer-contact" as const, at, employer: "Fabrikken" });
    await record(
      deps,
      p.id,
      contact("2026-10-18T21:30:00.000Z"), // Sunday 18 October 23:30 summer time: week 42
      contact("2026-10-18T22:30:00.000Z"), // Monday 19 October 00:30 summer time: week 43
      contact("2026-10-25T22:30:00.000Z"), // Sunday 25 October 23:30 winter time: week 43
      contact("2026-10-25T23:30:00.000Z"), // Monday 26 October 00:30 winter time: week 44
    );

    const plan = await planSummaries(deps);
    expect(plan).toEqual({ week: "2026-W43", teamIds: [team.id] });
    const figures = await weeklySummaryFigures(deps, team.id, plan.week);
    expect(figures).toMatchObject({ weekStart: "2026-10-18T22:00:00.000Z", weekEnd: "2026-10-25T23:00:00.000Z" });
    expect(figures.employerContacts.total).toBe(2);
    expect(await sendTeamSummary(deps, team.id, plan.week)).toEqual({ outcome: "sent" });
    expect((await capturedMail(team.emails[0])).map((m) => m.subject)).toEqual(["IPS-oppsummering uke 43: 1 deltaker, 0 nye jobber"]);
  });

  it("sends week 53 of 2026 on Monday 4 January 2027, then week 1, and keeps the fortnightly rhythm across the year's end", async () => {
    clock.set("2026-12-01T10:00:00.000Z");
    const weekly = await createTeam(deps, { name: "Team Vinter", emails: [mailbox("vinter")], locale: "nb", summaryCadence: "weekly" });
    const fortnightly = await createTeam(deps, { name: "Team Fjorten", emails: [mailbox("fjorten")], locale: "en", summaryCadence: "fortnightly" });
    const specialist = await createSpecialist(deps, { name: "Per Jobb", email: mailbox("per"), teamIds: [weekly.id], caseloadLimit: 20 });
    clock.set("2027-01-04T06:00:00.000Z"); // Monday 4 January 2027 07:00 Oslo
    const p = await seedParticipant(deps, { code: "N.Y.", teamId: weekly.id, specialistId: specialist.id, referredAt: "2026-12-30T10:00:00.000Z" });
    await record(
      deps,
      p.id,
      { type: "employer-contact", at: "2026-12-30T12:00:00.000Z", employer: "Nyttårsbakeriet" },
      { type: "job-start", at: "2026-12-31T08:00:00.000Z", employer: "Nyttårsbakeriet", hoursPerWeek: 4, wage: "subsidised", temporary: true },
    );

    const due = async (at: string) => {
      const plan = await planSummaries(deps, new Date(at));
      const ids = plan.teamIds.filter((id) => id === weekly.id || id === fortnightly.id);
      return { week: plan.week, weekly: ids.includes(weekly.id), fortnightly: ids.includes(fortnightly.id) };
    };
    expect(await due("2027-01-04T06:00:00.000Z")).toEqual({ week: "2026-W53", weekly: true, fortnightly: true });
    expect(await due("2027-01-11T06:00:00.000Z")).toEqual({ week: "2027-W01", weekly: true, fortnightly: false });
    expect(await due("2027-01-18T06:00:00.000Z")).toEqual({ week: "2027-W02", weekly: true, fortnightly: true });

    const figures = await weeklySummaryFigures(deps, weekly.id, "2026-W53");
    expect(figures).toMatchObject({ weekStart: "2026-12-27T23:00:00.000Z", weekEnd: "2027-01-03T23:00:00.000Z" });
    expect(figures.newReferrals.map((r) => r.code)).toEqual(["N.Y."]);
    expect(figures.starts).toMatchObject([{ code: "N.Y.", kind: "job", hoursPerWeek: 4, wage: "subsidised", temporary: true }]);
    expect(await sendTeamSummary(deps, weekly.id, "2026-W53")).toEqual({ outcome: "sent" });
    expect((await capturedMail(weekly.emails[0])).map((m) => m.subject)).toEqual(["IPS-oppsummering uke 53: 1 deltaker, 1 ny jobb"]);
  });
});
