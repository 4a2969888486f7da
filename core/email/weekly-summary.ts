import { getISOWeek, subDays } from "date-fns";
import { phases } from "../domain/codes";
import { catalogue, type Catalogue } from "./i18n";
import {
  assertTimeZone,
  formatDay,
  formatDayWithYear,
  formatNumber,
  formatPercent,
  inZone,
  isoWeekStart,
  participantLink,
} from "./format";
import { renderEmail, type Block, type Cell, type Column } from "./layout";
import type { RenderedEmail, WeeklySummaryFigures, WeeklySummaryOptions } from "./types";

/**
 * The weekly summary a treatment team reads before its meeting (IPS principle 3: IPS is
 * integrated in treatment). Specialists are named (they are staff: also beside each overdue item);
 * participants appear only by code.
 */

type Start = WeeklySummaryFigures["starts"][number];

/** Oldest first, so the table reads in the order things happened. */
const chronological = <T>(list: T[], at: (entry: T) => string): T[] =>
  [...list].sort((a, b) => Date.parse(at(a)) - Date.parse(at(b)));

function listSection(heading: string, columns: Column[], rows: Cell[][], words: Catalogue): Block[] {
  return [
    { kind: "heading", text: heading },
    rows.length === 0 ? { kind: "paragraph", text: words.summary.none } : { kind: "table", columns, rows },
  ];
}

function startWhat(start: Start, words: Catalogue): string {
  const s = words.summary;
  if (start.kind === "education") return s.education;
  return start.employer ? s.jobAt(start.employer) : s.job;
}

function startTerms(start: Start, words: Catalogue): string {
  const s = words.summary;
  const terms: string[] = [];
  if (start.hoursPerWeek !== undefined) terms.push(s.hoursPerWeek(formatNumber(start.hoursPerWeek, words)));
  if (start.wage) terms.push(s.wage[start.wage]);
  if (start.temporary !== undefined) terms.push(start.temporary ? s.temporary : s.permanent);
  return terms.join(", ");
}

/**
 * The participants the subject counts: everyone in the program at the week's end, new referrals
 * and paused participants included (the outcome figures' "active" leave those out).
 */
export function participantsInProgram(figures: Pick<WeeklySummaryFigures, "participantsByPhase">): number {
  return phases.filter((phase) => phase !== "exited").reduce((sum, phase) => sum + (figures.participantsByPhase[phase] ?? 0), 0);
}

export function renderWeeklySummary(figures: WeeklySummaryFigures, options: WeeklySummaryOptions): RenderedEmail {
  assertTimeZone(options.timeZone);
  const words = catalogue(options.locale);
  const s = words.summary;
  const c = s.column;
  const monday = isoWeekStart(figures.week, options.timeZone);
  const week = getISOWeek(monday);
  // The period the figures cover: one ISO week, or two for a fortnightly team. weekEnd is the
  // (exclusive) Monday 00:00 after it, so its last day is the Sunday before.
  const periodStart = inZone(figures.weekStart, options.timeZone, "weekStart");
  const periodLastDay = subDays(inZone(figures.weekEnd, options.timeZone, "weekEnd"), 1);

  const day = (iso: string, what: string): string =>
    formatDay(inZone(iso, options.timeZone, what), words, monday);
  const participant = (entry: { participantId: string; code: string }): Cell => ({
    text: entry.code,
    href: participantLink(options.baseUrl, entry.participantId),
  });
  const dayOf = (entry: { participantId: string }, iso: string): Cell => ({
    text: day(iso, `date for participant ${entry.participantId}`),
  });

  const missed = figures.overdue.filter((o) => o.missedDeadline);
  const otherOverdue = figures.overdue.filter((o) => !o.missedDeadline);
  const overdueRows = (list: typeof figures.overdue): Cell[][] =>
    [...list]
      .sort((a, b) => b.daysOverdue - a.daysOverdue)
      .map((o) => [
        participant(o),
        { text: o.specialistName },
        { text: words.obligation[o.kind] },
        dayOf(o, o.dueAt),
        { text: s.daysOverdue(o.daysOverdue), flag: true },
      ]);
  const overdueColumns: Column[] = [
    { header: c.participant },
    // Labelled in the text part, so that a name beside a code never reads as the participant's.
    { header: c.specialist, labelInText: true },
    { header: c.task },
    { header: c.due, labelInText: true },
    { header: c.status },
  ];

  const newJobs = figures.starts.filter((start) => start.kind === "job").length;
  const contacts = figures.employerContacts;
  const outcomes = figures.outcomes;
  // A part-time specialist's target or limit shows the working share it follows from.
  const scaled = (value: number, fte: number): string =>
    fte < 1 ? s.partTime(formatNumber(value, words), formatPercent(fte, words)) : formatNumber(value, words);

  const blocks: Block[] = [
    { kind: "title", text: s.title(week) },
    { kind: "paragraph", text: s.period(figures.teamName, formatDay(periodStart, words, periodStart), formatDayWithYear(periodLastDay, words)) },
    { kind: "paragraph", text: s.intro },

    { kind: "heading", text: s.heading.outcomes },
    { kind: "paragraph", text: s.outcomes(outcomes) },
    { kind: "paragraph", text: s.employmentRate(formatPercent(outcomes.employmentRate, words)) },
    { kind: "paragraph", text: s.inWorkOrSchoolRate(formatPercent(outcomes.inWorkOrSchoolRate, words)) },
    { kind: "paragraph", text: s.activeMeans },

    { kind: "heading", text: s.heading.phases },
    { kind: "facts", rows: phases.map((phase) => ({ label: words.phase[phase], value: String(figures.participantsByPhase[phase] ?? 0) })) },

    ...listSection(
      s.heading.referrals,
      [{ header: c.participant }, { header: c.referredAt, labelInText: true }],
      chronological(figures.newReferrals, (r) => r.referredAt).map((r) => [participant(r), dayOf(r, r.referredAt)]),
      words,
    ),

    { kind: "heading", text: s.heading.employerContacts },
    { kind: "paragraph", text: s.employerContactsTotal(contacts.total, contacts.target) },
    ...(contacts.perSpecialist.length === 0
      ? []
      : [
          {
            kind: "table",
            columns: [{ header: c.specialist }, { header: c.contacts, labelInText: true }, { header: c.target, labelInText: true }, { header: c.status }],
            rows: contacts.perSpecialist.map((sp) => {
              const below = sp.count < sp.target;
              return [
                { text: sp.specialistName },
                { text: sp.inTeam === sp.count ? String(sp.count) : s.contactsWithTeamShare(sp.count, sp.inTeam) },
                { text: scaled(sp.target, sp.fte) },
                below ? { text: s.belowTarget, flag: true } : { text: s.targetMet },
              ];
            }),
          } satisfies Block,
          { kind: "paragraph", text: s.contactsPerSpecialist } satisfies Block,
        ]),
    { kind: "paragraph", text: s.rapidJobSearch(figures.rapidJobSearch, (n) => formatNumber(n, words)) },

    ...listSection(
      s.heading.starts,
      [{ header: c.participant }, { header: c.start, labelInText: true }, { header: c.what }, { header: c.terms }],
      chronological(figures.starts, (st) => st.at).map((st) => [participant(st), dayOf(st, st.at), { text: startWhat(st, words) }, { text: startTerms(st, words) }]),
      words,
    ),
    ...listSection(
      s.heading.ends,
      [{ header: c.participant }, { header: c.end, labelInText: true }, { header: c.what }],
      chronological(figures.ends, (e) => e.at).map((e) => [participant(e), dayOf(e, e.at), { text: e.kind === "job" ? s.job : s.education }]),
      words,
    ),

    ...listSection(s.heading.missedDeadlines, overdueColumns, overdueRows(missed), words),
    ...listSection(s.heading.overdue, overdueColumns, overdueRows(otherOverdue), words),
    ...listSection(
      s.heading.comingFollowUps,
      [{ header: c.participant }, { header: c.task }, { header: c.due, labelInText: true }],
      chronological(figures.comingFollowUps, (f) => f.dueAt).map((f) => [participant(f), { text: words.obligation[f.kind] }, dayOf(f, f.dueAt)]),
      words,
    ),

    ...listSection(
      s.heading.caseloads,
      [{ header: c.specialist }, { header: c.caseload, labelInText: true }, { header: c.limit, labelInText: true }, { header: c.status }],
      figures.caseloads.map((cl) => [
        { text: cl.specialistName },
        { text: String(cl.count) },
        { text: scaled(cl.limit, cl.fte) },
        cl.count > cl.limit ? { text: s.overLimit, flag: true } : { text: "" },
      ]),
      words,
    ),

    { kind: "footer", text: s.footer },
  ];

  return renderEmail({
    locale: options.locale,
    subject: s.subject({ week, participants: participantsInProgram(figures), newJobs }),
    blocks,
  });
}
