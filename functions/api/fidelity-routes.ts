import * as z from "zod";
import type { Deps } from "../../adapters/deps";
import { quarterSchema } from "../../core/calendar/quarters";
import { teamFidelity } from "../../use-cases/fidelity/team-fidelity";
import { lastEndedQuarter } from "../../core/calendar/quarter-period";
import { json } from "./http";
import { requests } from "./requests";
import { route, type Route } from "./route";

/** A team's fidelity self-score. */
export function fidelityRoutes(deps: () => Deps): Route[] {
  const { teamRequest } = requests(deps);
  return [
    route({
      method: "GET",
      path: "/teams/{id}/fidelity",
      summary:
        "The team's fidelity self-score for a quarter: the IPS fidelity scale's items the records measure, each with its 1–5 score and figures, and the items that need the review (team or admin); default: the last complete quarter",
      query: z.object({ quarter: quarterSchema.optional() }),
      responses: { 200: "FidelityReport (core/fidelity/report.ts)" },
      handler: async (event, input) => {
        const team = await teamRequest(event);
        const quarter = input.query().quarter ?? lastEndedQuarter(deps().clock.now(), deps().deployment.timeZone);
        return json(200, await teamFidelity(deps(), team, quarter));
      },
    }),
  ];
}
