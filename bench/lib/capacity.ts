import { AsyncLocalStorage } from "node:async_hooks";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/**
 * Counts the DynamoDB capacity a piece of code consumes. The repository does not ask for
 * ConsumedCapacity, so a middleware on the client adds ReturnConsumedCapacity=TOTAL to every
 * request and sums the answers. A DynamoDBDocumentClient shares its middleware stack with the
 * client it wraps, and its commands run the low-level commands underneath, so request names are
 * the low-level ones (GetItemCommand, TransactWriteItemsCommand, ...).
 *
 * Usage is split into scopes: whatever runs inside `meterScope.run(name, ...)` (and everything it
 * awaits) is counted under `name`, the rest under "other".
 *
 * A write refused by its condition answers with an error and no ConsumedCapacity, yet DynamoDB
 * bills it (at least 1 WRU; a cancelled transaction 2 WRU per item). Those are counted apart, at
 * that minimum, as `refusedWrites` / `refusedWriteUnits`.
 */
export const meterScope = new AsyncLocalStorage<string>();

const readCommands = new Set(["GetItemCommand", "QueryCommand", "ScanCommand", "BatchGetItemCommand", "TransactGetItemsCommand"]);
const writeCommands = new Set([
  "PutItemCommand",
  "UpdateItemCommand",
  "DeleteItemCommand",
  "BatchWriteItemCommand",
  "TransactWriteItemsCommand",
]);

export interface Usage {
  /** Read request units, as DynamoDB reported them. */
  read: number;
  /** Write request units, as DynamoDB reported them. */
  write: number;
  /** Conditional writes and transactions refused by their condition. */
  refusedWrites: number;
  /** What those refusals are billed at the least. */
  refusedWriteUnits: number;
  /** Requests by low-level command name. */
  requests: Map<string, number>;
}

const emptyUsage = (): Usage => ({ read: 0, write: 0, refusedWrites: 0, refusedWriteUnits: 0, requests: new Map() });

export function addUsage(into: Usage, from: Usage): Usage {
  into.read += from.read;
  into.write += from.write;
  into.refusedWrites += from.refusedWrites;
  into.refusedWriteUnits += from.refusedWriteUnits;
  for (const [name, n] of from.requests) into.requests.set(name, (into.requests.get(name) ?? 0) + n);
  return into;
}

type ConsumedCapacity = { CapacityUnits?: number } | Array<{ CapacityUnits?: number }> | undefined;

export class CapacityMeter {
  readonly #byScope = new Map<string, Usage>();

  /** Starts counting every request the client sends from now on. */
  attach(client: DynamoDBClient | DynamoDBDocumentClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as Record<string, unknown>;
        const name = context.commandName ?? "unknown";
        if (readCommands.has(name) || writeCommands.has(name)) input.ReturnConsumedCapacity = "TOTAL";
        const usage = this.#usage(meterScope.getStore() ?? "other");
        usage.requests.set(name, (usage.requests.get(name) ?? 0) + 1);
        try {
          const result = await next(args);
          const consumed = (result.output as { ConsumedCapacity?: ConsumedCapacity }).ConsumedCapacity;
          const units = [consumed ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
          if (readCommands.has(name)) usage.read += units;
          else if (writeCommands.has(name)) usage.write += units;
          return result;
        } catch (error) {
          const refused = refusedUnits(name, (error as Error).name, input);
          if (refused > 0) {
            usage.refusedWrites++;
            usage.refusedWriteUnits += refused;
          }
          throw error;
        }
      },
      { step: "initialize", name: "benchConsumedCapacity" },
    );
  }

  /** Usage of one scope, of the scopes a predicate selects, or of all. */
  usage(select?: string | ((scope: string) => boolean)): Usage {
    const matches = typeof select === "string" ? (scope: string) => scope === select : (select ?? (() => true));
    const total = emptyUsage();
    for (const [scope, usage] of this.#byScope) if (matches(scope)) addUsage(total, usage);
    return total;
  }

  scopes(): string[] {
    return [...this.#byScope.keys()].sort();
  }

  #usage(scope: string): Usage {
    let usage = this.#byScope.get(scope);
    if (!usage) this.#byScope.set(scope, (usage = emptyUsage()));
    return usage;
  }
}

function refusedUnits(command: string, error: string, input: Record<string, unknown>): number {
  if (error === "ConditionalCheckFailedException") return 1;
  if (error === "TransactionCanceledException" && command === "TransactWriteItemsCommand") {
    return 2 * ((input.TransactItems as unknown[] | undefined)?.length ?? 1);
  }
  return 0;
}
