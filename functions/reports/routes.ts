/**
 * The routes the reports function serves (functions/api/participant-report-routes.ts declares
 * them in the route table): API Gateway sends these to it (infra/constructs/api.ts).
 */
export const reportRoutes = [{ method: "GET", path: "/participants/{id}/report" }] as const;
