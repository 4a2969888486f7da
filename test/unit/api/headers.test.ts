import { describe, expect, it } from "vitest";
import { createHandler } from "../../../functions/api/handler";

/** API Gateway passes header names as the client wrote them; the API reads them in any case. */
describe("request headers", () => {
  it("finds Idempotency-Key whatever its case", async () => {
    // No clients: the key is checked before anything is read or written.
    const api = createHandler(() => ({}) as never);
    const event = {
      version: "2.0",
      routeKey: "POST /teams",
      rawPath: "/teams",
      requestContext: { http: { method: "POST", path: "/teams" }, authorizer: { jwt: { claims: { "cognito:groups": "[admin]", sub: "a" } } } },
      headers: { "IDEMPOTENCY-KEY": "two words", "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Team Øst", emails: ["ost@example.org"] }),
      isBase64Encoded: false,
    };
    const res = await api(event as never, { awsRequestId: "headers", functionName: "api" } as never);
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).message).toBe("Idempotency-Key: must be printable ASCII without spaces");
  });
});
