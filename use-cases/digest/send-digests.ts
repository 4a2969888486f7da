import type { Deps } from "../../adapters/deps";
import { appUrlOf } from "../../core/config/deployment";
import { listSpecialists, getSpecialist } from "../../adapters/dynamodb/specialists";
import { getTeam } from "../../adapters/dynamodb/teams";
import { listCaseload } from "../../adapters/dynamodb/participants";
import { keys } from "../../adapters/dynamodb/keys";
import { localDateOf } from "../../core/calendar/local-dates";
import { isWorkingDay } from "../../core/calendar/working-days";
import { selectDigestItems, type DigestItem } from "../../core/journey/digest";
import { resolveRules } from "../../core/journey/rules";
import { renderDigest } from "../../core/email";
import { sendOnce, type SendOnceOutcome } from "../../adapters/ses/send-once";
import { listEmployers } from "../../adapters/dynamodb/employers";
import { employerFollowUps, type EmployerFollowUp } from "../../core/employers/follow-up";

/**
 * The morning digest: one email per specialist per working morning listing what is due, overdue
 * and coming up, instead of one email per item, which is what keeps specialists reading them.
 * It shows one row per participant, the most urgent first: the order of `journey/urgency.ts`,
 * which the web app's "My day" follows too.
 */
export async function planDigest(deps: Deps): Promise<{ workingDay: boolean; date: string; specialistIds: string[] }> {
  const date = localDateOf(deps.clock.now(), deps.deployment.timeZone);
  if (!isWorkingDay(date, deps.deployment.timeZone)) return { workingDay: false, date, specialistIds: [] };
  const specialists = await listSpecialists(deps);
  return { workingDay: true, date, specialistIds: specialists.map((s) => s.id) };
}

export type DigestOutcome = SendOnceOutcome | "nothing-to-do" | "unknown-specialist";

/**
 * What a specialist has to act on at `now`: the morning digest's items, and the web app's day
 * (core/journey/day.ts orders the same items). Each profile holds its obligations as last
 * computed (by the writer of every event, and by the journey when time changes them), so this is
 * one Query of the caseload; statuses are recomputed for `now`.
 */
export async function remindersFor(deps: Deps, specialistId: string, now: Date): Promise<DigestItem[]> {
  const caseload = (await listCaseload(deps, specialistId)).filter((p) => p.phase !== "exited");
  const participants = caseload.map((profile) => ({ id: profile.id, code: profile.code, state: { obligations: profile.obligations } }));
  return selectDigestItems({ participants, now, timeZone: deps.deployment.timeZone, rules: resolveRules(deps.deployment.rules) });
}

/** The employers the specialist is responsible for that are due a contact (one Query of the register's index). */
export async function employersToContact(deps: Deps, specialistId: string, now: Date): Promise<EmployerFollowUp[]> {
  return employerFollowUps(await listEmployers(deps, specialistId), now, deps.deployment.timeZone, deps.deployment.employers);
}

export async function sendDigest(deps: Deps, specialistId: string, date: string): Promise<{ outcome: DigestOutcome; items: number }> {
  const specialist = await getSpecialist(deps, specialistId);
  if (!specialist) return { outcome: "unknown-specialist", items: 0 };
  const now = deps.clock.now();
  const [items, employers] = await Promise.all([remindersFor(deps, specialistId, now), employersToContact(deps, specialistId, now)]);
  if (items.length === 0 && employers.length === 0) return { outcome: "nothing-to-do", items: 0 };

  // A specialist working with several teams reads the language of their first team.
  const team = await getTeam(deps, specialist.teamIds[0]);
  const locale = team?.locale ?? deps.deployment.locale;
  const email = renderDigest({ locale, timeZone: deps.deployment.timeZone, baseUrl: appUrlOf(deps.deployment), today: date, items, employers });
  const outcome = await sendOnce(
    deps,
    keys.digest(specialistId, date),
    { entity: "digest", specialistId, date, items: items.length, employers: employers.length },
    { to: [specialist.email], ...email },
  );
  return { outcome, items: items.length };
}
