import type { Deps } from "../../adapters/deps";
import { appUrlOf } from "../../core/config/deployment";
import { getTeam } from "../../adapters/dynamodb/teams";
import type { Locale } from "../../core/domain/codes";
import { keys } from "../../adapters/dynamodb/keys";
import { renderDigest } from "../../core/email";
import { sendOnce, type SendOnceOutcome } from "../../adapters/ses/send-once";
import { remindersFor, specialistAndEmployersToContact } from "./reminders";

/**
 * The morning digest's send, one specialist at a time: at most one email a morning, recorded
 * before it goes out (which specialists, on which mornings: plan-digest.ts; what is listed:
 * reminders.ts).
 */
export type DigestOutcome = SendOnceOutcome | "nothing-to-do" | "unknown-specialist";

/**
 * `locale` is the language the workflow's first step read for the specialist (plan-digest.ts);
 * without it (an execution started under the earlier definition) the team is read here.
 */
export async function sendDigest(deps: Deps, specialistId: string, date: string, locale?: Locale): Promise<{ outcome: DigestOutcome; items: number }> {
  const now = deps.clock.now();
  // Two Queries, side by side: the caseload, and the specialist with their employers.
  const [items, { specialist, employers }] = await Promise.all([
    remindersFor(deps, specialistId, now),
    specialistAndEmployersToContact(deps, specialistId, now),
  ]);
  if (!specialist) return { outcome: "unknown-specialist", items: 0 };
  if (items.length === 0 && employers.length === 0) return { outcome: "nothing-to-do", items: 0 };

  // A specialist working with several teams reads the language of their first team.
  const language = locale ?? (await getTeam(deps, specialist.teamIds[0]))?.locale ?? deps.deployment.locale;
  const email = renderDigest({ locale: language, timeZone: deps.deployment.timeZone, baseUrl: appUrlOf(deps.deployment), today: date, items, employers });
  const outcome = await sendOnce(
    deps,
    keys.digest(specialistId, date),
    { entity: "digest", specialistId, date, items: items.length, employers: employers.length },
    { to: [specialist.email], ...email },
  );
  return { outcome, items: items.length };
}
