import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiListener } from "../../local/http/server";
import { fixedClock } from "../../core/clock";

/**
 * The local HTTP server answers as API Gateway's HTTP API does: an answer the function marks
 * `isBase64Encoded` (a PDF) reaches the client as the decoded bytes, any other as its text.
 */
const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0xfe, 0x80, 0x0a, 0xe6, 0xf8, 0xe5]);
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer(
    apiListener({
      clock: fixedClock("2026-11-02T09:00:00Z"),
      allowedOrigin: "http://127.0.0.1:1",
      api: async (event) =>
        event.rawPath === "/binary"
          ? { statusCode: 200, headers: { "content-type": "application/pdf" }, body: bytes.toString("base64"), isBase64Encoded: true }
          : { statusCode: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: "æøå as text", isBase64Encoded: false },
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the local API's answers", () => {
  it("decodes a base64-encoded body to its bytes, as API Gateway does", async () => {
    const res = await fetch(`${base}/binary`, { headers: { authorization: "Bearer dev:admin" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });

  it("passes any other body on as it is", async () => {
    const res = await fetch(`${base}/text`, { headers: { authorization: "Bearer dev:admin" } });
    expect(await res.text()).toBe("æøå as text");
  });
});
