import { afterEach, describe, expect, it, vi } from "vitest";
import { depsFromEnv } from "../../../adapters/deps";
import { sesClient } from "../../../adapters/clients/ses";
import { localDeployment } from "../../../core/config/deployment";

/** A function is given only the clients its role may call; using another one says so at once. */
describe("deps from the Lambda environment", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("has DynamoDB always, and SES or Step Functions only when the handler passes them", async () => {
    vi.stubEnv("IPSFLOW_DEPLOYMENT", JSON.stringify(localDeployment));
    vi.stubEnv("TABLE_NAME", "t");
    vi.stubEnv("AWS_REGION", "eu-north-1");
    const plain = depsFromEnv();
    expect(typeof plain.db.send).toBe("function");
    expect(() => plain.ses.send).toThrow("this function has no SES client");
    expect(() => plain.sfn.send).toThrow("this function has no Step Functions client");
    // Inspecting it (a logger, an await) does not throw.
    expect(await Promise.resolve(plain.sfn)).toBe(plain.sfn);
    const sending = depsFromEnv({ ses: sesClient });
    expect(typeof sending.ses.send).toBe("function");
  });
});
