import * as z from "../../core/zod-mini";
import type { Deps } from "../../adapters/deps";
import { writeAudit } from "../../adapters/dynamodb/audit-log";
import { localDateSchema } from "../../core/calendar/local-dates";
import { localeSchema } from "../../core/domain/schemas";
import { reportKinds } from "../../core/reports/period";
// Only its type: the renderer (and its PDF library) is the reports function's, passed in there.
import type { participantReport } from "../../use-cases/participants/report";
import { reportRoute } from "../reports/routes";
import { callerOf, described, type ApiResult } from "./http";
import { requests } from "./requests";
import { route, type Route } from "./route";

/** What a report is asked for with: its kind, its period (local dates, both included), format and language. */
const reportQuery = z.object({
  kind: described(z.enum(reportKinds), "interval: a period (default the last 3 months up to today); end: referral to exit, once exited"),
  from: described(z.optional(localDateSchema), "First day (yyyy-mm-dd, the deployment's zone), interval only; default 3 months before `to`, never before the referral"),
  to: described(z.optional(localDateSchema), "Last day (yyyy-mm-dd), interval only; default today, never after it"),
  format: described(z.optional(z.enum(["pdf", "html"])), "Default pdf"),
  locale: described(z.optional(localeSchema), "nb or en; default the team's language"),
});

/**
 * Headers of a report: what it is and what a saved copy is called (the participant's id, the
 * kind and the period: never a code or a name), never cached, and for HTML a policy that lets
 * nothing but its own inline style run.
 */
function reportHeaders(contentType: string, filename: string): Record<string, string> {
  return {
    "content-type": contentType,
    "content-disposition": `inline; filename="${filename}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...(contentType.startsWith("text/html") ? { "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" } : {}),
  };
}

/**
 * A participant's interval and end reports, served by the reports function (`render` is its
 * renderer). The api's route table lists them too, for the OpenAPI document, without a renderer:
 * the api function never serves them.
 */
export function participantReportRoutes(deps: () => Deps, render?: typeof participantReport): Route[] {
  const { readableParticipant } = requests(deps);
  const report = reportRoute("/participants/{id}/report");
  return [
    route({
      method: report.method,
      path: report.path,
      function: "reports",
      summary:
        "A participant's interval or end report as PDF or HTML (its specialist, its team, admin; 410 once erased): activities, employer contacts, work and school, phase changes and the coded exit reason, by code only; audited",
      query: reportQuery,
      responses: { 200: "The report (application/pdf or text/html)", 410: "The participant was erased" },
      produces: ["application/pdf", "text/html"],
      handler: async (event, input): Promise<ApiResult> => {
        const { participant } = await readableParticipant(event);
        const query = input.query();
        if (!render) throw new Error("the reports function renders reports");
        const rendered = await render(deps(), participant, { ...query, format: query.format ?? "pdf" });
        await writeAudit(deps(), { ...callerOf(event), action: "participant.report", target: participant.id });
        if (rendered.format === "html") {
          return { statusCode: 200, headers: reportHeaders("text/html; charset=utf-8", rendered.filename), body: rendered.html };
        }
        // API Gateway's HTTP API passes a binary answer as base64 and decodes it for the client.
        return {
          statusCode: 200,
          headers: reportHeaders("application/pdf", rendered.filename),
          body: Buffer.from(rendered.pdf).toString("base64"),
          isBase64Encoded: true,
        };
      },
    }),
  ];
}
