import type { Deps } from "../../adapters/deps";
import { listSpecialists } from "../../adapters/dynamodb/specialists";
import { localDateOf } from "../../core/calendar/local-dates";
import { isWorkingDay } from "../../core/calendar/working-days";

/**
 * The morning digest: one email per specialist per working morning listing what is due, overdue
 * and coming up, instead of one email per item, which is what keeps specialists reading them.
 * It shows one row per participant, the most urgent first: the order of `journey/urgency.ts`,
 * which the web app's "My day" follows too. This is its first step, which specialists on which
 * mornings; apart from the sending (send-digests.ts), so that it carries no email client.
 */
export async function planDigest(deps: Deps): Promise<{ workingDay: boolean; date: string; specialistIds: string[] }> {
  const date = localDateOf(deps.clock.now(), deps.deployment.timeZone);
  if (!isWorkingDay(date, deps.deployment.timeZone)) return { workingDay: false, date, specialistIds: [] };
  const specialists = await listSpecialists(deps);
  return { workingDay: true, date, specialistIds: specialists.map((s) => s.id) };
}
