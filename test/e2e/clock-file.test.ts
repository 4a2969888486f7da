import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestSystem } from "../support/system";

const dataDir = mkdtempSync(join(tmpdir(), "ipsflow-clock-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("the saved virtual time", () => {
  it("starts after a kill that left the clock file half-written, and saves the time whole", async () => {
    // What a SIGKILL in the middle of writing leaves behind.
    writeFileSync(join(dataDir, "clock.json"), "");
    const system = await startTestSystem({ dataDir });
    try {
      expect(system.clock.now().toISOString()).toBe("2026-11-02T09:00:00.000Z");
      await system.api.advance({ days: 1 });
      expect(JSON.parse(readFileSync(join(dataDir, "clock.json"), "utf8"))).toEqual({ now: "2026-11-03T09:00:00.000Z" });
    } finally {
      await system.stop();
    }
  });
});
