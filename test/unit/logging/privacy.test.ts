import { afterEach, describe, expect, it, vi } from "vitest";
import { dropPersonalFields, logger } from "../../../adapters/logging/logger";
import { expectNoPersonalData } from "../../support/privacy";

describe("logs carry no personal or health data", () => {
  afterEach(() => vi.restoreAllMocks());

  it("drops personal fields however deeply they are nested", () => {
    const cleaned = dropPersonalFields({
      participantId: "01ABC",
      participant: { code: "K.L.", name: "Kari Nordmann", preferences: { jobs: ["butikk"] }, phase: "referral" },
      events: [{ type: "exit", reason: "innlagt, schizofreni" }],
      email: { to: ["kari@example.org"], subject: "IPS", html: "<p>x</p>" },
    });
    expect(cleaned).toEqual({ participantId: "01ABC", participant: { phase: "referral" }, events: [{ type: "exit" }] });
  });

  it("writes log lines without them", () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    logger.setLogLevel("INFO");
    logger.info("event recorded", { participantId: "01ABC", code: "K.L.", reason: "depresjon", event: { type: "exit", reason: "schizofreni" } });
    const output = lines.join("");
    expect(output).toContain("event recorded");
    expect(output).toContain("01ABC");
    expectNoPersonalData(output, ["K.L.", "depresjon", "schizofreni"]);
  });
});
