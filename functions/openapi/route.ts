/** The one route the openapi function serves; API Gateway and the local server send it there, without a token. */
export const openApiRoute = { method: "GET", path: "/openapi.json" } as const;
