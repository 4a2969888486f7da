import type { Deps } from "../../adapters/deps";
import type { Specialist, Team } from "../../core/domain/schemas";
import { createTeam } from "../../adapters/dynamodb/teams";
import { createSpecialist } from "../../adapters/dynamodb/specialists";
import type { testClock } from "../support/deps";
import { mailbox, record, recordDueNow, seedParticipant } from "./seed";

/**
 * Two treatment teams with known figures for 2026-W48 (Monday 23 November 00:00 to Monday
 * 30 November 00:00 Europe/Oslo, UTC+1: 2026-11-22T23:00Z to 2026-11-29T23:00Z).
 *
 * Team Nord (weekly, nb), specialists Ola (caseload limit 3) and Siri:
 * | code | specialist | story                                                                 | at the week's end |
 * |------|------------|-----------------------------------------------------------------------|-------------------|
 * | A.A. | Ola        | in job search since Sept; contact Mon 23 Nov; job start Tue 24 Nov     | placement, in work; placement follow-up due Thu 3 Dec |
 * | B.B. | Ola        | referred 1 Oct, nothing since                                          | referral; first contact, benefits, outreach 30 days overdue (alert recorded) |
 * | C.C. | Siri       | referred Tue 24 Nov                                                    | referral (new referral) |
 * | D.D. | Siri       | job since July; job ends Wed 25 Nov; contact Thu 26 Nov                | job search; job-loss follow-up 2 days overdue |
 * | E.E. | Ola        | exited in May                                                          | exited |
 * | F.F. | Siri       | at school since Sept; contacts Sun 22 23:30, Mon 23 00:30, Sun 29 23:30, Mon 30 00:30 local | follow-up, in school; follow-up and outreach due Fri 4 Dec |
 * | G.G. | Ola        | paused since October                                                   | paused |
 * | I.I. | Ola        | first contact due 11 Nov (alert recorded), made Tue 24 Nov             | job search; missed deadline met 13 days late |
 *
 * Team Sør (fortnightly, en), specialist Siri: H.H. referred Tue 24 Nov, contacts 25 Nov and 2 Dec.
 */
export interface Dataset {
  nord: Team;
  sor: Team;
  ola: Specialist;
  siri: Specialist;
  ids: Record<"AA" | "BB" | "CC" | "DD" | "EE" | "FF" | "GG" | "II" | "HH", string>;
  /** Strings stored for participants that must never reach an email. */
  secrets: string[];
}

export const week48SentAt = "2026-11-30T06:00:00.000Z"; // Monday 07:00 Europe/Oslo

export async function seedWeek48(deps: Deps, clock: ReturnType<typeof testClock>): Promise<Dataset> {
  clock.set("2026-11-01T10:00:00.000Z");
  const nord = await createTeam(deps, { name: "Behandlingsteam Nord", emails: [mailbox("nord")], locale: "nb", summaryCadence: "weekly" });
  const sor = await createTeam(deps, { name: "Team Sor", emails: [mailbox("sor")], locale: "en", summaryCadence: "fortnightly" });
  const ola = await createSpecialist(deps, { name: "Ola Nordmann", email: mailbox("ola"), teamIds: [nord.id], caseloadLimit: 3 });
  const siri = await createSpecialist(deps, { name: "Siri Hansen", email: mailbox("siri"), teamIds: [nord.id, sor.id], caseloadLimit: 20 });

  clock.set("2026-12-07T06:00:00.000Z"); // every event below has happened by now
  const secrets = ["Drømmejobb frisør", "innlagt akuttpost", "sykdom i familien"];
  const referral = (code: string, team: Team, specialist: Specialist, referredAt: string) =>
    seedParticipant(deps, { code, teamId: team.id, specialistId: specialist.id, referredAt });

  const aa = await referral("A.A.", nord, ola, "2026-09-01T08:00:00.000Z");
  await record(
    deps,
    aa.id,
    { type: "employer-contact", at: "2026-09-10T09:00:00.000Z", employer: "Kafé Sentrum", visit: 1 },
    { type: "benefits-counselling", at: "2026-09-15T09:00:00.000Z" },
    { type: "participant-meeting", at: "2026-11-20T09:00:00.000Z" },
    { type: "employer-contact", at: "2026-11-23T10:00:00.000Z", employer: "Bakeriet", visit: 3 },
    { type: "job-start", at: "2026-11-24T08:00:00.000Z", employer: "Bakeriet", hoursPerWeek: 20, wage: "ordinary", temporary: false },
    { type: "follow-up-contact", at: "2026-11-26T12:00:00.000Z", with: "participant" },
  );

  const bb = await seedParticipant(deps, {
    code: "B.B.",
    teamId: nord.id,
    specialistId: ola.id,
    referredAt: "2026-10-01T08:00:00.000Z",
    preferences: { jobs: [secrets[0]], disclosure: "none" },
  });

  const cc = await referral("C.C.", nord, siri, "2026-11-24T09:00:00.000Z");

  const dd = await referral("D.D.", nord, siri, "2026-06-01T08:00:00.000Z");
  await record(
    deps,
    dd.id,
    { type: "employer-contact", at: "2026-06-05T09:00:00.000Z", employer: "Lager AS" },
    { type: "benefits-counselling", at: "2026-06-10T09:00:00.000Z" },
    { type: "job-start", at: "2026-07-01T08:00:00.000Z", employer: "Lager AS", hoursPerWeek: 10, wage: "subsidised", temporary: true },
    { type: "follow-up-contact", at: "2026-07-02T09:00:00.000Z", with: "participant" },
    { type: "participant-meeting", at: "2026-11-20T09:00:00.000Z" },
    // Reasons are codes now; events stored before that carried free text, which must not leak.
    { type: "job-end", at: "2026-11-25T14:00:00.000Z", reason: secrets[2] as "other" },
    { type: "employer-contact", at: "2026-11-26T10:00:00.000Z", employer: "Rema 1000" },
  );

  const ee = await referral("E.E.", nord, ola, "2026-03-01T08:00:00.000Z");
  await record(deps, ee.id, { type: "exit", at: "2026-05-01T08:00:00.000Z", reason: secrets[1] as "other" });

  const ff = await referral("F.F.", nord, siri, "2026-08-03T08:00:00.000Z");
  await record(
    deps,
    ff.id,
    { type: "employer-contact", at: "2026-08-05T09:00:00.000Z", employer: "Verksted AS" },
    { type: "benefits-counselling", at: "2026-08-05T12:00:00.000Z" },
    { type: "education-start", at: "2026-09-01T08:00:00.000Z" },
    { type: "follow-up-contact", at: "2026-11-04T09:00:00.000Z", with: "participant" },
    // Sunday 22 Nov 23:30 local (week 47), Monday 23 Nov 00:30 local (week 48, though 22 Nov in UTC),
    // Sunday 29 Nov 23:30 local (week 48), Monday 30 Nov 00:30 local (week 49, though 29 Nov in UTC).
    { type: "employer-contact", at: "2026-11-22T22:30:00.000Z", employer: "Verksted AS" },
    { type: "employer-contact", at: "2026-11-22T23:30:00.000Z", employer: "Verksted AS" },
    { type: "employer-contact", at: "2026-11-29T22:30:00.000Z", employer: "Verksted AS" },
    { type: "employer-contact", at: "2026-11-29T23:30:00.000Z", employer: "Verksted AS" },
  );

  const gg = await referral("G.G.", nord, ola, "2026-10-15T08:00:00.000Z");
  await record(deps, gg.id, { type: "pause", at: "2026-10-20T08:00:00.000Z" });

  const ii = await referral("I.I.", nord, ola, "2026-10-12T08:00:00.000Z");
  await record(
    deps,
    ii.id,
    { type: "benefits-counselling", at: "2026-10-20T09:00:00.000Z" },
    { type: "participant-meeting", at: "2026-11-20T09:00:00.000Z" },
    { type: "employer-contact", at: "2026-11-24T10:00:00.000Z", employer: "Butikken" },
  );

  const hh = await referral("H.H.", sor, siri, "2026-11-24T09:00:00.000Z");
  await record(
    deps,
    hh.id,
    { type: "employer-contact", at: "2026-11-25T10:00:00.000Z", employer: "Hotell Vest" },
    { type: "employer-contact", at: "2026-12-02T10:00:00.000Z", employer: "Hotell Vest" },
  );

  // The journeys' record steps, run when the deadlines had passed.
  clock.set("2026-11-02T08:00:00.000Z");
  await recordDueNow(deps, bb.id);
  clock.set("2026-11-13T08:00:00.000Z");
  await recordDueNow(deps, ii.id);

  return {
    nord,
    sor,
    ola,
    siri,
    ids: { AA: aa.id, BB: bb.id, CC: cc.id, DD: dd.id, EE: ee.id, FF: ff.id, GG: gg.id, II: ii.id, HH: hh.id },
    secrets,
  };
}
