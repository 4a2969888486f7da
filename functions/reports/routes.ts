/**
 * The routes the reports function serves: a participant's reports (which render with the PDF
 * library), the team's fidelity self-score and the quarterly outcome reports (which read a
 * quarter of every team's records), and the weekly summary's figures and its email rendered for a
 * preview (the figures' code and the email templates). The api's route table declares them too, for the OpenAPI
 * document, without their implementations (participant-report-routes.ts, fidelity-routes.ts,
 * outcome-routes.ts, summary-routes.ts), and API Gateway and the local server send them here.
 */
export const reportRoutes = [
  { method: "GET", path: "/participants/{id}/report" },
  { method: "GET", path: "/teams/{id}/fidelity" },
  { method: "GET", path: "/reports/outcomes" },
  { method: "GET", path: "/reports/outcomes/quarters" },
  { method: "GET", path: "/teams/{id}/summary" },
  { method: "GET", path: "/teams/{id}/summary/preview" },
] as const;

/** The declared route of `path` in the list above. */
export function reportRoute<P extends (typeof reportRoutes)[number]["path"]>(path: P) {
  return reportRoutes.find((r) => r.path === path)! as Extract<(typeof reportRoutes)[number], { path: P }>;
}
