import type { Context } from "aws-lambda";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createHandler as api } from "../../../functions/api/handler";
import { createHandler as reports } from "../../../functions/reports/handler";
import { createHandler as openApi } from "../../../functions/openapi/handler";
import { createHandler as digestSend } from "../../../functions/digest-send/handler";
import { createHandler as digestSpecialists } from "../../../functions/digest-specialists/handler";
import { createHandler as journeyContinue } from "../../../functions/journey-continue/handler";
import { createHandler as journeyPark } from "../../../functions/journey-park/handler";
import { createHandler as journeyPlan } from "../../../functions/journey-plan/handler";
import { createHandler as journeyRecord } from "../../../functions/journey-record/handler";
import { createHandler as sesEvents } from "../../../functions/ses-events/handler";
import { createHandler as summarySend } from "../../../functions/summary-send/handler";
import { createHandler as summaryTeams } from "../../../functions/summary-teams/handler";
import { logger } from "../../../adapters/logging/logger";
import { functionName } from "../../../adapters/function-names";
import type { Deps } from "../../../adapters/deps";
import { functionSpecs } from "../../../infra/functions";
import { expectNoPersonalData } from "../../support/privacy";

/**
 * The invocation's context (request id, function name, ...) is handed over by the Lambda runtime
 * only: no local server covers that boundary (the local runtime and the workflow tests make one
 * up), so these tests build a `Context` as the runtime does and call the handlers with it.
 */
function lambdaContext(folder: string, awsRequestId: string): Context {
  const name = functionName("oslo", folder);
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: "7",
    invokedFunctionArn: `arn:aws:lambda:eu-north-1:111111111111:function:${name}:live`,
    memoryLimitInMB: "512",
    awsRequestId,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: "2026/11/03/[7]0123456789abcdef",
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

type Handler = (event: unknown, context: Context) => Promise<unknown>;
type LogLine = Record<string, unknown>;

/** Every log line written (the logger writes info to stdout, warnings and errors to stderr). */
function captureLogLines(): () => LogLine[] {
  const chunks: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(capture);
  vi.spyOn(process.stderr, "write").mockImplementation(capture);
  return () =>
    chunks
      .splice(0)
      .join("")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as LogLine);
}

const state = { version: 1, participantId: "01JPARTICIPANT", generation: 2, iteration: 3 };
const sns = (message: unknown) => ({ Records: [{ Sns: { Message: JSON.stringify(message) } }] });
const bounce = sns({
  eventType: "Bounce",
  mail: { messageId: "m-1", timestamp: "2026-11-03T08:00:00Z", destination: ["ola.nordmann@example.org"] },
  bounce: { bounceType: "Permanent", bouncedRecipients: [{ emailAddress: "ola.nordmann@example.org" }] },
});
const apiRequest = {
  version: "2.0",
  routeKey: "$default",
  rawPath: "/teams",
  rawQueryString: "",
  headers: {},
  isBase64Encoded: false,
  requestContext: {
    requestId: "api-gateway-request",
    routeKey: "$default",
    stage: "$default",
    http: { method: "GET", path: "/teams", protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: "test" },
    authorizer: { principalId: "admin-1", integrationLatency: 0, jwt: { claims: { sub: "admin-1", "cognito:groups": "[admin]" }, scopes: [] } },
  },
};

/**
 * Each handler with an input it accepts, so that it gets as far as asking for its deps. Most
 * handlers write no line of their own on a good day, so the deps (called inside the invocation)
 * write one, as any code a handler calls may; the api and ses-events write their own too.
 */
const cases: Array<{
  folder: string;
  create: (deps: () => Deps) => unknown;
  first: unknown;
  second?: unknown;
  ownLine?: string;
  /** Never asks for its deps (the openapi function reads nothing): only its own line is checked. */
  withoutDeps?: true;
}> = [
  { folder: "api", create: api, first: apiRequest, ownLine: "request failed" },
  // An event API Gateway never sends: the function fails it, and says so in its own line.
  { folder: "openapi", create: openApi, first: { version: "2.0" }, ownLine: "request failed", withoutDeps: true },
  {
    folder: "reports",
    create: reports,
    first: { ...apiRequest, rawPath: "/participants/01JPARTICIPANT/report", requestContext: { ...apiRequest.requestContext, http: { ...apiRequest.requestContext.http, path: "/participants/01JPARTICIPANT/report" } } },
    ownLine: "request failed",
  },
  { folder: "journey-plan", create: journeyPlan, first: { state, executionArn: "arn:exec", executionStartedAt: "2026-11-03T08:00:00Z" } },
  { folder: "journey-park", create: journeyPark, first: { state, taskToken: "token-1" } },
  { folder: "journey-record", create: journeyRecord, first: { state } },
  { folder: "journey-continue", create: journeyContinue, first: { state } },
  { folder: "digest-specialists", create: digestSpecialists, first: {} },
  { folder: "digest-send", create: digestSend, first: { specialistId: "01JSPECIALIST", date: "2026-11-03" } },
  { folder: "summary-teams", create: summaryTeams, first: { scheduledTime: "2026-11-09T07:00:00Z" } },
  { folder: "summary-send", create: summarySend, first: { teamId: "team-1", week: "2026-W45" } },
  // The second invocation records nothing, and says so in its own line.
  { folder: "ses-events", create: sesEvents, first: bounce, second: { Records: [] }, ownLine: "email events recorded" },
];

describe("every handler's log lines carry its invocation", () => {
  const level = logger.getLevelName();
  beforeAll(() => logger.setLogLevel("INFO"));
  afterAll(() => logger.setLogLevel(level));
  afterEach(() => vi.restoreAllMocks());

  it("covers every function of the stack", () => {
    expect(cases.map((c) => c.folder).sort()).toEqual(functionSpecs.map((spec) => spec.name).sort());
  });

  // One logger serves every handler: each case has its own request ids, so a handler without the
  // middleware shows the previous invocation's id (or none) and fails here.
  it.each(cases)("$folder: the request id, cold start and function on every line; keys appended in one invocation gone in the next", async (c) => {
    const lines = captureLogLines();
    let calls = 0;
    const deps = (): Deps => {
      calls += 1;
      if (calls === 1) logger.appendKeys({ participantId: "01JPARTICIPANT" });
      logger.warn("deps requested", { call: calls });
      throw new Error("no AWS in this test");
    };
    const handler = c.create(deps) as Handler;

    const ids = [`${c.folder}-request-1`, `${c.folder}-request-2`];
    await handler(c.first, lambdaContext(c.folder, ids[0])).catch(() => undefined);
    const first = lines();
    await handler(c.second ?? c.first, lambdaContext(c.folder, ids[1])).catch(() => undefined);
    const second = lines();

    for (const [written, id] of [
      [first, ids[0]],
      [second, ids[1]],
    ] as const) {
      expect(written.length, id).toBeGreaterThan(0);
      for (const line of written) {
        expect(line, id).toEqual(
          expect.objectContaining({
            function_request_id: id,
            function_name: functionName("oslo", c.folder),
            function_arn: `arn:aws:lambda:eu-north-1:111111111111:function:${functionName("oslo", c.folder)}:live`,
            cold_start: expect.any(Boolean),
          }),
        );
      }
    }
    if (!c.withoutDeps) expect(first.some((line) => line.participantId === "01JPARTICIPANT")).toBe(true);
    if (c.withoutDeps) expect(calls).toBe(0);
    else expect(calls).toBeGreaterThan(0);
    for (const line of second) expect(line).not.toHaveProperty("participantId");
    if (c.ownLine) expect(second.map((line) => line.message)).toContain(c.ownLine);
  });
});

describe("the invocation's keys", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("mark the first invocation of a fresh process as its cold start, and only that one", async () => {
    // Set by the Lambda runtime in an on-demand execution environment; Powertools reports no cold start without it.
    vi.stubEnv("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    vi.resetModules();
    const fresh = await import("../../../functions/journey-continue/handler");
    const { logger: freshLogger } = await import("../../../adapters/logging/logger");
    const lines = captureLogLines();
    const handler = fresh.createHandler(() => {
      freshLogger.warn("deps requested");
      throw new Error("no AWS in this test");
    }) as unknown as Handler;
    for (const id of ["cold", "warm-1", "warm-2"]) await handler({ state }, lambdaContext("journey-continue", id)).catch(() => undefined);
    expect(lines().map((line) => [line.function_request_id, line.cold_start])).toEqual([
      ["cold", true],
      ["warm-1", false],
      ["warm-2", false],
    ]);
  });

  it("never include the event, even when POWERTOOLS_LOGGER_LOG_EVENT asks for it", async () => {
    vi.stubEnv("POWERTOOLS_LOGGER_LOG_EVENT", "true");
    vi.resetModules();
    const fresh = await import("../../../functions/ses-events/handler");
    const lines = captureLogLines();
    const handler = fresh.createHandler(() => {
      throw new Error("no AWS in this test");
    }) as unknown as Handler;
    await handler(bounce, lambdaContext("ses-events", "with-event")).catch(() => undefined);
    await handler({ Records: [] }, lambdaContext("ses-events", "without-records")).catch(() => undefined);
    const written = lines();
    // The SNS message is a string: no field filter could take the address out of it.
    expectNoPersonalData(JSON.stringify(written), ["ola.nordmann@example.org"]);
    expect(written.map((line) => line.message)).not.toContain("Lambda invocation event");
  });
});
