/**
 * The routes the reports function serves: a participant's reports (which render with the PDF
 * library), the team's fidelity self-score and the quarterly outcome reports (which read a
 * quarter of every team's records). The api's route table declares them too, for the OpenAPI
 * document, without their implementations (participant-report-routes.ts, fidelity-routes.ts,
 * outcome-routes.ts), and API Gateway and the local server send them here.
 */
export const reportRoutes = [
  { method: "GET", path: "/participants/{id}/report" },
  { method: "GET", path: "/teams/{id}/fidelity" },
  { method: "GET", path: "/reports/outcomes" },
  { method: "GET", path: "/reports/outcomes/quarters" },
] as const;

/** The declared route of `path` in the list above. */
export function reportRoute<P extends (typeof reportRoutes)[number]["path"]>(path: P) {
  return reportRoutes.find((r) => r.path === path)! as Extract<(typeof reportRoutes)[number], { path: P }>;
}
