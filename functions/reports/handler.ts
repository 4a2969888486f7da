import { depsFromEnv, lazyDeps, type Deps } from "../../adapters/deps";
import { httpApiHandler } from "../api/http-handler";
import { participantReportRoutes } from "../api/participant-report-routes";
import { participantReport } from "../../use-cases/participants/report";

/**
 * A participant's interval and end reports, as PDF or HTML: the routes of the HTTP API that
 * render with the PDF library, in a function of their own so that no other route loads it.
 */
export function createHandler(deps: () => Deps) {
  return httpApiHandler(participantReportRoutes(deps, participantReport));
}

// DynamoDB only: the reports read the participant and write the audit log.
export const handler = createHandler(lazyDeps(() => depsFromEnv({})));
