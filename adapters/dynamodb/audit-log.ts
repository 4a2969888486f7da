import { ExecuteStatementCommand } from "@aws-sdk/lib-dynamodb";
import type { Deps } from "../deps";
import { localDateOf, addDays, daysBetween } from "../../core/calendar/local-dates";
import { keys } from "./keys";
import { fromItem } from "./items";
import { queryAll } from "./query";
import { newId } from "../../core/ids";

/**
 * The audit log (Normen: access to health information is logged): who read a participant's page
 * or report, exported or erased a participant, or changed teams and specialists; when, and from where. Each
 * entry is written once, never updated, kept for the deployment's `auditRetentionDays` by the
 * table's TTL, and partitioned by local day, so that a reader asks for a period, never scans.
 *
 * Entries are added with PartiQL's INSERT, which fails on an existing key by its nature, not by a
 * condition the caller chooses to send: in AWS the writers' roles are denied PutItem, UpdateItem,
 * DeleteItem and PartiQL's UPDATE and DELETE on audit keys, so a writer can add an entry and
 * nothing else (IAM has no condition key that could require a put to be conditional).
 */
export const auditActions = ["participant.read", "participant.report", "participant.export", "participant.erase", "team.create", "specialist.create"] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  at: string;
  /** Who: the role and its scope ("admin", "specialist:<id>", "team:<id>") and the sign-in subject. */
  actor: string;
  subject?: string;
  action: AuditAction;
  /** What it was about: the participant's, team's or specialist's id (never a code or a name). */
  target: string;
  /** From where: the caller's IP address as API Gateway saw it. */
  from: string;
}

export async function writeAudit(deps: Pick<Deps, "db" | "tableName" | "clock" | "deployment">, entry: Omit<AuditEntry, "at">): Promise<void> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const item: Record<string, unknown> = {
    ...keys.audit(localDateOf(now, deps.deployment.timeZone), `${at}#${newId()}`),
    entity: "audit",
    at,
    ...entry,
    expiresAt: Math.floor(now.getTime() / 1000) + deps.deployment.auditRetentionDays * 86_400,
  };
  const names = Object.keys(item).filter((name) => item[name] !== undefined);
  await deps.db.send(
    new ExecuteStatementCommand({
      Statement: `INSERT INTO "${deps.tableName}" VALUE {${names.map((name) => `'${name}': ?`).join(", ")}}`,
      Parameters: names.map((name) => item[name]),
    }),
  );
}

/** Entries since an instant, oldest first: one Query per local day of the period (at most a year). */
export async function readAudit(deps: Pick<Deps, "db" | "tableName" | "clock" | "deployment">, since: Date): Promise<AuditEntry[]> {
  const zone = deps.deployment.timeZone;
  const today = localDateOf(deps.clock.now(), zone);
  const first = localDateOf(since, zone);
  const entries: AuditEntry[] = [];
  for (let n = 0; n <= daysBetween(first, today); n++) {
    const day = addDays(first, n);
    const items = await queryAll(deps, {
      KeyConditionExpression: "pk = :pk AND sk >= :since",
      ExpressionAttributeValues: { ":pk": keys.audit(day, "").pk, ":since": since.toISOString() },
    });
    for (const item of items) {
      const { at, actor, subject, action, target, from } = fromItem<AuditEntry>(item);
      entries.push({ at, actor, ...(subject ? { subject } : {}), action, target, from });
    }
  }
  return entries;
}
