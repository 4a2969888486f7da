import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { createOnce } from "./idempotency";
import type { Deps } from "../deps";
import type { CreateTeam, Team } from "../../core/domain/schemas";
import { index, keys } from "./keys";
import { newId } from "../../core/ids";
import { queryAll } from "./query";
import { fromItem } from "./items";

type Db = Pick<Deps, "db" | "tableName">;


/**
 * Creates a team; with an Idempotency-Key, once: a retry or a twin request gets the first team.
 */
export async function createTeam(deps: Db & Pick<Deps, "clock">, input: CreateTeam, idempotencyKey?: string): Promise<Team> {
  const { body } = await createOnce<Team>(deps, { scope: "teams", key: idempotencyKey }, async () => {
    const id = newId();
    const team: Team = { id, ...input, createdAt: deps.clock.now().toISOString() };
    return {
      items: [
        {
          Put: {
            TableName: deps.tableName,
            Item: { ...keys.team(id), entity: "team", gsi1pk: index.allTeams, gsi1sk: `${input.name}#${id}`, ...team },
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
      ],
      response: { statusCode: 201, body: team },
    };
  });
  return body;
}

export async function getTeam(deps: Db, id: string): Promise<Team | undefined> {
  const out = await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: keys.team(id) }));
  return out.Item ? (fromItem<Team>(out.Item)) : undefined;
}

/** All teams, by name: a Query on the listing index, never a Scan. */
export async function listTeams(deps: Db): Promise<Team[]> {
  const items = await queryAll(deps, {
    IndexName: "gsi1",
    KeyConditionExpression: "gsi1pk = :pk",
    ExpressionAttributeValues: { ":pk": index.allTeams },
  });
  return items.map((item) => fromItem<Team>(item));
}

