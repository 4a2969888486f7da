import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Deps } from "../runtime/deps";
import { createSpecialistSchema, type CreateSpecialist, type Specialist } from "../domain/schemas";
import { index, keys } from "./keys";
import { newId } from "../ids";
import { queryAll } from "./query";
import { fromItem } from "./items";

type Db = Pick<Deps, "db" | "tableName">;

/** The working share of a specialist stored without one (before it was kept): full time. */
export const defaultFte: number = createSpecialistSchema.shape.fte.parse(undefined);

/** A new specialist as validated by createSpecialistSchema; `fte` may be left out (full time). */
export type NewSpecialist = Omit<CreateSpecialist, "fte"> & Partial<Pick<CreateSpecialist, "fte">>;

/** A stored specialist as the API shows it: records from before `fte` was kept are full time. */
const specialistOf = (item: Record<string, unknown>): Specialist => {
  const specialist = fromItem<Omit<Specialist, "fte"> & { fte?: number }>(item);
  return { ...specialist, fte: specialist.fte ?? defaultFte };
};

export async function createSpecialist(
  deps: Db & Pick<Deps, "clock">,
  input: NewSpecialist,
  id = newId(),
): Promise<Specialist> {
  const specialist: Specialist = { id, ...input, fte: input.fte ?? defaultFte, createdAt: deps.clock.now().toISOString() };
  await deps.db.send(
    new PutCommand({
      TableName: deps.tableName,
      Item: { ...keys.specialist(id), entity: "specialist", gsi1pk: index.allSpecialists, gsi1sk: `${input.name}#${id}`, ...specialist },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  return specialist;
}

export async function getSpecialist(deps: Db, id: string): Promise<Specialist | undefined> {
  const out = await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: keys.specialist(id) }));
  return out.Item ? specialistOf(out.Item) : undefined;
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
