import type { DateTime } from "luxon";
import { catalogue, type Catalogue } from "./i18n";
import { assertTimeZone, calendarDaysBetween, formatDay, inZone, participantLink } from "./format";
import { renderEmail, type Block, type Cell } from "./layout";
import type { DigestEmailInput, DigestItem, RenderedEmail } from "./types";

/**
 * The morning reminder digest: one email per job specialist per working morning, listing what is
 * overdue, what is due today and which deadlines are coming up. One email a morning instead of
 * one per item is what keeps specialists reading them.
 */

interface Placed {
  item: DigestItem;
  due: DateTime;
  daysOverdue: number;
  daysLeft: number;
}

const byDueThenCode = (a: Placed, b: Placed) =>
  a.due.toMillis() - b.due.toMillis() || a.item.code.localeCompare(b.item.code);

function section(
  title: string,
  placed: Placed[],
  words: Catalogue,
  input: DigestEmailInput,
  today: DateTime,
  status: (p: Placed) => Cell,
): Block[] {
  if (placed.length === 0) return [];
  const c = words.digest.column;
  return [
    { kind: "heading", text: `${title} (${placed.length})` },
    {
      kind: "table",
      columns: [
        { header: c.participant },
        { header: c.task },
        { header: c.due, labelInText: true },
        { header: c.status },
      ],
      rows: [...placed].sort(byDueThenCode).map((p) => [
        { text: p.item.code, href: participantLink(input.baseUrl, p.item.participantId) },
        { text: words.obligation[p.item.kind] },
        { text: formatDay(p.due, words, today) },
        status(p),
      ]),
    },
  ];
}

/** Renders the digest; throws when there is nothing to list, because then nothing is sent. */
export function renderDigest(input: DigestEmailInput): RenderedEmail {
  if (input.items.length === 0) throw new Error("a digest needs at least one item: send nothing instead");
  assertTimeZone(input.timeZone);
  const words = catalogue(input.locale);
  const today = inZone(input.today, input.timeZone, "today");

  const placed = input.items.map((item): Placed => {
    const due = inZone(item.dueAt, input.timeZone, `dueAt of participant ${item.participantId}`);
    const daysLeft = calendarDaysBetween(today, due);
    return { item, due, daysLeft, daysOverdue: item.daysOverdue ?? Math.max(-daysLeft, 0) };
  });
  const overdue = placed.filter((p) => p.item.section === "overdue");
  const due = placed.filter((p) => p.item.section === "due");
  const upcoming = placed.filter((p) => p.item.section === "upcoming");

  const d = words.digest;
  return renderEmail({
    locale: input.locale,
    subject: d.subject({ tasks: overdue.length + due.length, overdue: overdue.length, upcoming: upcoming.length }),
    blocks: [
      { kind: "title", text: d.title(formatDay(today, words, today)) },
      { kind: "paragraph", text: d.intro },
      ...section(d.section.overdue, overdue, words, input, today, (p) => ({ text: d.daysOverdue(p.daysOverdue), flag: true })),
      // Before a weekend or holiday the caller files what falls due on the days off under "due".
      ...section(d.section.due, due, words, input, today, (p) => ({ text: d.dueIn(p.daysLeft) })),
      ...section(d.section.upcoming, upcoming, words, input, today, (p) => ({ text: d.dueIn(p.daysLeft) })),
      { kind: "footer", text: d.footer },
    ],
  });
}
