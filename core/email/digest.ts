import { byUrgency, type DigestSection, type UrgencyRow } from "../journey/urgency";
import { catalogue, type Catalogue } from "./i18n";
import { assertTimeZone, calendarDaysBetween, formatDay, inZone, participantLink } from "./format";
import { renderEmail, type Block } from "./layout";
import type { DigestEmailInput, DigestItem, RenderedEmail } from "./types";

/**
 * The morning reminder digest: one email per job specialist per working morning, one row per
 * participant with all of that participant's items (instruction and status), the most urgent
 * participant first (`core/journey/urgency.ts`, the order the web app's "My day" shows too).
 * One email a morning instead of one per item is what keeps specialists reading them; one row
 * per participant is what a specialist acts on (one call, one visit), read on a phone.
 *
 * Rows stand under the heading of their most urgent item: overdue, to do today (with what falls
 * due on the coming days off), deadlines coming up. A participant with anything overdue is flagged.
 */

type Placed = DigestItem & { daysOverdue: number; daysLeft: number };

function status(item: Placed, words: Catalogue): string {
  return item.section === "overdue" ? words.digest.daysOverdue(item.daysOverdue) : words.digest.dueIn(item.daysLeft);
}

function section(title: string, rows: UrgencyRow<Placed>[], words: Catalogue, input: DigestEmailInput): Block[] {
  if (rows.length === 0) return [];
  const d = words.digest;
  return [
    { kind: "heading", text: title },
    {
      kind: "table",
      columns: [{ header: d.column.participant }, { header: d.column.tasks }],
      rows: rows.map((row) => [
        // The flag marks the participant (bold in HTML, "(!)" after the code in text), not the
        // whole list, which may hold items due today as well.
        { text: row.code, href: participantLink(input.baseUrl, row.participantId), flag: row.items.some((item) => item.section === "overdue") },
        // In the text part the items read as further columns of the row: code · task · task.
        { text: row.items.map((item) => d.task(words.obligation[item.kind], status(item, words))).join(" · ") },
      ]),
    },
  ];
}

/** Employers to contact: one row each, the employer's name only (no participant beside it). */
function employerSection(input: DigestEmailInput, words: Catalogue, today: ReturnType<typeof inZone>): Block[] {
  const employers = input.employers ?? [];
  if (employers.length === 0) return [];
  const e = words.digest.employers;
  return [
    { kind: "heading", text: e.section },
    {
      kind: "table",
      columns: [{ header: e.column }],
      rows: employers.map((employer) => [
        {
          text:
            employer.reason === "cold"
              ? e.visitAgain(employer.name, employer.days)
              : e.afterHire(employer.name, formatDay(inZone(`${employer.dueDate}T12:00:00Z`, input.timeZone, "dueDate"), words, today)),
        },
      ]),
    },
  ];
}

/** Renders the digest; throws when there is nothing to list, because then nothing is sent. */
export function renderDigest(input: DigestEmailInput): RenderedEmail {
  const employers = input.employers ?? [];
  if (input.items.length === 0 && employers.length === 0) throw new Error("a digest needs at least one item: send nothing instead");
  assertTimeZone(input.timeZone);
  const words = catalogue(input.locale);
  const today = inZone(input.today, input.timeZone, "today");

  const placed = input.items.map((item): Placed => {
    const due = inZone(item.dueAt, input.timeZone, `dueAt of participant ${item.participantId}`);
    const daysLeft = calendarDaysBetween(today, due);
    return { ...item, daysLeft, daysOverdue: item.daysOverdue ?? Math.max(-daysLeft, 0) };
  });
  const rows = byUrgency(placed);
  // A row's first item is its most urgent (a missed deadline is overdue too): it places the row.
  const under = (s: DigestSection) => rows.filter((row) => row.items[0].section === s);
  const count = (s: DigestSection) => placed.filter((item) => item.section === s).length;

  const d = words.digest;
  return renderEmail({
    locale: input.locale,
    subject:
      input.items.length > 0
        ? d.subject({ overdue: count("overdue"), today: count("due"), upcoming: count("upcoming") })
        : `IPS: ${d.employers.subject(employers.length)}`,
    blocks: [
      { kind: "title", text: d.title(formatDay(today, words, today)) },
      { kind: "paragraph", text: d.intro },
      ...section(d.section.overdue, under("overdue"), words, input),
      // Before a weekend or holiday the caller files what falls due on the days off under "due".
      ...section(d.section.due, under("due"), words, input),
      ...section(d.section.upcoming, under("upcoming"), words, input),
      ...employerSection(input, words, today),
      { kind: "footer", text: d.footer },
    ],
  });
}
