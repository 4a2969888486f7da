import startSesServer from "aws-ses-v2-local";
import type { RunningServer } from "./dynamodb";

/**
 * aws-ses-v2-local on loopback: it accepts SESv2 SendEmail and shows captured mail in its web
 * inbox (`/`) and as JSON (`GET /store`). Mail is kept in memory only.
 */
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
