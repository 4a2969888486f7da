import { depsFromEnv, lazyDeps, type Deps } from "../../adapters/deps";
import { httpApiHandler } from "../api/http-handler";
import { participantReportRoutes } from "../api/participant-report-routes";
import { fidelityRoutes } from "../api/fidelity-routes";
import { outcomeRoutes } from "../api/outcome-routes";
import { summaryRoutes } from "../api/summary-routes";
import { previewSummary } from "../../use-cases/summary/preview";
import { weeklySummaryFigures } from "../../use-cases/summary/load-figures";
import { participantReport } from "../../use-cases/participants/report";
import { teamFidelity } from "../../use-cases/fidelity/team-fidelity";
import { readOutcomeReport, readOutcomeReports } from "../../use-cases/outcomes/report";
import { outcomeCsv, outcomeCsvFileName } from "../../core/outcomes/csv";

/**
 * The reports of the HTTP API (routes.ts): a participant's interval and end reports as PDF or
 * HTML, the team's fidelity self-score, the quarterly outcome reports and the weekly summary (its
 * figures and its email's preview), in a function of their own so that the api, which every page
 * of the web app calls, loads neither the PDF library, the figures' code nor the email templates.
 */
export function createHandler(deps: () => Deps) {
  return httpApiHandler([
    ...participantReportRoutes(deps, participantReport),
    ...fidelityRoutes(deps, teamFidelity),
    ...outcomeRoutes(deps, { readOutcomeReport, readOutcomeReports, outcomeCsv, outcomeCsvFileName }),
    ...summaryRoutes(deps, { figures: weeklySummaryFigures, preview: previewSummary }),
  ]);
}

// DynamoDB only: the reports read the participant and write the audit log.
export const handler = createHandler(lazyDeps(() => depsFromEnv({})));
