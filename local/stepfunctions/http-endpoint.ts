import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import * as z from "zod";
import { SfnError } from "./errors";
import type { LocalStepFunctions } from "./local-step-functions";

/**
 * The AWS JSON 1.0 protocol of Step Functions on loopback: POST with
 * `X-Amz-Target: AWSStepFunctions.<Operation>` and a JSON body; dates travel as epoch seconds;
 * errors as HTTP 400 with `__type` (and the `x-amzn-errortype` header), which
 * `@aws-sdk/client-sfn` turns into its typed exceptions.
 */

const CONTENT_TYPE = "application/x-amz-json-1.0";
const TARGET_PREFIX = "AWSStepFunctions.";

const status = z.enum(["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"]);
const pageRequest = { maxResults: z.number().int().min(0).max(1000).optional(), nextToken: z.string().min(1).max(1024).optional() };
const arn = z.string().min(1).max(256);
/** Whether an encrypted definition is returned; nothing is encrypted locally, so both answer alike. */
const includedData = z.enum(["ALL_DATA", "METADATA_ONLY"]).optional();

interface Operation {
  request: z.ZodType;
  run: (sfn: LocalStepFunctions, request: never) => Promise<unknown>;
}

const operation = <Schema extends z.ZodType>(
  request: Schema,
  run: (sfn: LocalStepFunctions, request: z.infer<Schema>) => Promise<unknown>,
): Operation => ({ request, run });

const noContent = async (send: Promise<void>) => {
  await send;
  return {};
};

const taskToken = z.string().min(1).max(2048);

const operations: Record<string, Operation> = {
  StartExecution: operation(
    z.object({ stateMachineArn: z.string().min(1), name: z.string().optional(), input: z.string().optional() }),
    (sfn, request) => sfn.startExecution(request),
  ),
  DescribeExecution: operation(z.object({ executionArn: z.string().min(1) }), (sfn, request) => sfn.describeExecution(request)),
  ListExecutions: operation(
    z.object({ stateMachineArn: z.string().min(1), statusFilter: status.optional(), ...pageRequest }),
    (sfn, request) => sfn.listExecutions(request),
  ),
  StopExecution: operation(
    z.object({ executionArn: z.string().min(1), error: z.string().optional(), cause: z.string().optional() }),
    (sfn, request) => sfn.stopExecution(request),
  ),
  GetExecutionHistory: operation(
    z.object({ executionArn: z.string().min(1), reverseOrder: z.boolean().optional(), ...pageRequest }),
    (sfn, request) => sfn.getExecutionHistory(request),
  ),
  SendTaskSuccess: operation(z.object({ taskToken, output: z.string() }), (sfn, request) =>
    noContent(sfn.sendTaskSuccess(request)),
  ),
  SendTaskFailure: operation(
    z.object({ taskToken, error: z.string().optional(), cause: z.string().optional() }),
    (sfn, request) => noContent(sfn.sendTaskFailure(request)),
  ),
  SendTaskHeartbeat: operation(z.object({ taskToken }), (sfn, request) => noContent(sfn.sendTaskHeartbeat(request))),
  ListStateMachines: operation(z.object({ ...pageRequest }), (sfn, request) => sfn.listStateMachines(request)),
  DescribeStateMachine: operation(z.object({ stateMachineArn: arn, includedData }), (sfn, request) => sfn.describeStateMachine(request)),
  DescribeStateMachineForExecution: operation(z.object({ executionArn: arn, includedData }), (sfn, request) =>
    sfn.describeStateMachineForExecution(request),
  ),
};

/** JSON with Date values as epoch seconds, the protocol's timestamp format. */
function encode(body: unknown): string {
  return JSON.stringify(body, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : value;
  });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

async function handle(sfn: LocalStepFunctions, request: IncomingMessage): Promise<{ status: number; body: unknown }> {
  const target = String(request.headers["x-amz-target"] ?? "");
  const text = await readBody(request);
  const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : "";
  if (request.method !== "POST" || !Object.hasOwn(operations, name)) {
    throw new SfnError("UnknownOperationException", `operation not supported by the local endpoint: ${target || "(none)"}`);
  }
  const { request: schema, run } = operations[name];
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new SfnError("ValidationException", "request body is not valid JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new SfnError("ValidationException", z.prettifyError(parsed.error));
  return { status: 200, body: await run(sfn, parsed.data as never) };
}

function send(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const headers: Record<string, string> = { "content-type": CONTENT_TYPE };
  if (errorType) headers["x-amzn-errortype"] = errorType;
  response.writeHead(status, headers);
  response.end(encode(body));
}

export async function serveStepFunctions(
  sfn: LocalStepFunctions,
  options: { port: number; host: string; onRequest: () => void; onResponse: () => void },
): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    // A request in flight is pending work: the clock must not move on before it is answered.
    options.onRequest();
    handle(sfn, request)
      .then(
        ({ status, body }) => send(response, status, body),
        (error: unknown) => {
          if (error instanceof SfnError) send(response, 400, { __type: error.type, message: error.message }, error.type);
          else send(response, 500, { __type: "InternalFailure", message: (error as Error)?.message ?? String(error) }, "InternalFailure");
        },
      )
      .finally(options.onResponse);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const hostForUrl = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    endpoint: `http://${hostForUrl}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
