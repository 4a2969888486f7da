import { expect } from "vitest";
import { seedTeam } from "../support/system";
import { scenario, type Team, type TestSystem } from "../workflow/scenario";

/**
 * Two teams' last two quarters of 2026, recorded through the API on 5 January 2027 (after the
 * fourth quarter ended, before it closes on 15 January), every event back-dated. The outcome
 * report's tests count their figures by hand from this list; each line says what it adds to
 * the fourth quarter (Q4: 1 October to 31 December 2026, Oslo time). All instants are 08:00 or
 * 09:00 UTC, on the same local date in Oslo.
 */
export async function seedOutcomes(system: TestSystem) {
  const flow = scenario(system);
  await flow.advanceTo("2027-01-05T10:00");
  const a = await seedTeam(system.api);
  const b = await seedTeam(system.api);
  const refer = (team: Team, code: string, date: string) => flow.refer(team, code, `${date}T08:00:00.000Z`);
  const record = (team: Team, id: string, date: string, event: Record<string, unknown>) => flow.record(team, id, { at: `${date}T09:00:00.000Z`, ...event });
  const job = (employer: string, hoursPerWeek: number, wage: "ordinary" | "subsidised", temporary: boolean) => ({ type: "job-start", employer, hoursPerWeek, wage, temporary });

  // A.A.: referred in Q3, first job (ordinary, permanent, 20 h) in Q4, in work at the end.
  const aa = await refer(a, "A.A.", "2026-08-03");
  await record(a, aa, "2026-08-20", { type: "employer-contact", employer: "Kiwi" });
  await record(a, aa, "2026-10-12", job("Kiwi", 20, "ordinary", false));

  // B.B.: 30th day 15 Oct, contact on 14 Oct (within); first job (subsidised, temporary) 2 Nov,
  // ended 14 Dec after 42 days; in school from 20 Dec.
  const bb = await refer(a, "B.B.", "2026-09-15");
  await record(a, bb, "2026-10-14", { type: "employer-contact", employer: "Rema" });
  await record(a, bb, "2026-11-02", job("Rema", 10, "subsidised", true));
  await record(a, bb, "2026-12-14", { type: "job-end", reason: "temporary-ended" });
  await record(a, bb, "2026-12-20", { type: "education-start" });

  // C.C.: referred in Q4; 30th day 4 Nov, first contact 10 Nov (late).
  const cc = await refer(a, "C.C.", "2026-10-05");
  await record(a, cc, "2026-11-10", { type: "employer-contact", employer: "Coop" });

  // D.D.: referred in Q4; its 30th day (9 Jan) is in the next quarter.
  const dd = await refer(a, "D.D.", "2026-12-10");

  // E.E.: first job in Q3 (1 Jul), ended 20 Oct after 111 days; a second job (ordinary,
  // permanent, 30 h) from 16 Nov.
  const ee = await refer(a, "E.E.", "2026-06-01");
  await record(a, ee, "2026-07-01", job("Bunnpris", 15, "ordinary", true));
  await record(a, ee, "2026-10-20", { type: "job-end", reason: "quit" });
  await record(a, ee, "2026-11-16", job("Posten", 30, "ordinary", false));

  // F.F.: exited in Q3: not in the fourth quarter at all.
  const ff = await refer(a, "F.F.", "2026-05-04");
  await record(a, ff, "2026-09-10", { type: "exit", reason: "moved" });

  // G.G.: exited in Q3, back on 3 Nov (active in Q4), exited again 1 Dec (declined further support).
  const gg = await refer(a, "G.G.", "2026-04-01");
  await record(a, gg, "2026-08-03", { type: "exit", reason: "no-contact" });
  await record(a, gg, "2026-11-03", { type: "resume" });
  await record(a, gg, "2026-12-01", { type: "exit", reason: "declined-further-support" });

  // H.H.: 30th day 1 Oct (the quarter's first day), contact 25 Sep (within); first job
  // (ordinary, permanent) 5 Oct; exited 20 Nov, in work and needing no more support.
  const hh = await refer(a, "H.H.", "2026-09-01");
  await record(a, hh, "2026-09-25", { type: "employer-contact", employer: "Elkjøp" });
  await record(a, hh, "2026-10-05", job("Elkjøp", 25, "ordinary", false));
  await record(a, hh, "2026-11-20", { type: "exit", reason: "got-work-no-support-needed" });

  // I.I.: referred in Q4, first job 30 Oct (its first employer contact too: within 30 days),
  // exited 15 Dec; then erased: the start's terms and the exit's reason are gone, the counts stay.
  const ii = await refer(a, "I.I.", "2026-10-02");
  await record(a, ii, "2026-10-30", job("Ikea", 12, "ordinary", false));
  await record(a, ii, "2026-12-15", { type: "exit", reason: "transferred" });
  const erased = await system.api.call("DELETE", `/participants/${ii}`, { token: "dev:admin" });
  expect(erased.status).toBe(200);

  // Team B, J.J.: referred in Q4, contact the next day, first job (ordinary, permanent, 8 h) 10 Nov.
  const jj = await refer(b, "J.J.", "2026-10-20");
  await record(b, jj, "2026-10-21", { type: "employer-contact", employer: "Meny" });
  await record(b, jj, "2026-11-10", job("Meny", 8, "ordinary", false));

  return { a, b, flow, ids: { aa, bb, cc, dd, ee, ff, gg, hh, ii, jj }, record, job };
}
