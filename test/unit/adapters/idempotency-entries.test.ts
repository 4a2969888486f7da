import { describe, expect, it } from "vitest";
import { idempotencyEntry, parseIdempotencyEntry, rememberEntry } from "../../../adapters/dynamodb/idempotency";

const day = 86_400_000;
const now = new Date("2027-03-01T10:00:00Z");

describe("the profile's list of stored answers that hold the participant's data", () => {
  it("names each record with its expiry, and reads entries stored before they carried one", () => {
    const entry = idempotencyEntry("events:01ABC", "client#key-1", now);
    expect(parseIdempotencyEntry(entry)).toEqual({ scope: "events:01ABC", key: "client#key-1", expiresAt: now.getTime() / 1000 + 7 * 86_400 });
    expect(parseIdempotencyEntry("participants#k-9")).toEqual({ scope: "participants", key: "k-9" });
  });

  it("drops the entries whose records expired more than 30 days ago, keeps the rest and those without an expiry", () => {
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * day);
    const recent = idempotencyEntry("events:P", "recent", at(10)); // expired 3 days ago
    const edge = idempotencyEntry("events:P", "edge", at(37)); // expired 30 days ago
    const old = idempotencyEntry("events:P", "old", at(38)); // expired 31 days ago
    const legacy = "events:P#legacy";
    const fresh = idempotencyEntry("events:P", "fresh", now);
    expect([...rememberEntry([recent, edge, old, legacy], fresh, now)].sort()).toEqual([recent, edge, legacy, fresh].sort());
    expect([...rememberEntry(undefined, fresh, now)]).toEqual([fresh]);
  });
});
