import type { IncomingMessage, ServerResponse } from "node:http";
import { extname } from "node:path";
import { contentSecurityPolicy, webAppPaths, type WebAppConfig } from "../../core/config/web-app";
import type { WebAppFile } from "../../web/build";

/** Where the app may send requests: the API, and the sign-in provider's endpoints (discovery, token). */
const connectOrigins = (config: WebAppConfig): string[] => [
  ...new Set([
    new URL(config.apiUrl).origin,
    ...(config.auth.mode === "cognito" ? [new URL(config.auth.authority).origin, new URL(config.auth.signInDomain).origin] : []),
  ]),
];

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
};

/**
 * The local stand-in for CloudFront in front of the app's bucket: the built files from memory,
 * `config.json` for this runtime, the app's page for every other path (deep links such as
 * `/participants/{id}` from an email), and the same security headers the stack sets.
 */
export function webAppListener(options: { files: WebAppFile[]; config: WebAppConfig }) {
  const files = new Map(options.files.map((file) => [`/${file.path}`, file.contents]));
  files.set(webAppPaths.config, new TextEncoder().encode(JSON.stringify(options.config)));
  const index = files.get("/index.html");
  if (!index) throw new Error("web app: the build has no index.html");
  const headers = {
    "content-security-policy": contentSecurityPolicy(connectOrigins(options.config)),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { ...headers, allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" });
      return res.end("method not allowed");
    }
    const file = files.get(path);
    if (!file && path.startsWith("/assets/")) {
      res.writeHead(404, { ...headers, "content-type": "text/plain; charset=utf-8" });
      return res.end("not found");
    }
    const body = file ?? index;
    res.writeHead(200, {
      ...headers,
      "content-type": contentTypes[extname(file ? path : "/index.html")] ?? "application/octet-stream",
      "content-length": body.byteLength,
      // Assets are named by their content; the page and the config are read fresh every time.
      "cache-control": path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  };
}
