import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the proxy does with one request: pass it on, or answer in the service's place. */
export type ProxyDecision = "forward" | { status: number; headers?: Record<string, string>; body: string };

export interface FaultProxy {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * An HTTP hop in front of a local AWS endpoint (SES, Step Functions) that answers some requests
 * itself, as the real service sometimes does (a throttle), or swallows them (a lost call): the SDK
 * clients of the functions talk to it as they would to AWS and never know.
 */
export async function startFaultProxy(target: string, decide: (req: IncomingMessage) => ProxyDecision): Promise<FaultProxy> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      const decision = decide(req);
      if (decision !== "forward") {
        res.writeHead(decision.status, { "content-type": "application/json", ...decision.headers });
        res.end(decision.body);
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined || name === "host" || name === "connection" || name === "content-length") continue;
        headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      }
      const answer = await fetch(new URL(req.url ?? "/", target), {
        method: req.method,
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      });
      const body = Buffer.from(await answer.arrayBuffer());
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (name !== "content-encoding" && name !== "transfer-encoding" && name !== "connection" && name !== "content-length") out[name] = value;
      });
      res.writeHead(answer.status, out);
      res.end(body);
    } catch (error) {
      res.writeHead(502, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: `fault proxy: ${(error as Error).message}` }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
