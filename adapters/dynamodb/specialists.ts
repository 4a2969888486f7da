import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { createOnce } from "./idempotency";
import type { Deps } from "../deps";
import { fullTime } from "../../core/domain/codes";
import type { CreateSpecialist, Specialist, Team } from "../../core/domain/schemas";
import { index, keys } from "./keys";
import { newId } from "../../core/ids";
import { queryAll } from "./query";
import { fromItem } from "./items";
import { getItems, keyOf } from "./batch-get";

type Db = Pick<Deps, "db" | "tableName">;

/** A new specialist as validated by createSpecialistSchema; `fte` may be left out (full time). */
export type NewSpecialist = Omit<CreateSpecialist, "fte"> & Partial<Pick<CreateSpecialist, "fte">>;

/** A stored specialist as the API shows it: records from before `fte` was kept are full time. */
export const specialistOf = (item: Record<string, unknown>): Specialist => {
  const specialist = fromItem<Omit<Specialist, "fte"> & { fte?: number }>(item);
  return { ...specialist, fte: specialist.fte ?? fullTime };
};

/**
 * Creates a specialist; with an Idempotency-Key, once: a retry or a twin request gets the first one.
 */
export async function createSpecialist(deps: Db & Pick<Deps, "clock">, input: NewSpecialist, idempotencyKey?: string): Promise<Specialist> {
  const { body } = await createOnce<Specialist>(deps, { scope: "specialists", key: idempotencyKey }, async () => {
    const id = newId();
    const specialist: Specialist = { id, ...input, fte: input.fte ?? fullTime, createdAt: deps.clock.now().toISOString() };
    return {
      items: [
        {
          Put: {
            TableName: deps.tableName,
            Item: {
              ...keys.specialist(id),
              entity: "specialist",
              gsi1pk: index.allSpecialists,
              gsi1sk: `${input.name}#${id}`,
              // In the partition of their employers too: the digest reads both in one Query.
              gsi2pk: index.employersOf(id),
              gsi2sk: index.specialistAmongEmployers,
              ...specialist,
            },
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
      ],
      response: { statusCode: 201, body: specialist },
    };
  });
  return body;
}

export async function getSpecialist(deps: Db, id: string): Promise<Specialist | undefined> {
  const out = await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: keys.specialist(id) }));
  return out.Item ? specialistOf(out.Item) : undefined;
}

/** Several specialists by id, in one request per hundred (a missing one is absent from the map). */
export async function getSpecialists(deps: Db, ids: string[]): Promise<Map<string, Specialist>> {
  const items = await getItems(deps, ids.map((id) => keys.specialist(id)));
  return new Map(ids.flatMap((id) => {
    const item = items.get(keyOf(keys.specialist(id)));
    return item ? [[id, specialistOf(item)] as const] : [];
  }));
}

/** A team and a specialist in one request: a referral names both. */
export async function getTeamAndSpecialist(deps: Db, teamId: string, specialistId: string): Promise<{ team?: Team; specialist?: Specialist }> {
  const items = await getItems(deps, [keys.team(teamId), keys.specialist(specialistId)]);
  const team = items.get(keyOf(keys.team(teamId)));
  const specialist = items.get(keyOf(keys.specialist(specialistId)));
  return { team: team && fromItem<Team>(team), specialist: specialist && specialistOf(specialist) };
}

/** All specialists: a Query on the listing index, never a Scan. */
export async function listSpecialists(deps: Db): Promise<Specialist[]> {
  const items = await queryAll(deps, {
    IndexName: "gsi1",
    KeyConditionExpression: "gsi1pk = :pk",
    ExpressionAttributeValues: { ":pk": index.allSpecialists },
  });
  return items.map(specialistOf);
}
