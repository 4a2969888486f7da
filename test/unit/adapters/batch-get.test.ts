import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { getItems, keyOf } from "../../../adapters/dynamodb/batch-get";
import { testClock, testDeps } from "../../support/deps";
import type { Deps } from "../../../adapters/deps";

/** Items by key through DynamoDB Local: more keys than one request takes, a key named twice, a missing one. */
let deps: Deps;
beforeAll(async () => {
  deps = await testDeps({ clock: testClock("2026-11-02T10:00:00.000Z") });
});
afterAll(() => deps?.db.destroy());

describe("several items by key", () => {
  it("reads 150 keys in two requests, a key named twice once, and leaves out what is not there", async () => {
    const keys = Array.from({ length: 150 }, (_, i) => ({ pk: `BATCH#${i}`, sk: "PROFILE" }));
    for (const key of keys.slice(0, 149)) await deps.db.send(new PutCommand({ TableName: deps.tableName, Item: { ...key, n: key.pk } }));
    const requests: string[] = [];
    const watched = { ...deps, db: { send: (command: { constructor: { name: string } }) => (requests.push(command.constructor.name), deps.db.send(command as never)) } };
    const items = await getItems(watched as unknown as Deps, [...keys, keys[0]]);
    expect(requests).toEqual(["BatchGetCommand", "BatchGetCommand"]);
    expect(items.size).toBe(149);
    expect(items.get(keyOf(keys[7]))).toMatchObject({ n: "BATCH#7" });
    expect(items.has(keyOf(keys[149]))).toBe(false);
  });
});
