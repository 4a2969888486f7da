import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSystem } from "../support/system";
import type { TestSystem } from "../workflow/scenario";
import { seedOutcomes } from "./outcome-data";

/**
 * The quarterly outcome report through the API: figures counted by hand from the seeded quarter
 * (test/e2e/outcome-data.ts), the CSV read back as a spreadsheet would, who may ask, and the same
 * figures a year later.
 */
let system: TestSystem;
let world: Awaited<ReturnType<typeof seedOutcomes>>;

beforeAll(async () => {
  system = await startTestSystem({ start: new Date("2027-01-05T08:00:00Z") });
  world = await seedOutcomes(system);
});
afterAll(() => system?.stop());

const report = (query: string, token = "dev:admin") => system.api.get(`/reports/outcomes?${query}`, token);

const noExits = { "got-work-no-support-needed": 0, moved: 0, "declined-further-support": 0, transferred: 0, "no-contact": 0, other: 0, unknown: 0 };

/** Team A's fourth quarter, counted by hand (see outcome-data.ts), before C.C.'s late job start. */
const teamA = {
  // C.C., D.D., I.I.
  referrals: 3,
  // All but F.F. (exited in Q3); G.G. came back in November.
  active: 8,
  // A.A., B.B., C.C., D.D., E.E.
  activeAtEnd: 5,
  // 30th day in Q4: B.B. (within), C.C. (late), H.H. (within), I.I. (within, by the job start).
  firstEmployerContact: { cohort: 4, within30Days: 3, share: 0.75 },
  // A.A., B.B., E.E. (second job), H.H., I.I.
  jobStarts: 5,
  // A.A., B.B., H.H., I.I. (E.E.'s first was in July).
  firstJobs: 4,
  // In work: A.A., E.E.; in school: B.B.
  atEnd: { inWork: 2, inSchool: 1, inWorkOrSchool: 3, inWorkShare: 0.4, inWorkOrSchoolShare: 0.6 },
  // A.A. 20 h, E.E. 30 h (H.H.'s job is not counted: exited).
  jobsHeld: { count: 2, medianHoursPerWeek: 25 },
  // Ordinary: A.A., E.E., H.H.; subsidised: B.B.; I.I.'s is erased.
  wage: { ordinary: 3, subsidised: 1, unknown: 1 },
  // Permanent: A.A., E.E., H.H.; temporary: B.B.
  terms: { permanent: 3, temporary: 1, unknown: 1 },
  // B.B. 42 days, E.E. 111 days.
  endedJobs: { count: 2, medianDays: 76.5 },
  // G.G., H.H., I.I. (erased: reason unknown).
  exits: { total: 3, byReason: { ...noExits, "declined-further-support": 1, "got-work-no-support-needed": 1, unknown: 1 } },
};

/** C.C.'s job start on 22 December (ordinary, temporary, 6 h), recorded on 10 January: before the close. */
const teamAWithLateStart = {
  ...teamA,
  jobStarts: 6,
  firstJobs: 5,
  atEnd: { inWork: 3, inSchool: 1, inWorkOrSchool: 4, inWorkShare: 0.6, inWorkOrSchoolShare: 0.8 },
  // 6, 20, 30.
  jobsHeld: { count: 3, medianHoursPerWeek: 20 },
  wage: { ordinary: 4, subsidised: 1, unknown: 1 },
  terms: { permanent: 3, temporary: 2, unknown: 1 },
};

/** Team B: J.J. */
const teamB = {
  referrals: 1,
  active: 1,
  activeAtEnd: 1,
  firstEmployerContact: { cohort: 1, within30Days: 1, share: 1 },
  jobStarts: 1,
  firstJobs: 1,
  atEnd: { inWork: 1, inSchool: 0, inWorkOrSchool: 1, inWorkShare: 1, inWorkOrSchoolShare: 1 },
  jobsHeld: { count: 1, medianHoursPerWeek: 8 },
  wage: { ordinary: 1, subsidised: 0, unknown: 0 },
  terms: { permanent: 1, temporary: 0, unknown: 0 },
  endedJobs: { count: 0, medianDays: null },
  exits: { total: 0, byReason: noExits },
};

/** Both teams together, with C.C.'s late start: medians of all the values, not of the teams' medians. */
const deployment = {
  referrals: 4,
  active: 9,
  activeAtEnd: 6,
  firstEmployerContact: { cohort: 5, within30Days: 4, share: 0.8 },
  jobStarts: 7,
  firstJobs: 6,
  atEnd: { inWork: 4, inSchool: 1, inWorkOrSchool: 5, inWorkShare: 4 / 6, inWorkOrSchoolShare: 5 / 6 },
  // 6, 8, 20, 30.
  jobsHeld: { count: 4, medianHoursPerWeek: 14 },
  wage: { ordinary: 5, subsidised: 1, unknown: 1 },
  terms: { permanent: 4, temporary: 2, unknown: 1 },
  endedJobs: { count: 2, medianDays: 76.5 },
  exits: teamA.exits,
};

const header = [
  "Kvartal", "Team", "Team-ID", "Henvisninger", "Deltakere i kvartalet", "Deltakere ved kvartalets slutt", "30-dagersfrist i kvartalet",
  "Første arbeidsgiverkontakt innen 30 dager", "Første arbeidsgiverkontakt innen 30 dager (%)", "Jobbstarter", "I jobb for første gang",
  "I jobb ved kvartalets slutt", "I utdanning ved kvartalets slutt", "I jobb eller utdanning ved kvartalets slutt", "I jobb ved kvartalets slutt (%)",
  "I jobb eller utdanning ved kvartalets slutt (%)", "Jobber ved kvartalets slutt", "Timer per uke, median", "Jobbstarter med ordinær lønn",
  "Jobbstarter med lønnstilskudd fra NAV", "Jobbstarter, lønn ikke kjent", "Jobbstarter, fast stilling", "Jobbstarter, midlertidig stilling",
  "Jobbstarter, stillingstype ikke kjent", "Avsluttede jobber", "Varighet av avsluttede jobber, median dager", "Avsluttet i IPS",
  "Avsluttet: Har jobb og trenger ikke mer støtte", "Avsluttet: Flyttet", "Avsluttet: Ønsker ikke mer oppfølging", "Avsluttet: Overført til annet tilbud",
  "Avsluttet: Ikke fått kontakt", "Avsluttet: Annet", "Avsluttet: Årsak ikke kjent (slettet)",
];

/** The CSV exactly as served: status, headers and bytes. */
async function rawCsv(query: string, token = "dev:admin") {
  const res = await fetch(`${system.urls.api}/reports/outcomes?format=csv&${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get("content-type"), disposition: res.headers.get("content-disposition"), bytes: Buffer.from(await res.arrayBuffer()) };
}

describe("the quarterly outcome report", () => {
  it("counts a team's quarter from the recorded events as counted by hand, and is provisional until the quarter closes", async () => {
    const { a } = world;
    const res = await report(`quarter=2026-Q4&teamId=${a.team.id}`, a.teamToken);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      quarter: "2026-Q4",
      start: "2026-09-30T22:00:00.000Z",
      end: "2026-12-31T23:00:00.000Z",
      asOf: "2026-12-31T23:00:00.000Z",
      closesAt: "2027-01-14T23:00:00.000Z",
      final: false,
      timeZone: "Europe/Oslo",
      teamId: a.team.id,
      teamName: a.team.name,
    });
    expect(res.body.figures).toEqual(teamA);
    expect(res.body.teams).toEqual([{ teamId: a.team.id, teamName: a.team.name, figures: teamA }]);
    // No participant is named anywhere in the report.
    for (const code of ["A.A.", "B.B.", "C.C.", "—", world.ids.aa]) expect(JSON.stringify(res.body)).not.toContain(code);
  });

  it("counts an event recorded late but before the close in its quarter, and nothing recorded after the close", async () => {
    const { a, b, ids, record, job } = world;
    await world.flow.advanceTo("2027-01-10T12:00");
    await record(a, ids.cc, "2026-12-22", job("Coop", 6, "ordinary", true));
    expect((await report(`quarter=2026-Q4&teamId=${a.team.id}`)).body.figures).toEqual(teamAWithLateStart);

    // 15 January 00:00 in Oslo: the quarter has closed.
    await world.flow.advanceTo("2027-01-15T00:00");
    const closed = await report("quarter=2026-Q4");
    expect(closed.status).toBe(200);
    expect(closed.body.final).toBe(true);
    expect(closed.body.teamId).toBeUndefined();
    expect(closed.body.figures).toEqual(deployment);
    expect(closed.body.teams).toEqual(
      [
        { teamId: a.team.id, teamName: a.team.name, figures: teamAWithLateStart },
        { teamId: b.team.id, teamName: b.team.name, figures: teamB },
      ].sort((x, y) => x.teamName.localeCompare(y.teamName, "nb")),
    );
    // A start back-dated into the closed quarter, and a team created since: the quarter stays as it was.
    await record(a, ids.dd, "2026-12-28", job("Obs", 10, "ordinary", false));
    expect((await system.api.post("/teams", { name: "Team Senere", emails: ["senere@example.org"] })).status).toBe(201);
    expect((await report("quarter=2026-Q4")).body).toEqual(closed.body);
  });

  it("gives the report as CSV for a Norwegian spreadsheet: BOM, header row, semicolons, decimal commas, a row per team and one for all", async () => {
    const { a, b } = world;
    const csv = await rawCsv("quarter=2026-Q4");
    expect(csv.status).toBe(200);
    expect(csv.type).toBe("text/csv; charset=utf-8");
    expect(csv.disposition).toBe('attachment; filename="ips-resultater-2026-Q4-alle.csv"');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.toString("utf8");
    expect(text.split("\r\n")[0]).toBe("\ufeff" + header.join(";"));
    const rows: string[][] = parse(csv.bytes, { bom: true, delimiter: ";" });
    expect(rows[0]).toEqual(header);
    const byTeam = new Map(rows.slice(1).map((row) => [row[1], row]));
    expect(rows).toHaveLength(4);
    expect(byTeam.get(a.team.name)).toEqual(
      ["2026-Q4", a.team.name, a.team.id, "3", "8", "5", "4", "3", "75", "6", "5", "3", "1", "4", "60", "80", "3", "20", "4", "1", "1", "3", "2", "1", "2", "76,5", "3", "1", "0", "1", "0", "0", "0", "1"],
    );
    expect(byTeam.get(b.team.name)).toEqual(
      ["2026-Q4", b.team.name, b.team.id, "1", "1", "1", "1", "1", "100", "1", "1", "1", "0", "1", "100", "100", "1", "8", "1", "0", "0", "1", "0", "0", "0", "", "0", "0", "0", "0", "0", "0", "0", "0"],
    );
    // The last row is the whole deployment: 4 of 6 in work is 66,7 %.
    expect(rows[3]).toEqual(
      ["2026-Q4", "Alle team", "", "4", "9", "6", "5", "4", "80", "7", "6", "4", "1", "5", "66,7", "83,3", "4", "14", "5", "1", "1", "4", "2", "1", "2", "76,5", "3", "1", "0", "1", "0", "0", "0", "1"],
    );

    // One team's file has that team's row only; in English, commas and decimal points (quoted where needed).
    const own = await rawCsv(`quarter=2026-Q4&teamId=${a.team.id}&lang=en`, a.teamToken);
    expect(own.disposition).toBe(`attachment; filename="ips-outcomes-2026-Q4-${a.team.id}.csv"`);
    const english: string[][] = parse(own.bytes, { bom: true, delimiter: "," });
    expect(english).toHaveLength(2);
    expect(english[0].slice(0, 4)).toEqual(["Quarter", "Team", "Team ID", "Referrals"]);
    expect(english[0][17]).toBe("Hours per week, median");
    expect(own.bytes.toString("utf8")).toContain('"Hours per week, median"');
    expect(english[1][25]).toBe("76.5");
  });

  it("lets an admin ask for any team or all, a team member for their own team only; no specialist, no token", async () => {
    const { a, b } = world;
    const path = `quarter=2026-Q4&teamId=${a.team.id}`;
    expect((await report(path)).status).toBe(200);
    expect((await report(path, a.teamToken)).status).toBe(200);
    for (const [token, status] of [
      [b.teamToken, 403],
      [a.specialistToken, 403],
      ["dev:specialist:", 401],
    ] as const) {
      const res = await report(path, token);
      expect(res.status, token).toBe(status);
      expect(res.body).toEqual({ message: expect.any(String) });
    }
    expect((await system.api.call("GET", `/reports/outcomes?${path}`)).status).toBe(401);
    // A team member without teamId asks for the whole deployment: refused.
    expect((await report("quarter=2026-Q4", a.teamToken)).status).toBe(403);
    expect((await rawCsv(path, b.teamToken)).status).toBe(403);

    const bad = await report("quarter=2026-4");
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe("quarter: must be a quarter such as 2026-Q4");
    expect((await report("quarter=2099-Q1")).body.message).toBe("quarter: must not lie ahead");
    expect((await report("quarter=2026-Q4&teamId=NOPE")).status).toBe(404);
    expect((await report("quarter=2026-Q4&format=pdf")).body.message).toMatch(/^format: /);
  });

  it("gives the same report a year later, to the byte, with every journey's timers run on the way", async () => {
    const before = await report("quarter=2026-Q4");
    const csvBefore = await rawCsv("quarter=2026-Q4");
    await world.flow.advanceTo("2028-01-16T12:00");
    expect((await report("quarter=2026-Q4")).body).toEqual(before.body);
    expect((await rawCsv("quarter=2026-Q4")).bytes.equals(csvBefore.bytes)).toBe(true);
    // Without a quarter: the last one ended.
    expect((await report(`teamId=${world.a.team.id}`)).body.quarter).toBe("2027-Q4");
  });
});

describe("the last quarters at once", () => {
  it("gives each quarter's report as the quarter alone gives it, oldest first, with the same access", async () => {
    const quarters = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"];
    for (const [query, token] of [
      [`&teamId=${world.a.team.id}`, world.a.teamToken],
      ["", "dev:admin"],
    ] as const) {
      const range = await system.api.get(`/reports/outcomes/quarters?quarter=2026-Q4&count=4${query}`, token);
      expect(range.status).toBe(200);
      expect(range.body.reports.map((r: { quarter: string }) => r.quarter)).toEqual(quarters);
      for (const [i, quarter] of quarters.entries()) expect(range.body.reports[i], quarter).toEqual((await report(`quarter=${quarter}${query}`, token)).body);
    }
    // Eight by default, ending with the last quarter ended (the clock has moved on a year above).
    const defaults = await system.api.get(`/reports/outcomes/quarters?teamId=${world.a.team.id}`, world.a.teamToken);
    const lastEnded = (await report(`teamId=${world.a.team.id}`)).body.quarter;
    expect(defaults.body.reports).toHaveLength(8);
    expect(defaults.body.reports.at(-1).quarter).toBe(lastEnded);
    expect((await system.api.get(`/reports/outcomes/quarters?teamId=${world.a.team.id}`, world.b.teamToken)).status).toBe(403);
    expect((await system.api.get("/reports/outcomes/quarters?count=13")).body.message).toMatch(/^count: /);
  });
});
