import type { IncomingMessage } from "node:http";
import * as z from "zod";
import type { VirtualClock } from "../clock/virtual-clock";
import type { LocalRoute } from "./server";

/**
 * The local-only clock routes. `POST /local/clock/advance` answers only after every timer,
 * workflow step and email due up to the new time has run.
 */
const advanceSchema = z.union([
  z.object({ days: z.number().positive().max(3660) }).strict(),
  z.object({ hours: z.number().positive().max(87_840) }).strict(),
  z.object({ to: z.iso.datetime({ offset: true }) }).strict(),
]);

export function clockRoutes(clock: VirtualClock, saved: () => void): LocalRoute {
  return async (req: IncomingMessage, body: string) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === "/local/clock" && req.method === "GET") return { statusCode: 200, body: { now: clock.now().toISOString() } };
    if (path !== "/local/clock/advance") return undefined;
    if (req.method !== "POST") return { statusCode: 405, body: { message: "use POST" } };
    let json: unknown;
    try {
      json = JSON.parse(body || "null");
    } catch {
      return { statusCode: 400, body: { message: "body: must be valid JSON" } };
    }
    const parsed = advanceSchema.safeParse(json);
    if (!parsed.success) {
      return { statusCode: 400, body: { message: 'body: give exactly one of {"days": n}, {"hours": n} or {"to": "<ISO instant>"}' } };
    }
    const input = parsed.data;
    if ("to" in input) {
      const target = new Date(input.to);
      if (target < clock.now()) return { statusCode: 400, body: { message: "to: must not be before the current time" } };
      await clock.advance(target);
    } else {
      await clock.advanceBy(input);
    }
    saved();
    return { statusCode: 200, body: { now: clock.now().toISOString() } };
  };
}
