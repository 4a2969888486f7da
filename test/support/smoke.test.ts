import { describe, expect, it, inject } from "vitest";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { localCredentials } from "../../local/servers/credentials";

describe("local servers", () => {
  it("DynamoDB Local answers through the real SDK", async () => {
    const client = new DynamoDBClient({ endpoint: inject("dynamodbEndpoint"), region: "eu-north-1", credentials: localCredentials });
    const out = await client.send(new ListTablesCommand({}));
    expect(Array.isArray(out.TableNames)).toBe(true);
  });
  it("the SES inbox answers", async () => {
    const res = await fetch(`${inject("sesEndpoint")}/store`);
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveProperty("emails");
  });
});
