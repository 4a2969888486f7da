import type { Simulation } from "./simulate";
import type { Reminder } from "./observe";

export interface Check {
  what: string;
  count: number;
  /** The count it must have: 0 for every failure. */
  ok: boolean;
  detail?: string[];
}

const DAY = 86_400_000;

/**
 * The fault run against the fault-free run of the same seed, from what each left behind: every
 * event recorded once, every journey running once, every reminder of the fault-free run sent
 * (on the same morning, or later when a kill took a morning's digest), no email twice.
 */
export function compare(clean: Simulation, faulty: Simulation): Check[] {
  const a = clean.observed;
  const b = faulty.observed;
  const recordedTwice: string[] = [];
  const lostEvents: string[] = [];
  const otherPhase: string[] = [];
  const lostJourneys: string[] = [];
  for (const [code, expected] of a.participants) {
    const actual = b.participants.get(code);
    if (!actual) {
      lostEvents.push(`${code}: not created`);
      continue;
    }
    const counts = new Map<string, number>();
    for (const e of actual.events) counts.set(e, (counts.get(e) ?? 0) + 1);
    for (const e of expected.events) counts.set(e, (counts.get(e) ?? 0) - 1);
    for (const [event, n] of counts) {
      if (n > 0) recordedTwice.push(`${code} ${event}`);
      if (n < 0) lostEvents.push(`${code} ${event}`);
    }
    if (actual.phase !== expected.phase) otherPhase.push(`${code}: ${expected.phase} → ${actual.phase}`);
    if ((actual.phase !== "exited") !== (actual.journey === "RUNNING")) lostJourneys.push(`${code}: ${actual.phase}, journey ${actual.journey}`);
  }
  for (const code of b.participants.keys()) if (!a.participants.has(code)) recordedTwice.push(`${code}: created only under faults`);

  // Kills land on a working morning at 09:00 Oslo time, which is the same date in UTC.
  const killMornings = new Set(faulty.kills.map((kill) => kill.at.slice(0, 10)));
  const unexplained = b.digests.claimedNotSent.filter((date) => !killMornings.has(date));
  const reminded = matchReminders(a.reminders, b.reminders, b.lostMornings);
  return [
    { what: "events recorded twice", count: recordedTwice.length, ok: recordedTwice.length === 0, detail: recordedTwice },
    { what: "events lost", count: lostEvents.length, ok: lostEvents.length === 0, detail: lostEvents },
    { what: "participants in another phase at the end", count: otherPhase.length, ok: otherPhase.length === 0, detail: otherPhase },
    { what: "journeys lost (active participant, no running execution, or an exited one running)", count: lostJourneys.length, ok: lostJourneys.length === 0, detail: lostJourneys },
    { what: "journeys running twice", count: b.runningTwice.length, ok: b.runningTwice.length === 0, detail: b.runningTwice },
    { what: "reminders of the fault-free run never sent", count: reminded.never.length, ok: reminded.never.length === 0, detail: reminded.never },
    { what: "reminders sent later than in the fault-free run", count: reminded.later.length, ok: true, detail: reminded.later },
    { what: "reminders lost with a killed morning's digest, the task done before the next", count: reminded.withLostDigest.length, ok: true, detail: reminded.withLostDigest },
    { what: "reminders only in the fault run", count: reminded.extra.length, ok: true, detail: reminded.extra },
    { what: "specialists with two digests on one morning", count: b.digests.sentTwice.length, ok: b.digests.sentTwice.length === 0, detail: b.digests.sentTwice },
    { what: "teams with two summaries in one week", count: b.summaries.sentTwice.length, ok: b.summaries.sentTwice.length === 0, detail: b.summaries.sentTwice },
    { what: "emails sent that no send record claims", count: b.digests.unrecorded + b.summaries.unrecorded, ok: true },
    { what: "digests claimed and never sent (a kill between claim and send)", count: b.digests.claimedNotSent.length, ok: true, detail: b.digests.claimedNotSent },
    { what: "digests claimed and never sent on a morning without a kill", count: unexplained.length, ok: unexplained.length === 0, detail: unexplained },
    { what: "summaries claimed and never sent", count: b.summaries.claimedNotSent.length, ok: true, detail: b.summaries.claimedNotSent },
    { what: "requests answered with a 5xx", count: faulty.client.serverErrors.length, ok: faulty.client.serverErrors.length === 0, detail: faulty.client.serverErrors },
    { what: "requests answered with a 409 (sent again)", count: faulty.client.conflicts, ok: true },
    ...privacy(faulty),
    { what: "duplicated requests answered differently", count: faulty.client.duplicatesAnsweredDifferently.length, ok: faulty.client.duplicatesAnsweredDifferently.length === 0, detail: faulty.client.duplicatesAnsweredDifferently },
  ];
}

/**
 * Each reminder of the fault-free run (a participant, a task, a morning) is found in the fault
 * run on the same morning, or on a later one within a week (a kill can take one morning's digest;
 * the task stays open and comes the next working morning), or not at all because that morning's
 * digest was lost to a kill (claimed, then the process died before SES had it: sent at most once)
 * and the task was done before the next one, or never: the failure.
 */
function matchReminders(expected: Reminder[], actual: Reminder[], lostMornings: Set<string>) {
  const datesOf = new Map<string, string[]>();
  for (const r of actual) datesOf.set(`${r.code} ${r.kind}`, [...(datesOf.get(`${r.code} ${r.kind}`) ?? []), r.date]);
  const exact = new Set(actual.map((r) => `${r.code} ${r.kind} ${r.date}`));
  const expectedExact = new Set(expected.map((r) => `${r.code} ${r.kind} ${r.date}`));
  const never: string[] = [];
  const later: string[] = [];
  const withLostDigest: string[] = [];
  for (const r of expected) {
    if (exact.has(`${r.code} ${r.kind} ${r.date}`)) continue;
    const next = (datesOf.get(`${r.code} ${r.kind}`) ?? []).filter((d) => d > r.date).sort()[0];
    if (next && Date.parse(next) - Date.parse(r.date) <= 7 * DAY) later.push(`${r.code} ${r.kind} ${r.date} → ${next}`);
    else if (lostMornings.has(`${r.code} ${r.date}`)) withLostDigest.push(`${r.code} ${r.kind} ${r.date}`);
    else never.push(`${r.code} ${r.kind} ${r.date}`);
  }
  const extra = actual.filter((r) => !expectedExact.has(`${r.code} ${r.kind} ${r.date}`)).map((r) => `${r.code} ${r.kind} ${r.date}`);
  return { never, later, withLostDigest, extra };
}

/**
 * Nothing personal in any email or log line of the run, faults and restarts included: a
 * participant's job wishes appear nowhere, and the log lines do not name a participant's code.
 */
function privacy(run: Simulation): Check[] {
  const inEmails = run.observed.emailTexts.filter((text) => run.secrets.preferences.some((secret) => text.includes(secret)));
  const codes = new Set(run.secrets.codes);
  const namesCode = (line: string) => line.split(/[^\p{L}\p{N}.-]+/u).some((word) => codes.has(word));
  const inLogs = run.runtimeLines.filter((line) => run.secrets.preferences.some((secret) => line.includes(secret)) || namesCode(line));
  return [
    { what: "emails holding a participant's job wishes", count: inEmails.length, ok: inEmails.length === 0 },
    { what: "log lines holding a participant's code or job wishes", count: inLogs.length, ok: inLogs.length === 0, detail: inLogs.slice(0, 5) },
  ];
}
