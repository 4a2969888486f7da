import { describe, expect, it } from "vitest";
import type { Obligation, ObligationKind, ObligationStatus } from "../../../core/domain/schemas";
import { localMidnightInstant } from "../../../core/calendar/local-dates";
import { selectDigestItems, type DigestItem, type DigestParticipant } from "../../../core/journey/digest";
import { dayItems } from "../../../core/journey/day";
import { byUrgency } from "../../../core/journey/urgency";
import { defaultRules, resolveRules } from "../../../core/journey/rules";
import { at, journey, oslo, pause } from "./events";

const obligation = (kind: ObligationKind, dueDate: string, status: ObligationStatus = "upcoming"): Obligation => ({
  kind,
  dueAt: localMidnightInstant(dueDate, oslo),
  status,
});

const participant = (code: string, ...obligations: Obligation[]): DigestParticipant => ({ id: `id-${code}`, code, state: { obligations } });

const digest = (morning: string, participants: DigestParticipant[], rules = defaultRules) =>
  selectDigestItems({ participants, now: new Date(at(`${morning} 08:00`)), timeZone: oslo, holidayCountry: "NO", rules });

const brief = (items: ReturnType<typeof digest>) => items.map((i) => [i.code, i.kind, i.dueDate, i.section]);

describe("morning digest: overdue, due today, and the 30-day deadlines ahead", () => {
  // Tuesday 4 May 2027; the next working day is Wednesday 5 May.
  const tuesday = "2027-05-04";

  it("lists overdue items with their days, today's items, and deadlines within 7 days, the most urgent participant first", () => {
    const items = digest(tuesday, [
      participant("K.L.", obligation("first-employer-contact", "2027-05-11"), obligation("job-development", "2027-05-04", "due")),
      participant("P-01", obligation("first-employer-contact", "2027-05-01", "overdue")),
    ]);
    expect(items).toEqual([
      {
        participantId: "id-P-01",
        code: "P-01",
        kind: "first-employer-contact",
        dueAt: "2027-04-30T22:00:00.000Z",
        dueDate: "2027-05-01",
        section: "overdue",
        daysOverdue: 3,
      },
      { participantId: "id-K.L.", code: "K.L.", kind: "job-development", dueAt: "2027-05-03T22:00:00.000Z", dueDate: "2027-05-04", section: "due" },
      {
        participantId: "id-K.L.",
        code: "K.L.",
        kind: "first-employer-contact",
        dueAt: "2027-05-10T22:00:00.000Z",
        dueDate: "2027-05-11",
        section: "upcoming",
        daysLeft: 7,
      },
    ]);
  });

  it("leaves out deadlines beyond the window, other kinds that are not yet due, and what is done", () => {
    const items = digest(tuesday, [
      participant(
        "A.B.",
        obligation("benefits-counselling", "2027-05-12"),
        obligation("outreach", "2027-05-05"),
        obligation("follow-up", "2027-05-04", "done"),
      ),
    ]);
    expect(items).toEqual([]);
  });

  it("recomputes statuses at `now`: an obligation stored as upcoming last week is overdue today", () => {
    const items = digest(tuesday, [participant("A.B.", obligation("follow-up", "2027-04-27", "upcoming"))]);
    expect(brief(items)).toEqual([["A.B.", "follow-up", "2027-04-27", "overdue"]]);
    expect(items[0].daysOverdue).toBe(7);
  });

  it("counts days overdue in calendar days across a DST switch", () => {
    // Monday 30 March 2026, the day after clocks went forward; due Friday 27 March.
    const items = digest("2026-03-30", [participant("A.B.", obligation("placement-follow-up", "2026-03-27"))]);
    expect(items[0]).toMatchObject({ section: "overdue", daysOverdue: 3 });
  });

  it("follows the deployment's window for upcoming deadlines", () => {
    const p = participant("A.B.", obligation("first-employer-contact", "2027-05-07"), obligation("benefits-counselling", "2027-05-08"));
    const items = digest(tuesday, [p], resolveRules({ upcomingDeadlineWindowDays: 3 }));
    expect(brief(items)).toEqual([["A.B.", "first-employer-contact", "2027-05-07", "upcoming"]]);
  });

  it("is empty when nothing is to be acted on", () => {
    expect(digest(tuesday, [])).toEqual([]);
    expect(digest(tuesday, [participant("A.B.")])).toEqual([]);
  });
});

describe("before a weekend or holiday, what comes due before the next working day is listed as due", () => {
  const outreachOn = (code: string, date: string) => participant(code, obligation("outreach", date));

  it("an ordinary Friday lists Saturday's and Sunday's items, not Monday's", () => {
    const items = digest("2026-11-27", [outreachOn("SAT", "2026-11-28"), outreachOn("SUN", "2026-11-29"), outreachOn("MON", "2026-11-30")]);
    expect(brief(items)).toEqual([
      ["SAT", "outreach", "2026-11-28", "due"],
      ["SUN", "outreach", "2026-11-29", "due"],
    ]);
    expect(items.map((i) => [i.dueOnDayOff, i.daysLeft])).toEqual([
      [true, 1],
      [true, 2],
    ]);
  });

  it("the Wednesday before Ascension Day 2027 lists Thursday's items; Friday is a working day", () => {
    const items = digest("2027-05-05", [outreachOn("THU", "2027-05-06"), outreachOn("FRI", "2027-05-07")]);
    expect(brief(items)).toEqual([["THU", "outreach", "2027-05-06", "due"]]);
  });

  it("Friday 14 May 2027 covers the weekend and Monday 17 May (Constitution Day and Whit Monday)", () => {
    const items = digest("2027-05-14", [
      outreachOn("SAT", "2027-05-15"),
      outreachOn("MON", "2027-05-17"),
      outreachOn("TUE", "2027-05-18"),
    ]);
    expect(brief(items).map(([code]) => code)).toEqual(["SAT", "MON"]);
  });

  it("the Wednesday before Easter 2027 covers Maundy Thursday to Easter Monday", () => {
    const days = ["2027-03-25", "2027-03-26", "2027-03-27", "2027-03-28", "2027-03-29", "2027-03-30"];
    const items = digest("2027-03-24", days.map((d) => outreachOn(d, d)));
    expect(items.map((i) => i.dueDate)).toEqual(days.slice(0, 5));
    expect(items.every((i) => i.section === "due" && i.dueOnDayOff)).toBe(true);
  });

  it("Christmas Eve 2026 (a working day) covers Christmas Day to Sunday", () => {
    const items = digest("2026-12-24", [outreachOn("FRI", "2026-12-25"), outreachOn("SUN", "2026-12-27"), outreachOn("MON", "2026-12-28")]);
    expect(brief(items).map(([code]) => code)).toEqual(["FRI", "SUN"]);
  });

  it("a 30-day deadline falling on a day off is listed as due, not as upcoming", () => {
    const items = digest("2026-11-27", [participant("A.B.", obligation("first-employer-contact", "2026-11-29"))]);
    expect(items).toEqual([expect.objectContaining({ section: "due", dueOnDayOff: true, daysLeft: 2 })]);
  });
});

describe("digest from evaluated journeys", () => {
  it("lists the referral deadlines a week ahead, and nothing for a paused participant", () => {
    const active = journey("2026-03-02", [], "2026-03-25 07:00");
    const resting = journey("2026-03-02", [pause("2026-03-10")], "2026-03-25 07:00");
    const items = selectDigestItems({
      participants: [
        { id: "p1", code: "K.L.", state: active },
        { id: "p2", code: "M.N.", state: resting },
      ],
      now: new Date(at("2026-03-25 08:00")),
      timeZone: oslo,
      holidayCountry: "NO",
      rules: defaultRules,
    });
    expect(brief(items)).toEqual([
      ["K.L.", "benefits-counselling", "2026-04-01", "upcoming"],
      ["K.L.", "first-employer-contact", "2026-04-01", "upcoming"],
    ]);
  });
});

describe("order of urgency: one row per participant, the most urgent first", () => {
  // Monday 23 November 2026; the next working day is Tuesday 24 November.
  const monday = "2026-11-23";
  const rows = (items: DigestItem[]) => byUrgency(items).map((row) => [row.code, ...row.items.map((i) => `${i.kind}:${i.dueDate}`)]);
  const codesOf = (items: { code: string }[]) => items.map((i) => i.code);

  it("puts a missed 30-day deadline one day overdue before another participant's item 20 days overdue", () => {
    const caseload = [
      participant("LATE", obligation("job-start-follow-up", "2026-11-03")),
      participant("MISSED", obligation("first-employer-contact", "2026-11-22")),
    ];
    const items = digest(monday, caseload);
    expect(byUrgency(items).map((row) => [row.code, row.items.map((i) => i.daysOverdue)])).toEqual([
      ["MISSED", [1]],
      ["LATE", [20]],
    ]);
    expect(codesOf(items)).toEqual(["MISSED", "LATE"]);
  });

  it("gives each participant one row with all their items, the missed deadline first within it", () => {
    const items = digest(monday, [
      participant("A.B.", obligation("job-development", "2026-11-23")),
      participant(
        "K.L.",
        obligation("outreach", "2026-11-23"),
        obligation("first-employer-contact", "2026-11-26"),
        obligation("job-loss-follow-up", "2026-11-13"),
        obligation("first-employer-contact", "2026-11-21"),
      ),
    ]);
    const grouped = byUrgency(items);
    expect(grouped.map((row) => row.code)).toEqual(["K.L.", "A.B."]);
    expect(grouped[0].participantId).toBe("id-K.L.");
    expect(grouped[0].items.map((i) => [i.kind, i.section, i.daysOverdue ?? i.daysLeft ?? 0])).toEqual([
      ["first-employer-contact", "overdue", 2],
      ["job-loss-follow-up", "overdue", 10],
      ["outreach", "due", 0],
      ["first-employer-contact", "upcoming", 3],
    ]);
    // The flat list keeps each participant's items together, in the rows' order.
    expect(items.map((i) => `${i.code} ${i.kind}`)).toEqual([
      "K.L. first-employer-contact",
      "K.L. job-loss-follow-up",
      "K.L. outreach",
      "K.L. first-employer-contact",
      "A.B. job-development",
    ]);
  });

  it("then by the most overdue item, then what is due today, then deadlines coming up; ties by code", () => {
    const items = digest("2026-11-27", [
      participant("SOON", obligation("benefits-counselling", "2026-12-02")),
      participant("NEAR", obligation("first-employer-contact", "2026-12-01")),
      participant("SAT", obligation("outreach", "2026-11-28")),
      participant("TODAY-B", obligation("follow-up", "2026-11-27")),
      participant("TODAY-A", obligation("outreach", "2026-11-27"), obligation("benefits-counselling", "2026-12-03")),
      participant("3-DAYS", obligation("follow-up", "2026-11-24")),
      participant("9-DAYS", obligation("outreach", "2026-11-25"), obligation("placement-follow-up", "2026-11-18")),
    ]);
    expect(rows(items)).toEqual([
      ["9-DAYS", "placement-follow-up:2026-11-18", "outreach:2026-11-25"],
      ["3-DAYS", "follow-up:2026-11-24"],
      ["TODAY-A", "outreach:2026-11-27", "benefits-counselling:2026-12-03"],
      ["TODAY-B", "follow-up:2026-11-27"],
      // Friday: Saturday's item is to be done today, after what is due today itself.
      ["SAT", "outreach:2026-11-28"],
      ["NEAR", "first-employer-contact:2026-12-01"],
      ["SOON", "benefits-counselling:2026-12-02"],
    ]);
    // The flat list is the rows read one after the other.
    expect(codesOf(items)).toEqual(["9-DAYS", "9-DAYS", "3-DAYS", "TODAY-A", "TODAY-A", "TODAY-B", "SAT", "NEAR", "SOON"]);
  });

  it("among participants with a missed deadline, the one with the most overdue item comes first", () => {
    const items = digest(monday, [
      participant("B-MISSED-5", obligation("first-employer-contact", "2026-11-18")),
      participant("A-MISSED-1", obligation("first-employer-contact", "2026-11-22"), obligation("outreach", "2026-11-03")),
      participant("C-LATE-30", obligation("follow-up", "2026-10-24")),
    ]);
    expect(byUrgency(items).map((row) => [row.code, row.items.map((i) => `${i.kind} ${i.daysOverdue}`)])).toEqual([
      ["A-MISSED-1", ["first-employer-contact 1", "outreach 20"]],
      ["B-MISSED-5", ["first-employer-contact 5"]],
      ["C-LATE-30", ["follow-up 30"]],
    ]);
  });

  it("orders participants with the same urgency by code, whatever order they come in", () => {
    const caseload = ["P-3", "K.L.", "A.B."].map((code) => participant(code, obligation("outreach", "2026-11-20")));
    expect(codesOf(digest(monday, caseload))).toEqual(["A.B.", "K.L.", "P-3"]);
    expect(codesOf(digest(monday, [...caseload].reverse()))).toEqual(["A.B.", "K.L.", "P-3"]);
  });
});

describe("My day: the digest's items one by one, in the digest's order", () => {
  it("lists one item per obligation in the order of the digest's rows, flagging the missed deadline", () => {
    const participants = [
      participant("LATE", obligation("job-start-follow-up", "2026-11-03")),
      participant("MISSED", obligation("benefits-counselling", "2026-11-22"), obligation("first-employer-contact", "2026-11-22"), obligation("outreach", "2026-11-23")),
      participant("COMING", obligation("first-employer-contact", "2026-11-27")),
    ];
    const now = new Date(at("2026-11-23 08:00"));
    const day = dayItems(selectDigestItems({ participants, now, timeZone: oslo, holidayCountry: "NO", rules: defaultRules }));
    expect(day.map((i) => [i.code, i.kind, i.section, i.missedDeadline])).toEqual([
      ["MISSED", "first-employer-contact", "overdue", true],
      ["MISSED", "benefits-counselling", "overdue", false],
      ["MISSED", "outreach", "due", false],
      ["LATE", "job-start-follow-up", "overdue", false],
      ["COMING", "first-employer-contact", "upcoming", false],
    ]);
    const rowsOfDigest = byUrgency(selectDigestItems({ participants, now, timeZone: oslo, holidayCountry: "NO", rules: defaultRules }));
    expect(day.map(({ missedDeadline: _, ...item }) => item)).toEqual(rowsOfDigest.flatMap((row) => row.items));
  });
});
