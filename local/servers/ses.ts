import * as sesLocal from "aws-ses-v2-local";
import type { RunningServer } from "./dynamodb";

/**
 * aws-ses-v2-local on loopback: it accepts SESv2 SendEmail and shows captured mail in its web
 * inbox (`/`) and as JSON (`GET /store`). Mail is kept in memory only.
 */
// The package is CommonJS with a default export: Node's ESM loader wraps it once more than
// bundlers do, so take the function from wherever this loader put it.
type StartServer = typeof sesLocal.default;
const startSesServer: StartServer =
  (sesLocal.default as unknown as { default?: StartServer }).default ?? sesLocal.default;

export async function startSes(options: { port: number }): Promise<RunningServer> {
  const server = await startSesServer({ host: "127.0.0.1", port: options.port });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
