import { describe, expect, it } from "vitest";
import { ExecuteStatementCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { readAudit, writeAudit } from "../../adapters/dynamodb/audit-log";
import { testClock, testDeps } from "../support/deps";

/**
 * The audit log's writers may only add: in AWS their roles are denied every write but PartiQL's
 * INSERT on audit keys (checked on the synthesized stack), and INSERT itself refuses an existing
 * key. This proves the second half on the real DynamoDB Local.
 */
describe("the audit log is append-only", () => {
  it("writes each entry with an INSERT that cannot replace an existing entry", async () => {
    const clock = testClock("2026-11-03T09:00:00Z");
    const deps = await testDeps({ clock });
    const sent: unknown[] = [];
    deps.db.middlewareStack.add((next) => async (args) => (sent.push(args.input), next(args)), { step: "initialize", name: "recordAuditInput" });
    await writeAudit(deps, { actor: "admin", action: "participant.read", target: "p-1", from: "10.0.0.1" });

    // One statement, an INSERT; no PutItem, which the writers' roles are denied on audit keys.
    expect(sent).toEqual([expect.objectContaining({ Statement: expect.stringMatching(/^INSERT INTO /) })]);

    const [item] = (
      await deps.db.send(new QueryCommand({ TableName: deps.tableName, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": "AUDIT#2026-11-03" } }))
    ).Items!;
    expect(item).toMatchObject({ actor: "admin", action: "participant.read", target: "p-1" });

    // The same INSERT over the existing key is refused (DuplicateItemException in AWS, DuplicateItem
    // in DynamoDB Local), and the entry stays as it was.
    await expect(
      deps.db.send(
        new ExecuteStatementCommand({
          Statement: `INSERT INTO "${deps.tableName}" VALUE {'pk': ?, 'sk': ?, 'actor': ?}`,
          Parameters: [item.pk, item.sk, "someone else"],
        }),
      ),
    ).rejects.toMatchObject({ name: expect.stringMatching(/^DuplicateItem/) });

    const entries = await readAudit(deps, new Date("2026-11-03T00:00:00Z"));
    expect(entries).toEqual([{ at: "2026-11-03T09:00:00.000Z", actor: "admin", action: "participant.read", target: "p-1", from: "10.0.0.1" }]);
  });
});
