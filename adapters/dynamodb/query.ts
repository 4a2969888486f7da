import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Deps } from "../deps";

/** Runs a Query to the end, following LastEvaluatedKey. */
export async function queryAll(
  deps: Pick<Deps, "db" | "tableName">,
  input: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await deps.db.send(new QueryCommand({ ...input, TableName: deps.tableName, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
