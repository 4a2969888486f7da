import type { Locale } from "../domain/schemas";
import { catalogue } from "../email/i18n";
import { formatDate, formatNumber } from "../email/format";
import { readInZone } from "../calendar/read-in-zone";
import { reportWords, type ReportWords } from "./i18n";
import type { ParticipantReport, ReportActivity, ReportEmployerContact, ReportPlacement } from "./model";

/**
 * A report as a short list of blocks, in one language: the HTML and the PDF are both rendered
 * from it, so they always carry the same facts. All text is raw; each renderer escapes or
 * encodes it as it writes it.
 */
export interface ReportColumn {
  header: string;
  /** Share of the table's width (the PDF's layout; HTML tables size themselves). */
  width: number;
}

export type ReportBlock =
  | { kind: "title"; text: string }
  | { kind: "subtitle"; text: string }
  | { kind: "facts"; rows: Array<{ label: string; value: string }> }
  | { kind: "heading"; text: string; section: ReportSection }
  | { kind: "table"; section: ReportSection; columns: ReportColumn[]; rows: string[][] }
  | { kind: "paragraph"; text: string }
  | { kind: "footer"; text: string };

/** The report's sections, by a stable name (the HTML's ids). */
export type ReportSection = "counts" | "activities" | "employer-contacts" | "placements" | "phase-changes" | "exit";

export interface ReportDocument {
  locale: Locale;
  /** BCP 47 tag of the language. */
  lang: string;
  /** "Intervallrapport – K.L.": the HTML's and the PDF's title. */
  title: string;
  blocks: ReportBlock[];
  /** The running footer of each PDF page, with the page's number. */
  pageFooter: (n: number, of: number) => string;
}

export function reportDocument(report: ParticipantReport, options: { locale: Locale; timeZone: string }): ReportDocument {
  const words = reportWords(options.locale);
  const email = catalogue(options.locale);
  const date = (iso: string) => formatDate(readInZone(iso, options.timeZone, "date"), words.tag, words.dateFormat);
  const phase = (p: ParticipantReport["phaseAtEnd"]) => email.phase[p];
  const terms = (t: Pick<ReportPlacement, "hoursPerWeek" | "wage" | "temporary">) => {
    const parts: string[] = [];
    if (t.hoursPerWeek !== undefined) parts.push(email.summary.hoursPerWeek(formatNumber(t.hoursPerWeek, email)));
    if (t.wage !== undefined) parts.push(email.summary.wage[t.wage]);
    if (t.temporary !== undefined) parts.push(t.temporary ? email.summary.temporary : email.summary.permanent);
    return parts.join(", ");
  };
  const title = words.title[report.kind];

  const facts: Array<{ label: string; value: string }> = [
    { label: words.fact.participant, value: report.participant.code },
    { label: words.fact.referredAt, value: date(report.participant.referredAt) },
    { label: words.fact.period, value: `${date(report.period.from)} – ${date(report.period.to)}` },
    ...(report.specialist ? [{ label: words.fact.specialist, value: report.specialist }] : []),
    { label: words.fact.phaseAtStart, value: phase(report.phaseAtStart) },
    { label: words.fact.phaseAtEnd, value: phase(report.phaseAtEnd) },
  ];

  const section = (name: ReportSection, heading: string, columns: ReportColumn[], rows: string[][]): ReportBlock[] => [
    { kind: "heading", text: heading, section: name },
    rows.length === 0 ? { kind: "paragraph", text: words.none } : { kind: "table", section: name, columns, rows },
  ];
  const c = words.column;
  const counts = report.counts;

  const blocks: ReportBlock[] = [
    { kind: "title", text: title },
    { kind: "subtitle", text: words.subtitle },
    { kind: "facts", rows: facts },
    { kind: "heading", text: words.heading.counts, section: "counts" },
    {
      kind: "table",
      section: "counts",
      columns: [
        { header: c.what, width: 0.75 },
        { header: c.count, width: 0.25 },
      ],
      rows: (Object.keys(words.count) as Array<keyof ReportWords["count"]>).map((key) => [words.count[key], String(counts[key])]),
    },
    ...section(
      "activities",
      words.heading.activities,
      [
        { header: c.date, width: 0.2 },
        { header: c.activity, width: 0.8 },
      ],
      report.activities.map((a) => [date(a.at), activityText(a, words, terms)]),
    ),
    ...section(
      "employer-contacts",
      words.heading.employerContacts,
      [
        { header: c.date, width: 0.2 },
        { header: c.employer, width: 0.35 },
        { header: c.what, width: 0.45 },
      ],
      report.employerContacts.map((e) => [date(e.at), e.employer, employerText(e, words, date, terms)]),
    ),
    ...section(
      "placements",
      words.heading.placements,
      [
        { header: c.what, width: 0.25 },
        { header: c.start, width: 0.15 },
        { header: c.end, width: 0.28 },
        { header: c.terms, width: 0.32 },
      ],
      report.placements.map((p) => [
        p.kind === "job" ? (p.employer ? `${words.job}: ${p.employer}` : words.job) : words.education,
        date(p.startedAt),
        p.endedAt === undefined ? words.ongoing : words.ended(date(p.endedAt), p.endReason ? words.jobEndReason[p.endReason] : undefined),
        terms(p),
      ]),
    ),
    ...section(
      "phase-changes",
      words.heading.phaseChanges,
      [
        { header: c.date, width: 0.2 },
        { header: c.from, width: 0.4 },
        { header: c.to, width: 0.4 },
      ],
      report.phaseChanges.map((change) => [date(change.at), phase(change.from), phase(change.to)]),
    ),
  ];
  if (report.exit) {
    blocks.push(
      { kind: "heading", text: words.heading.exit, section: "exit" },
      {
        kind: "facts",
        rows: [
          { label: words.fact.exitedAt, value: date(report.exit.at) },
          { label: words.fact.exitReason, value: words.exitReason[report.exit.reason] },
        ],
      },
    );
  }
  blocks.push({ kind: "footer", text: words.footer(date(report.createdAt)) });

  return {
    locale: options.locale,
    lang: words.tag,
    title: `${title} – ${report.participant.code}`,
    blocks,
    pageFooter: (n, of) => `${title} – ${report.participant.code} – ${words.page(n, of)}`,
  };
}

function activityText(activity: ReportActivity, words: ReportWords, terms: (t: Pick<ReportPlacement, "hoursPerWeek" | "wage" | "temporary">) => string): string {
  switch (activity.kind) {
    case "participant-meeting":
      return words.activity.participantMeeting;
    case "follow-up-contact":
      return words.activity.followUpContact[activity.with];
    case "benefits-counselling":
      return words.activity.benefitsCounselling[activity.status];
    case "job-change": {
      const changed = terms(activity);
      return changed ? `${words.activity.jobChange(activity.employer)}: ${changed}` : words.activity.jobChange(activity.employer);
    }
  }
}

function employerText(
  contact: ReportEmployerContact,
  words: ReportWords,
  date: (iso: string) => string,
  terms: (t: Pick<ReportPlacement, "hoursPerWeek" | "wage" | "temporary">) => string,
): string {
  if (contact.kind === "employer-contact") return contact.visit ? words.visit[contact.visit] : words.employerContact;
  const offered = terms(contact);
  return offered ? `${words.jobOffer(date(contact.startsAt))}: ${offered}` : words.jobOffer(date(contact.startsAt));
}
