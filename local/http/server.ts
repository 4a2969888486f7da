import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from "aws-lambda";
import { claimsFromDevToken, publicRoutes } from "./authorizer";

type ApiHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<unknown>;
export type LocalRoute = (req: IncomingMessage, body: string) => Promise<{ statusCode: number; body: unknown } | undefined>;

const MAX_BODY_BYTES = 256 * 1024;

/**
 * The local HTTP API: turns each request into the API Gateway HTTP API (payload 2.0) event that
 * the same `api` function receives in AWS. Local-only routes (the clock) are answered first.
 */
export function createApiServer(options: { api: ApiHandler; localRoutes?: LocalRoute }): Server {
  return createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const local = await options.localRoutes?.(req, body);
      if (local) return send(res, local.statusCode, JSON.stringify(local.body));
      const url = new URL(req.url ?? "/", "http://localhost");
      const method = (req.method ?? "GET").toUpperCase();
      const routeKey = `${method} ${url.pathname}`;
      const claims = claimsFromDevToken(req.headers.authorization);
      if (!claims && !publicRoutes.has(routeKey)) {
        return send(res, 401, JSON.stringify({ message: "Unauthorized: use Authorization: Bearer dev:<role>:<id>" }));
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([key, value]) => [key, Array.isArray(value) ? value.join(",") : (value ?? "")]),
      );
      const event = {
        version: "2.0",
        routeKey: "$default",
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers,
        queryStringParameters: url.search ? Object.fromEntries(url.searchParams) : undefined,
        body: body || undefined,
        isBase64Encoded: false,
        requestContext: {
          accountId: "000000000000",
          apiId: "local",
          domainName: req.headers.host ?? "localhost",
          domainPrefix: "local",
          requestId: crypto.randomUUID(),
          routeKey: "$default",
          stage: "$default",
          time: new Date().toISOString(),
          timeEpoch: Date.now(),
          http: { method, path: url.pathname, protocol: "HTTP/1.1", sourceIp: req.socket.remoteAddress ?? "", userAgent: req.headers["user-agent"] ?? "" },
          authorizer: { principalId: String(claims?.sub ?? ""), integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: [] } },
        },
      } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
      const result = (await options.api(event, {} as Context)) as { statusCode: number; headers?: Record<string, string>; body?: string };
      send(res, result.statusCode, result.body ?? "", result.headers);
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      send(res, status, JSON.stringify({ message: status === 500 ? "internal error" : (error as Error).message }));
    }
  });
}

function send(res: ServerResponse, statusCode: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(statusCode, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error("body: too large"), { statusCode: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
