import type { IncomingMessage, ServerResponse } from "node:http";
import type { Clock } from "../../core/clock";
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from "aws-lambda";
import type { Claims } from "../../core/access/principal";
import { claimsFromDevToken, publicRoutes } from "./authorizer";

type ApiHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<unknown>;
export type LocalRoute = (req: IncomingMessage, body: string) => Promise<{ statusCode: number; body: unknown } | undefined>;

const MAX_BODY_BYTES = 256 * 1024;
/** API Gateway refuses bodies over 10 MB outright. */
const DISCARD_LIMIT_BYTES = 10 * 1024 * 1024;

export interface ApiListenerOptions {
  api: ApiHandler;
  localRoutes?: LocalRoute;
  /** The system's clock: the `Date` header carries it, so the web app follows virtual time. */
  clock: Clock;
  /** The web app's origin: browsers may call the API from there only (API Gateway's CORS, locally). */
  allowedOrigin: string;
  /** Besides dev tokens: the claims of a sign-in provider's JWT (see jwtAuthorizer), if one is configured. */
  verifyJwt?: (authorization: string | undefined) => Promise<Claims | undefined>;
}

/**
 * The local HTTP API: turns each request into the API Gateway HTTP API (payload 2.0) event that
 * the same `api` function receives in AWS. Local-only routes (the clock) are answered first.
 */
export function apiListener(options: ApiListenerOptions) {
  const send = (req: IncomingMessage, res: ServerResponse, statusCode: number, body: string | Buffer, headers: Record<string, string> = {}) => {
    res.writeHead(statusCode, {
      "content-type": "application/json; charset=utf-8",
      date: options.clock.now().toUTCString(),
      ...corsHeaders(req, options.allowedOrigin),
      ...headers,
    });
    res.end(body);
  };
  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      if (req.method === "OPTIONS") return preflight(req, res, options.allowedOrigin);
      const body = await readBody(req);
      const local = await options.localRoutes?.(req, body);
      if (local) return send(req, res, local.statusCode, JSON.stringify(local.body));
      const url = new URL(req.url ?? "/", "http://localhost");
      const method = (req.method ?? "GET").toUpperCase();
      const routeKey = `${method} ${url.pathname}`;
      const claims = claimsFromDevToken(req.headers.authorization) ?? (await options.verifyJwt?.(req.headers.authorization));
      if (!claims && !publicRoutes.has(routeKey)) {
        return send(req, res, 401, JSON.stringify({ message: "Unauthorized: use Authorization: Bearer dev:<role>:<id>" }));
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
      const result = (await options.api(event, {} as Context)) as { statusCode: number; headers?: Record<string, string>; body?: string; isBase64Encoded?: boolean };
      // As API Gateway does: a base64-encoded answer (a PDF) reaches the client as its bytes.
      send(req, res, result.statusCode, result.isBase64Encoded ? Buffer.from(result.body ?? "", "base64") : (result.body ?? ""), result.headers);
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      send(req, res, status, JSON.stringify({ message: status === 500 ? "internal error" : (error as Error).message }));
    }
  };
}

/** What API Gateway's CORS configuration answers (see infra/constructs/api.ts): one origin, GET and POST. */
const corsAllowed = { methods: "GET, POST, DELETE", headers: "authorization, content-type, idempotency-key", exposed: "date, content-disposition", maxAge: "3600" };

function corsHeaders(req: IncomingMessage, allowedOrigin: string): Record<string, string> {
  if (req.headers.origin !== allowedOrigin) return {};
  return { "access-control-allow-origin": allowedOrigin, "access-control-expose-headers": corsAllowed.exposed, vary: "origin" };
}

function preflight(req: IncomingMessage, res: ServerResponse, allowedOrigin: string) {
  const allowed = req.headers.origin === allowedOrigin;
  res.writeHead(allowed ? 204 : 403, {
    ...corsHeaders(req, allowedOrigin),
    ...(allowed
      ? { "access-control-allow-methods": corsAllowed.methods, "access-control-allow-headers": corsAllowed.headers, "access-control-max-age": corsAllowed.maxAge }
      : {}),
  });
  res.end();
}

/**
 * The request body, up to MAX_BODY_BYTES. A larger one is read to its end and thrown away (so the
 * client gets its answer instead of a reset connection) and answered 413; only beyond
 * DISCARD_LIMIT_BYTES, far past anything API Gateway accepts, is the connection dropped.
 */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > DISCARD_LIMIT_BYTES) {
        req.destroy();
        return;
      }
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error(`body: too large (at most ${MAX_BODY_BYTES / 1024} KB)`), { statusCode: 413 }));
        return;
      }
      resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", reject);
  });
}
