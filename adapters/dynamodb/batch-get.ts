import { BatchGetCommand, GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Deps } from "../deps";

type Key = { pk: string; sk: string };

/** DynamoDB's most keys in one BatchGetItem. */
const maxKeys = 100;

/**
 * Several items by key in as few requests as DynamoDB allows (one per 100 keys), each item under
 * its key (`pk` and `sk` joined by a space); a missing item is absent. A key the table leaves
 * unprocessed (it throttles) is read on its own, so the caller always gets the whole answer.
 */
export async function getItems(deps: Pick<Deps, "db" | "tableName">, keys: Key[], options: { consistent?: boolean } = {}): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  // DynamoDB refuses a request that names a key twice.
  const unique = [...new Map(keys.map((key) => [keyOf(key), { pk: key.pk, sk: key.sk }])).values()];
  for (let start = 0; start < unique.length; start += maxKeys) {
    const chunk = unique.slice(start, start + maxKeys);
    const out = await deps.db.send(new BatchGetCommand({ RequestItems: { [deps.tableName]: { Keys: chunk, ConsistentRead: options.consistent } } }));
    for (const item of out.Responses?.[deps.tableName] ?? []) found.set(keyOf(item as Key), item);
    for (const key of (out.UnprocessedKeys?.[deps.tableName]?.Keys ?? []) as Key[]) {
      const one = await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: { pk: key.pk, sk: key.sk }, ConsistentRead: options.consistent }));
      if (one.Item) found.set(keyOf(key), one.Item);
    }
  }
  return found;
}

/** How `getItems` files an item: its partition and sort key. */
export const keyOf = (key: Key): string => `${key.pk} ${key.sk}`;
