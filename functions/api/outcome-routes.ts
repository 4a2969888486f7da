import * as z from "../../core/zod-mini";
import type { Deps } from "../../adapters/deps";
import { require } from "../../core/access/policy";
import { quarterSchema } from "../../core/calendar/quarters";
import { lastEndedQuarter } from "../../core/calendar/quarter-period";
import { localeSchema } from "../../core/domain/schemas";
// Only their types: the reports function reads and writes the reports, and passes these in.
import type { outcomeCsv, outcomeCsvFileName } from "../../core/outcomes/csv";
import type { readOutcomeReport, readOutcomeReports } from "../../use-cases/outcomes/report";
import { reportRoute } from "../reports/routes";
import { type ApiEvent, described, json, pathIdSchema, principalOf } from "./http";
import { route, type Route } from "./route";

const outcomesQuery = z.object({
  quarter: described(z.optional(quarterSchema), "A quarter such as 2026-Q4, in the deployment's time zone; default: the last one ended"),
  teamId: described(z.optional(pathIdSchema), "One team's report; without it, every team and the whole deployment (admin only)"),
  format: described(z.optional(z.enum(["json", "csv"])), "csv: a spreadsheet file (UTF-8 with BOM; in bokmål semicolons and decimal commas)"),
  lang: described(z.optional(localeSchema), "The CSV's language and number format; default: the deployment's"),
});

/**
 * The quarterly outcome report (funders, NAV): admins for any team or the whole deployment, a
 * treatment team for its own team only. Specialists are refused, as for the team's weekly summary:
 * a specialist's view is their own caseload, and the program's figures are the program leader's
 * and the team's. Served by the reports function, which passes in `reports`; the api's route
 * table lists them without it, for the OpenAPI document.
 */
export interface OutcomeReports {
  readOutcomeReport: typeof readOutcomeReport;
  readOutcomeReports: typeof readOutcomeReports;
  outcomeCsv: typeof outcomeCsv;
  outcomeCsvFileName: typeof outcomeCsvFileName;
}

export function outcomeRoutes(deps: () => Deps, reports?: OutcomeReports): Route[] {
  /** Admins for any team or all; a team member for their own team only. Checked before the input is read. */
  const mayRead = (event: ApiEvent) => {
    const principal = principalOf(event);
    const teamIdAsked = event.queryStringParameters?.teamId;
    require(principal.role === "admin" || (principal.role === "team" && teamIdAsked !== undefined && teamIdAsked === principal.teamId));
  };
  const lastEnded = () => lastEndedQuarter(deps().clock.now(), deps().deployment.timeZone);
  const served = () => {
    if (!reports) throw new Error("the reports function serves the outcome reports");
    return reports;
  };
  const single = reportRoute("/reports/outcomes");
  const quarters = reportRoute("/reports/outcomes/quarters");
  return [
    route({
      method: single.method,
      path: single.path,
      function: "reports",
      summary:
        "The quarter's outcome report, per team (?teamId=, admin or that team) or for every team and the whole deployment (admin); ?format=csv for a spreadsheet",
      query: outcomesQuery,
      produces: ["application/json", "text/csv"],
      responses: { 200: "{quarter, start, end, asOf, closesAt, final, timeZone, teamId?, teamName?, figures, teams: [{teamId, teamName, figures}]}, or text/csv" },
      handler: async (event, input) => {
        // Access before input: a refused caller learns nothing of what it asked for.
        mayRead(event);
        const query = input.query();
        const { locale } = deps().deployment;
        const { readOutcomeReport, outcomeCsv, outcomeCsvFileName } = served();
        const quarter = query.quarter ?? lastEnded();
        const report = await readOutcomeReport(deps(), quarter, query.teamId);
        if (query.format !== "csv") return json(200, report);
        const lang = query.lang ?? locale;
        return {
          statusCode: 200,
          headers: {
            "content-type": "text/csv; charset=utf-8",
            "content-disposition": `attachment; filename="${outcomeCsvFileName(report, lang)}"`,
          },
          body: outcomeCsv(report, lang),
        };
      },
    }),
    route({
      method: quarters.method,
      path: quarters.path,
      function: "reports",
      summary:
        "The outcome reports of the `count` quarters up to `quarter` (default: the last ended), oldest first, from one read of each team: what the chart of the last eight quarters shows; each equals the single quarter's report",
      query: z.object({
        quarter: outcomesQuery.shape.quarter,
        count: described(z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(12))), "How many quarters, up to 12; default 8"),
        teamId: outcomesQuery.shape.teamId,
      }),
      responses: { 200: "{reports: [the report of each quarter, as GET /reports/outcomes gives it]}" },
      handler: async (event, input) => {
        mayRead(event);
        const query = input.query();
        return json(200, { reports: await served().readOutcomeReports(deps(), query.quarter ?? lastEnded(), query.count ?? 8, query.teamId) });
      },
    }),
  ];
}
