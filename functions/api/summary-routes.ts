import * as z from "../../core/zod-mini";
import type { Deps } from "../../adapters/deps";
import type { ApiEvent } from "./http";
import { isoWeekSchema } from "../../core/calendar/weeks";
import { coveredWeek } from "../../core/summary/period";
// Only their types: the figures are read, and the email rendered, by the reports function, which passes them in.
import type { weeklySummaryFigures } from "../../use-cases/summary/load-figures";
import type { previewSummary } from "../../use-cases/summary/preview";
import { reportRoute } from "../reports/routes";
import { json } from "./http";
import { requests } from "./requests";
import { route, type Route } from "./route";

/** What the reports function passes in: the figures' reader and the email's renderer. */
export interface SummaryReaders {
  figures: typeof weeklySummaryFigures;
  preview: typeof previewSummary;
}

/** The week a summary is about: an ISO week such as 2026-W48. */
const weekQuery = z.object({ week: z.optional(isoWeekSchema) });

/**
 * A team's weekly summary, its figures and its email rendered but not sent, served by the reports
 * function so that the api carries neither the figures' code nor the email templates; the api's
 * route table lists them without their readers, for the OpenAPI document.
 */
export function summaryRoutes(deps: () => Deps, readers?: SummaryReaders): Route[] {
  const { teamRequest } = requests(deps);
  /** The team a team member or admin asks about, and the week (default: the last full week). */
  const summaryRequest = async (event: ApiEvent, requested: string | undefined) => {
    const team = await teamRequest(event);
    if (!readers) throw new Error("the reports function serves the summary");
    const week = requested ?? coveredWeek(deps().clock.now(), deps().deployment.timeZone);
    return { team, week, readers };
  };
  const figures = reportRoute("/teams/{id}/summary");
  const preview = reportRoute("/teams/{id}/summary/preview");
  return [
    route({
      method: figures.method,
      path: figures.path,
      function: "reports",
      summary: "The team's weekly summary figures (team or admin); default week: the last full ISO week",
      query: weekQuery,
      responses: { 200: "WeeklySummaryFigures" },
      handler: async (event, input) => {
        const { team, week, readers } = await summaryRequest(event, input.query().week);
        return json(200, await readers.figures(deps(), team.id, week));
      },
    }),
    route({
      method: preview.method,
      path: preview.path,
      function: "reports",
      summary: "The summary email for a week, rendered but not sent; ?format=html returns the HTML part",
      query: z.extend(weekQuery, { format: z.optional(z.enum(["json", "html"])) }),
      responses: { 200: "{week, subject, html, text}" },
      handler: async (event, input) => {
        const query = input.query();
        const { team, week, readers } = await summaryRequest(event, query.week);
        const email = await readers.preview(deps(), team.id, week);
        // ?format=html shows the email as the team would see it, in a browser.
        if (query.format === "html") {
          return { statusCode: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: email.html };
        }
        return json(200, { week, ...email });
      },
    }),
  ];
}
