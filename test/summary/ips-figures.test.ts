import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PutCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Deps } from "../../adapters/deps";
import type { Specialist, Team } from "../../core/domain/schemas";
import type { WeeklySummaryFigures } from "../../core/email";
import { createTeam } from "../../adapters/dynamodb/teams";
import { createSpecialist, getSpecialist, listSpecialists } from "../../adapters/dynamodb/specialists";
import { index, keys } from "../../adapters/dynamodb/keys";
import { weeklySummaryFigures } from "../../use-cases/summary/load-figures";
import { previewSummary } from "../../use-cases/summary/preview";
import { testClock, testDeps } from "../support/deps";
import { holdJourneys, mailbox, record, seedParticipant, type HeldJourneys } from "./seed";

/**
 * The summary's figures as the IPS method counts them, for 2026-W48 (Monday 23 November 00:00 to
 * Monday 30 November 00:00 Europe/Oslo, UTC+1), on DynamoDB Local.
 *
 * Team Vest (weekly, nb) and Team Øst (weekly, en). Kari works full time in both teams; Per half
 * time (fte 0.5, full-time caseload limit 8) in Team Vest only.
 * | code | team | specialist | story                                                   | counts as |
 * |------|------|------------|---------------------------------------------------------|-----------|
 * | V1   | Vest | Kari       | referred 1 Sept, job since 1 Oct                        | active, in work |
 * | V2   | Vest | Kari       | referred Mon 2 Nov; first contacts Tue 24, Wed 25, Thu 26 Nov | active; first contact after 22 days |
 * | V3   | Vest | Per        | referred Tue 10 Nov; first contact Wed 25 Nov           | active; first contact after 15 days |
 * | V4   | Vest | Per        | school since Oct, job since 2 Nov; contact Thu 26 Nov (not the first) | active, in work and in school |
 * | V5   | Vest | Per        | job since 1 Oct, paused since 1 Nov                     | not active (paused) |
 * | V6   | Vest | Per        | referred Mon 23 Nov, first contact that day, job Fri 27 Nov | not active (referred this week); first contact after 0 days |
 * | V7   | Vest | Kari       | exited in May                                           | not active |
 * | V8   | Vest | Per        | school since 1 Sept                                     | active, in school |
 * | V9   | Vest | Kari       | referred 1 Oct, nothing since                           | active; first contact 30 days overdue |
 * | Ø1   | Øst  | Kari       | in job search; contacts Mon 23, Wed 25, Fri 27 Nov, and just outside the week on either side | |
 *
 * Kari's week: 3 contacts in each team, 6 in all. Per's: V6, V3, V4, 3 in all.
 */
describe("the weekly summary by the IPS method: two teams, a part-time specialist", () => {
  const clock = testClock("2026-08-01T10:00:00.000Z");
  let deps: Deps;
  let vest: Team;
  let ost: Team;
  let kari: Specialist;
  let per: Specialist;
  const ids: Record<string, string> = {};
  let figures: WeeklySummaryFigures;
  let ostFigures: WeeklySummaryFigures;
  let journeys: HeldJourneys;

  afterAll(() => journeys?.stop());
  beforeAll(async () => {
    journeys = await holdJourneys();
    deps = await testDeps({ clock, ...journeys.sfn });
    vest = await createTeam(deps, { name: "Team Vest", emails: [mailbox("vest")], locale: "nb", summaryCadence: "weekly" });
    ost = await createTeam(deps, { name: "Team Øst", emails: [mailbox("ost")], locale: "en", summaryCadence: "weekly" });
    // Kari's working share is left out: full time.
    kari = await createSpecialist(deps, { name: "Kari Lie", email: mailbox("kari"), teamIds: [vest.id, ost.id], caseloadLimit: 20 });
    per = await createSpecialist(deps, { name: "Per Berg", email: mailbox("per"), teamIds: [vest.id], caseloadLimit: 8, fte: 0.5 });

    clock.set("2026-12-07T06:00:00.000Z"); // every event below has happened by now
    const refer = async (code: string, team: Team, specialist: Specialist, referredAt: string) => {
      ids[code] = (await seedParticipant(deps, { code, teamId: team.id, specialistId: specialist.id, referredAt })).id;
      return ids[code]!;
    };
    const contact = (at: string) => ({ type: "employer-contact" as const, at, employer: "Arbeidsgiver AS" });
    const job = (at: string) => ({ type: "job-start" as const, at, employer: "Arbeidsgiver AS", hoursPerWeek: 10, wage: "ordinary" as const, temporary: false });

    await record(deps, await refer("V1", vest, kari, "2026-09-01T08:00:00.000Z"), contact("2026-09-10T09:00:00.000Z"), job("2026-10-01T08:00:00.000Z"));
    await record(
      deps,
      await refer("V2", vest, kari, "2026-11-02T09:00:00.000Z"),
      contact("2026-11-24T10:00:00.000Z"),
      contact("2026-11-25T10:00:00.000Z"),
      contact("2026-11-26T10:00:00.000Z"),
    );
    await record(deps, await refer("V3", vest, per, "2026-11-10T09:00:00.000Z"), contact("2026-11-25T10:00:00.000Z"));
    await record(
      deps,
      await refer("V4", vest, per, "2026-10-01T08:00:00.000Z"),
      contact("2026-10-05T09:00:00.000Z"),
      { type: "education-start", at: "2026-10-20T08:00:00.000Z" },
      job("2026-11-02T08:00:00.000Z"),
      contact("2026-11-26T12:00:00.000Z"),
    );
    await record(
      deps,
      await refer("V5", vest, per, "2026-09-15T08:00:00.000Z"),
      contact("2026-09-20T09:00:00.000Z"),
      job("2026-10-01T08:00:00.000Z"),
      { type: "pause", at: "2026-11-01T08:00:00.000Z" },
    );
    await record(deps, await refer("V6", vest, per, "2026-11-23T08:00:00.000Z"), contact("2026-11-23T13:00:00.000Z"), job("2026-11-27T08:00:00.000Z"));
    await record(deps, await refer("V7", vest, kari, "2026-03-01T08:00:00.000Z"), { type: "exit", at: "2026-05-01T08:00:00.000Z", reason: "other" });
    await record(
      deps,
      await refer("V8", vest, per, "2026-08-01T08:00:00.000Z"),
      contact("2026-08-05T09:00:00.000Z"),
      { type: "education-start", at: "2026-09-01T08:00:00.000Z" },
    );
    await refer("V9", vest, kari, "2026-10-01T08:00:00.000Z");
    await record(
      deps,
      await refer("Ø1", ost, kari, "2026-09-01T08:00:00.000Z"),
      contact("2026-09-05T09:00:00.000Z"),
      contact("2026-11-22T22:30:00.000Z"), // Sunday 22 November 23:30 in Oslo: week 47
      contact("2026-11-23T10:00:00.000Z"),
      contact("2026-11-25T10:00:00.000Z"),
      contact("2026-11-27T10:00:00.000Z"),
      contact("2026-11-29T23:30:00.000Z"), // Monday 30 November 00:30 in Oslo: week 49
    );

    clock.set("2026-11-30T06:00:00.000Z"); // Monday 07:00 in Oslo, when the summaries go out
    [figures, ostFigures] = await Promise.all([weeklySummaryFigures(deps, vest.id, "2026-W48"), weeklySummaryFigures(deps, ost.id, "2026-W48")]);
  });

  it("names the specialist of every overdue item", () => {
    const specialistOf: Record<string, Specialist> = Object.fromEntries(
      ["V1", "V2", "V7", "V9"].map((code) => [ids[code], kari]).concat(["V3", "V4", "V5", "V6", "V8"].map((code) => [ids[code], per])),
    );
    expect(figures.overdue.length).toBeGreaterThan(0);
    for (const row of figures.overdue) {
      const specialist = specialistOf[row.participantId]!;
      expect(row, row.code).toMatchObject({ specialistId: specialist.id, specialistName: specialist.name });
    }
    expect(figures.overdue).toContainEqual(
      expect.objectContaining({ code: "V9", kind: "first-employer-contact", missedDeadline: true, specialistId: kari.id, specialistName: "Kari Lie" }),
    );
    expect(new Set(figures.overdue.map((row) => row.specialistName))).toEqual(new Set(["Kari Lie", "Per Berg"]));
  });

  it("counts a specialist's contacts across all their participants in every team: 3 + 3 meets 6 in both teams' summaries", () => {
    const kariIn = (f: WeeklySummaryFigures) => f.employerContacts.perSpecialist.find((s) => s.specialistId === kari.id);
    expect(kariIn(figures)).toEqual({ specialistId: kari.id, specialistName: "Kari Lie", count: 6, inTeam: 3, fte: 1, target: 6 });
    expect(kariIn(ostFigures)).toEqual({ specialistId: kari.id, specialistName: "Kari Lie", count: 6, inTeam: 3, fte: 1, target: 6 });
    // Each team's total stays its own: Kari's 3 and Per's 3 in Team Vest, Kari's 3 in Team Øst.
    expect(figures.employerContacts.total).toBe(6);
    expect(ostFigures.employerContacts.total).toBe(3);
    expect(ostFigures.employerContacts.perSpecialist).toHaveLength(1);
  });

  it("reads the other team's week of employer contacts with one range Query, shared by the summary's specialists", async () => {
    const queries: QueryCommandInput[] = [];
    const counting = {
      ...deps,
      db: new Proxy(deps.db, {
        get(target, property, receiver) {
          if (property !== "send") return Reflect.get(target, property, receiver) as unknown;
          return (command: { input: QueryCommandInput; constructor: { name: string } }) => {
            if (command.constructor.name === "ScanCommand") throw new Error("no Scan");
            if (command.constructor.name === "QueryCommand") queries.push(command.input);
            return target.send(command as never);
          };
        },
      }),
    } as Deps;
    expect(await weeklySummaryFigures(counting, vest.id, "2026-W48")).toEqual(figures);
    const ostEvents = queries.filter((q) => q.ExpressionAttributeValues?.[":pk"] === index.team(ost.id));
    expect(ostEvents).toHaveLength(1);
    expect(ostEvents[0]).toMatchObject({
      IndexName: "gsi2",
      KeyConditionExpression: "gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to",
      ExpressionAttributeValues: { ":from": "EVENT#2026-11-22T23:00:00.000Z", ":to": "EVENT#2026-11-29T23:00:00.000Z", ":contact": "employer-contact" },
    });
    // One caseload Query per specialist shown who works in other teams too (the caseload count and
    // the other teams in one); Per works in this team only, so its participants are his caseload.
    const caseloads = queries.filter((q) => String(q.ExpressionAttributeValues?.[":pk"]).startsWith("CASELOAD#"));
    expect(caseloads.map((q) => q.ExpressionAttributeValues?.[":pk"])).toEqual([index.caseload(kari.id)]);
    // No participant's history: each state comes from the fold of their events, and only the
    // week's events are read (the team's range Query).
    expect(queries.filter((q) => String(q.ExpressionAttributeValues?.[":pk"]).startsWith("PARTICIPANT#"))).toEqual([]);
    const vestEvents = queries.filter((q) => q.ExpressionAttributeValues?.[":pk"] === index.team(vest.id) && String(q.ExpressionAttributeValues?.[":from"]).startsWith("EVENT#"));
    expect(vestEvents.map((q) => q.ExpressionAttributeValues?.[":from"])).toEqual(["EVENT#2026-11-22T23:00:00.000Z"]);
  });

  it("stores the working share, full time unless given, and reads specialists stored before it as full time", async () => {
    expect(per.fte).toBe(0.5);
    expect((await getSpecialist(deps, per.id))?.fte).toBe(0.5);
    expect((await getSpecialist(deps, kari.id))?.fte).toBe(1);
    await deps.db.send(
      new PutCommand({
        TableName: deps.tableName,
        Item: {
          ...keys.specialist("OLD"),
          entity: "specialist",
          gsi1pk: index.allSpecialists,
          gsi1sk: "Eldre Spesialist#OLD",
          id: "OLD",
          name: "Eldre Spesialist",
          email: "eldre@example.org",
          teamIds: [vest.id],
          caseloadLimit: 20,
          createdAt: "2026-01-01T00:00:00.000Z",
        },
      }),
    );
    expect((await getSpecialist(deps, "OLD"))?.fte).toBe(1);
    const all = await listSpecialists(deps);
    expect(Object.fromEntries(all.map((s) => [s.name, s.fte]))).toEqual({ "Kari Lie": 1, "Per Berg": 0.5, "Eldre Spesialist": 1 });
  });

  it("scales a half-time specialist's contact target to 3 and caseload limit to half the full-time one, rounded down", () => {
    expect(figures.employerContacts.target).toBe(6);
    expect(figures.employerContacts.perSpecialist.find((s) => s.specialistId === per.id)).toEqual({
      specialistId: per.id,
      specialistName: "Per Berg",
      count: 3,
      inTeam: 3,
      fte: 0.5,
      target: 3,
    });
    // Per follows V3, V4, V5 (paused), V6 and V8: 5 against 8 × 0.5 = 4. Kari: V1, V2, V9 and Ø1.
    expect(figures.caseloads).toEqual([
      { specialistId: kari.id, specialistName: "Kari Lie", count: 4, limit: 20, caseloadLimit: 20, fte: 1 },
      { specialistId: per.id, specialistName: "Per Berg", count: 5, limit: 4, caseloadLimit: 8, fte: 0.5 },
    ]);
  });

  it("counts outcomes among the active only: neither this week's referral nor the paused participant is in the denominator", () => {
    // Active: V1 (work), V2, V3, V4 (work and school), V8 (school), V9. Not V5 (paused, in work),
    // V6 (referred this week, in work since Friday) or V7 (exited).
    expect(figures.outcomes).toEqual({
      inWork: 2,
      inSchool: 2,
      inWorkOrSchool: 3,
      active: 6,
      employmentRate: 2 / 6,
      inWorkOrSchoolRate: 3 / 6,
    });
    // The phases still count everyone.
    expect(figures.participantsByPhase.paused).toBe(1);
    expect(figures.newReferrals.map((r) => r.code)).toEqual(["V6"]);
  });

  it("gives the median days from referral to the first employer contact of the week's first contacts", () => {
    // V6 after 0 days, V3 after 15, V2 after 22; V4's and Ø1's contacts this week were not their first.
    expect(figures.rapidJobSearch).toEqual({ count: 3, medianDays: 15 });
    expect(ostFigures.rapidJobSearch).toEqual({ count: 0, medianDays: null });
  });

  it("shows all of it in the email, in the team's language", async () => {
    const nb = (await previewSummary(deps, vest.id, "2026-W48")).text;
    expect(nb).toMatch(/^- V9 · Jobbspesialist: Kari Lie · Ta første arbeidsgiverkontakt · /m);
    expect(nb).toContain("Kari Lie · Kontakter: 6 (3 i dette teamet) · Mål: 6 · målet nådd");
    expect(nb).toContain("Per Berg · Kontakter: 3 · Mål: 3 (50\u00a0% stilling) · målet nådd");
    expect(nb).toContain("Per Berg · Deltakere: 5 · Grense: 4 (50\u00a0% stilling) · over grensen (!)");
    expect(nb).toContain("Av 6 aktive deltakere er 2 i jobb, 2 i skole og 3 i jobb eller skole.");
    expect(nb).toContain("Andel i jobb eller skole: 50\u00a0%");
    expect(nb).toContain("Fra henvisning til første arbeidsgiverkontakt: median 15 dager (3 deltakere med første arbeidsgiverkontakt i perioden).");

    const en = (await previewSummary(deps, ost.id, "2026-W48")).text;
    expect(en).toContain("Kari Lie · Contacts: 6 (3 for this team) · Target: 6 · target met");
    expect(en).toContain("No participant had their first employer contact in this period.");
  });
});
