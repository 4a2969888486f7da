import * as z from "../../core/zod-mini";
import type { Deps } from "../../adapters/deps";
import { quarterSchema } from "../../core/calendar/quarters";
// Only its type: the figures are read by the reports function, which passes it in.
import type { teamFidelity } from "../../use-cases/fidelity/team-fidelity";
import { reportRoute } from "../reports/routes";
import { lastEndedQuarter } from "../../core/calendar/quarter-period";
import { json } from "./http";
import { requests } from "./requests";
import { route, type Route } from "./route";

/**
 * A team's fidelity self-score, served by the reports function (`score` is its reader); the api's
 * route table lists it without one, for the OpenAPI document.
 */
export function fidelityRoutes(deps: () => Deps, score?: typeof teamFidelity): Route[] {
  const { teamRequest } = requests(deps);
  const declared = reportRoute("/teams/{id}/fidelity");
  return [
    route({
      method: declared.method,
      path: declared.path,
      function: "reports",
      summary:
        "The team's fidelity self-score for a quarter: the IPS fidelity scale's items the records measure, each with its 1–5 score and figures, and the items that need the review (team or admin); default: the last complete quarter",
      query: z.object({ quarter: z.optional(quarterSchema) }),
      responses: { 200: "FidelityReport (core/fidelity/report.ts)" },
      handler: async (event, input) => {
        const team = await teamRequest(event);
        if (!score) throw new Error("the reports function scores fidelity");
        const quarter = input.query().quarter ?? lastEndedQuarter(deps().clock.now(), deps().deployment.timeZone);
        return json(200, await score(deps(), team, quarter));
      },
    }),
  ];
}
