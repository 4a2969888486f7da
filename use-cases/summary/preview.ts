import type { Deps } from "../../adapters/deps";
import { appUrlOf } from "../../core/config/deployment";
import { getTeam } from "../../adapters/dynamodb/teams";
import { notFound } from "../../core/errors";
import { renderWeeklySummary, type RenderedEmail } from "../../core/email";
import type { IsoWeek } from "../../core/calendar/weeks";
import { figuresForTeam } from "./load-figures";

/**
 * The summary a team would get for `week`, rendered in the team's language, without sending or
 * recording anything. Any week may be previewed, also the running one (its figures then stand
 * at the present moment).
 */
export async function previewSummary(deps: Deps, teamId: string, week: IsoWeek): Promise<RenderedEmail> {
  const team = await getTeam(deps, teamId);
  if (!team) throw notFound(`team ${teamId}`);
  const figures = await figuresForTeam(deps, team, week);
  return renderWeeklySummary(figures, { locale: team.locale, timeZone: deps.deployment.timeZone, baseUrl: appUrlOf(deps.deployment) });
}
