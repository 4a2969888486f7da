import { describe, expect, it } from "vitest";
import { routes } from "../../../functions/api/routes";
import { routeKey } from "../../../functions/api/route";
import { openApiDocument } from "../../../functions/api/openapi";

/** The OpenAPI document is generated from the route table: every route is in it, and nothing else. */
const table = routes(() => {
  throw new Error("no handler runs here");
});
type Operation = {
  summary?: string;
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, unknown>;
};
const document = openApiDocument(table) as { paths: Record<string, Record<string, Operation>> };
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })),
);
const operation = (key: string) => operations.find((o) => o.key === key)!.operation;

describe("the OpenAPI document", () => {
  it("documents exactly the routes the API serves, each with a summary and its answers", () => {
    expect(operations.map((o) => o.key).sort()).toEqual(table.map(routeKey).sort());
    for (const { key, operation } of operations) {
      expect(operation.summary, key).toMatch(/\w/);
      expect(Object.keys(operation.responses).length, key).toBeGreaterThan(0);
    }
  });

  it("takes parameters and bodies from the schemas the routes parse with", () => {
    const params = (key: string) => (operation(key).parameters ?? []).map((p) => `${p.in}:${p.name}${p.required ? "!" : ""}`).sort();
    expect(params("GET /teams/{id}/summary")).toEqual(["path:id!", "query:week"]);
    expect(params("GET /teams/{id}/summary/preview")).toEqual(["path:id!", "query:format", "query:week"]);
    expect(params("POST /participants/{id}/events")).toEqual(["header:Idempotency-Key!", "path:id!"]);
    expect(params("POST /participants")).toEqual(["header:Idempotency-Key"]);
    expect(params("GET /admin/audit")).toEqual(["query:since"]);
    expect(operation("POST /participants/{id}/events").requestBody?.content["application/json"].schema.$ref).toBe("#/components/schemas/Event");
    expect(operation("POST /teams").requestBody?.content["application/json"].schema.$ref).toBe("#/components/schemas/CreateTeam");
    expect(operation("GET /teams").requestBody).toBeUndefined();
  });

  it("marks the public routes as needing no token, and only them", () => {
    const open = operations.filter((o) => Array.isArray(o.operation.security) && o.operation.security.length === 0).map((o) => o.key);
    expect(open).toEqual(table.filter((r) => r.public).map(routeKey));
    expect(open).toEqual(["GET /openapi.json"]);
  });
});

describe("answers that are not JSON only", () => {
  it("names their media types", () => {
    const types = (key: string) => Object.keys((operation(key).responses["200"] as { content: Record<string, unknown> }).content).sort();
    expect(types("GET /reports/outcomes")).toEqual(["application/json", "text/csv"]);
    expect(types("GET /participants/{id}/report")).toEqual(["application/pdf", "text/html"]);
    expect(types("GET /teams")).toEqual(["application/json"]);
  });
});
