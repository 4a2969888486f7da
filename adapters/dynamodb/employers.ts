import { GetCommand, UpdateCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Deps } from "../deps";
import type { CreateEmployer, Employer, EmployerContact, Stage } from "../../core/domain/employers";
import { newId } from "../../core/ids";
import { createOnce } from "./idempotency";
import { index, keys } from "./keys";
import { fromItem } from "./items";
import { queryAll } from "./query";
import { conditionHeld } from "./conditional";
import { getSpecialist, specialistOf } from "./specialists";
import type { Specialist } from "../../core/domain/schemas";

type Db = Pick<Deps, "db" | "tableName">;
type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** Registers an employer; with an Idempotency-Key, once. */
export async function createEmployer(deps: Db & Pick<Deps, "clock">, input: CreateEmployer, idempotencyKey?: string): Promise<Employer> {
  const { body } = await createOnce<Employer>(deps, { scope: "employers", key: idempotencyKey }, async () => {
    const employer: Employer = { id: newId(), ...input, createdAt: deps.clock.now().toISOString() };
    return {
      items: [
        {
          Put: {
            TableName: deps.tableName,
            Item: {
              ...keys.employer(employer.id),
              entity: "employer",
              gsi1pk: index.allEmployers,
              gsi1sk: `${employer.name}#${employer.id}`,
              gsi2pk: index.employersOf(employer.specialistId),
              gsi2sk: `${employer.name}#${employer.id}`,
              ...employer,
            },
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
      ],
      response: { statusCode: 201, body: employer },
    };
  });
  return body;
}

export async function getEmployer(deps: Db, id: string): Promise<Employer | undefined> {
  const out = await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: keys.employer(id), ConsistentRead: true }));
  return out.Item ? fromItem<Employer>(out.Item) : undefined;
}

/** Every employer, by name (one Query on the listing index), or those one specialist is responsible for. */
export async function listEmployers(deps: Db, specialistId?: string): Promise<Employer[]> {
  const items = await queryAll(
    deps,
    specialistId === undefined
      ? { IndexName: "gsi1", KeyConditionExpression: "gsi1pk = :pk", ExpressionAttributeValues: { ":pk": index.allEmployers } }
      : { IndexName: "gsi2", KeyConditionExpression: "gsi2pk = :pk", ExpressionAttributeValues: { ":pk": index.employersOf(specialistId) } },
  );
  return items.filter((item) => item.entity === "employer").map((item) => fromItem<Employer>(item));
}

/**
 * A specialist and the employers they are responsible for, in one Query of their partition of the
 * employer index (the morning digest's read). A specialist stored before they were kept there is
 * read by key.
 */
export async function getSpecialistAndEmployers(deps: Db, specialistId: string): Promise<{ specialist: Specialist | undefined; employers: Employer[] }> {
  const items = await queryAll(deps, {
    IndexName: "gsi2",
    KeyConditionExpression: "gsi2pk = :pk",
    ExpressionAttributeValues: { ":pk": index.employersOf(specialistId) },
  });
  const own = items.find((item) => item.entity === "specialist");
  const employers = items.filter((item) => item.entity === "employer").map((item) => fromItem<Employer>(item));
  return { specialist: own ? specialistOf(own) : await getSpecialist(deps, specialistId), employers };
}

/** The put of one contact, alone or in the same transaction as the participant's event it also is. */
export function employerContactPut(deps: Db, contact: EmployerContact): TransactItem {
  return {
    Put: {
      TableName: deps.tableName,
      Item: {
        ...keys.employerContact(contact.employerId, contact.at, contact.id),
        entity: "employer-contact",
        gsi1pk: index.employerContactsOf(contact.specialistId),
        gsi1sk: `${contact.at}#${contact.id}`,
        ...contact,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

/** An employer's contacts, oldest first. */
export async function listEmployerContacts(deps: Db, employerId: string): Promise<EmployerContact[]> {
  const items = await queryAll(deps, {
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :contact)",
    ExpressionAttributeValues: { ":pk": keys.employer(employerId).pk, ":contact": "CONTACT#" },
    ConsistentRead: true,
  });
  return items.map((item) => fromItem<EmployerContact>(item));
}

/** The employer contacts of one specialist in [from, to), in time order (fidelity: contacts a week). */
export async function listSpecialistEmployerContacts(deps: Db, specialistId: string, from: string, to: string): Promise<EmployerContact[]> {
  const items = await queryAll(deps, {
    IndexName: "gsi1",
    KeyConditionExpression: "gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to",
    ExpressionAttributeValues: { ":pk": index.employerContactsOf(specialistId), ":from": from, ":to": to },
  });
  return items.map((item) => fromItem<EmployerContact>(item)).filter((contact) => contact.at < to);
}

/**
 * What a contact or a hire changes on the employer: the latest contact, the furthest stage, the
 * first hire. Each is a "keep the larger" update, so repeating one (a retry, a replayed request)
 * or applying two out of order ends the same; a condition that does not hold changes nothing.
 */
export async function noteOnEmployer(deps: Db, employerId: string, change: { contactAt?: string; stage?: Stage; hiredAt?: string }) {
  const keep = (update: Omit<ConstructorParameters<typeof UpdateCommand>[0], "TableName" | "Key">) =>
    conditionHeld(deps.db.send(new UpdateCommand({ TableName: deps.tableName, Key: keys.employer(employerId), ...update })));
  const exists = "attribute_exists(pk)";
  if (change.contactAt) {
    await keep({
      UpdateExpression: "SET lastContactAt = :at",
      ConditionExpression: `${exists} AND (attribute_not_exists(lastContactAt) OR lastContactAt < :at)`,
      ExpressionAttributeValues: { ":at": change.contactAt },
    });
  }
  if (change.stage) {
    await keep({
      UpdateExpression: "SET stage = :stage",
      ConditionExpression: `${exists} AND (attribute_not_exists(stage) OR stage < :stage)`,
      ExpressionAttributeValues: { ":stage": change.stage },
    });
  }
  if (change.hiredAt) {
    await keep({
      UpdateExpression: "SET hiredAt = :at",
      ConditionExpression: `${exists} AND (attribute_not_exists(hiredAt) OR hiredAt > :at)`,
      ExpressionAttributeValues: { ":at": change.hiredAt },
    });
  }
}
