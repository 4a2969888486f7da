import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import pRetry from "p-retry";
import type { TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Deps } from "../deps";
import { keys } from "./keys";

type Db = Pick<Deps, "db" | "tableName">;

/** The first answer to a request, kept so that a replay gets the same answer and writes nothing. */
export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

/** Replays are answered for a week; after that the key may be used again. */
const RETENTION_SECONDS = 7 * 24 * 3600;

/** When a record written at `now` expires (the table's TTL attribute, epoch seconds). */
export const expiresAtFor = (now: Date) => Math.floor(now.getTime() / 1000) + RETENTION_SECONDS;

/**
 * How long a profile keeps naming a record after it expired: DynamoDB deletes expired items
 * within days, not at the second, and until then an erasure must still find the record.
 */
const NAMED_AFTER_EXPIRY_SECONDS = 30 * 24 * 3600;

/**
 * An entry of a profile's `idempotencyKeys`: the record that holds the participant's data, and
 * when it expires, as `<expiresAt>~<scope>#<key>`. Entries stored before they carried the expiry
 * are `<scope>#<key>`.
 */
export const idempotencyEntry = (scope: string, key: string, now: Date) => `${expiresAtFor(now)}~${scope}#${key}`;

export function parseIdempotencyEntry(entry: string): { scope: string; key: string; expiresAt?: number } {
  const dated = /^(\d+)~(.*)$/.exec(entry);
  const record = dated ? dated[2] : entry;
  const at = record.indexOf("#");
  return { scope: record.slice(0, at), key: record.slice(at + 1), ...(dated ? { expiresAt: Number(dated[1]) } : {}) };
}

/**
 * The entries a profile keeps after naming one more record: those whose records may still exist
 * (not expired, or expired too recently to be surely deleted), and the new one. Without pruning
 * the set grows by one entry per event for as long as the participant is followed, and every
 * write of the profile (in the table and both indexes) is billed by its size.
 */
export function rememberEntry(entries: Iterable<string> | undefined, entry: string, now: Date): Set<string> {
  const oldest = Math.floor(now.getTime() / 1000) - NAMED_AFTER_EXPIRY_SECONDS;
  const kept = [...(entries ?? [])].filter((named) => {
    const { expiresAt } = parseIdempotencyEntry(named);
    return expiresAt === undefined || expiresAt >= oldest;
  });
  return new Set([...kept, entry]);
}

export async function findStoredResponse(deps: Db, scope: string, key: string): Promise<StoredResponse | undefined> {
  const out = await deps.db.send(
    new GetCommand({ TableName: deps.tableName, Key: keys.idempotency(scope, key), ConsistentRead: true }),
  );
  return out.Item ? { statusCode: out.Item.statusCode as number, body: out.Item.body } : undefined;
}

/** Part of the same transaction as the write it answers for: both land, or neither. */
export function storedResponsePut(
  deps: Db & Pick<Deps, "clock">,
  scope: string,
  key: string,
  response: StoredResponse,
): NonNullable<TransactWriteCommandInput["TransactItems"]>[number] {
  return {
    Put: {
      TableName: deps.tableName,
      Item: {
        ...keys.idempotency(scope, key),
        entity: "idempotency",
        ...response,
        expiresAt: expiresAtFor(deps.clock.now()),
      },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

/** The items of a cancelled transaction whose conditions failed. */
export function conditionFailedAt(error: unknown): number[] {
  return cancelledBy(error).conditions;
}

/**
 * Why a transaction was cancelled: the items whose conditions failed, and whether another
 * transaction was writing the same items at the time (DynamoDB's TransactionConflict), which a
 * retry settles.
 */
export function cancelledBy(error: unknown): { conditions: number[]; conflicts: boolean } {
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
  if ((error as Error).name !== "TransactionCanceledException" || !reasons) return { conditions: [], conflicts: false };
  return {
    conditions: reasons.flatMap((reason, i) => (reason.Code === "ConditionalCheckFailed" ? [i] : [])),
    conflicts: reasons.some((reason) => reason.Code === "TransactionConflict"),
  };
}

/**
 * A create that happens once per Idempotency-Key: the new items and the answer are written in one
 * transaction, so a replay (the client retrying a lost answer) or a twin request that lost the race
 * gets the first answer and creates nothing. Without a key the items are simply written.
 * `afterwards` runs on the first answer and on every replay (a side effect that is itself
 * idempotent, such as starting the journey by its name).
 */
export async function createOnce<T>(
  deps: Db & Pick<Deps, "clock">,
  request: { scope: string; key: string | undefined },
  create: () => Promise<{ items: NonNullable<TransactWriteCommandInput["TransactItems"]>; response: StoredResponse & { body: T } }>,
): Promise<StoredResponse & { body: T }> {
  const { scope, key } = request;
  const stored = async () => (key ? ((await findStoredResponse(deps, scope, key)) as (StoredResponse & { body: T }) | undefined) : undefined);
  const attempt = async () => {
    const first = await stored();
    if (first) return first;
    const { items, response } = await create();
    const all = key ? [...items, storedResponsePut(deps, scope, key, response)] : items;
    try {
      await deps.db.send(new TransactWriteCommand({ TransactItems: all }));
      return response;
    } catch (error) {
      // The twin request stored its answer first: that answer is this request's too.
      if (key && cancelledBy(error).conditions.includes(all.length - 1)) {
        const answer = await stored();
        if (answer) return answer;
      }
      throw error;
    }
  };
  // Both twins wrote at once and DynamoDB cancelled them (TransactionConflict): try again.
  return pRetry(attempt, { retries: 10, factor: 1.5, minTimeout: 5, maxTimeout: 100, randomize: true, shouldRetry: ({ error }) => cancelledBy(error).conflicts });
}
