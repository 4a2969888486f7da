import type { Deps } from "../../adapters/deps";
import { listSpecialists } from "../../adapters/dynamodb/specialists";
import { listTeams } from "../../adapters/dynamodb/teams";
import type { Locale } from "../../core/domain/codes";
import { localDateOf } from "../../core/calendar/local-dates";
import { isWorkingDay } from "../../core/calendar/working-days";

/**
 * The morning digest: one email per specialist per working morning listing what is due, overdue
 * and coming up, instead of one email per item, which is what keeps specialists reading them.
 * It shows one row per participant, the most urgent first: the order of `journey/urgency.ts`,
 * which the web app's "My day" follows too. This is its first step, which specialists on which
 * mornings; apart from the sending (send-digests.ts), so that it carries no email client.
 *
 * Beside each specialist it gives the language of their digest (their first team's), read here
 * with one Query of all teams, so that no send reads its team again. The two lists run in
 * parallel (the workflow picks a specialist's language by the Map's index), which keeps
 * `specialistIds` as executions started under the earlier definition read it.
 */
export async function planDigest(deps: Deps): Promise<{ workingDay: boolean; date: string; specialistIds: string[]; locales: Locale[] }> {
  const date = localDateOf(deps.clock.now(), deps.deployment.timeZone);
  if (!isWorkingDay(date, deps.deployment.holidayCountry)) return { workingDay: false, date, specialistIds: [], locales: [] };
  const [specialists, teams] = await Promise.all([listSpecialists(deps), listTeams(deps)]);
  const localeOf = new Map(teams.map((team) => [team.id, team.locale]));
  return {
    workingDay: true,
    date,
    specialistIds: specialists.map((s) => s.id),
    locales: specialists.map((s) => localeOf.get(s.teamIds[0]) ?? deps.deployment.locale),
  };
}
