import type { Deps } from "../../adapters/deps";
import { keys } from "../../adapters/dynamodb/keys";
import { fromItem } from "../../adapters/dynamodb/items";
import { queryAll } from "../../adapters/dynamodb/query";
import type { ParticipantProfile } from "../../core/participants/profile";

/**
 * Everything stored about one participant, for the data subject's right of access (GDPR art. 15):
 * the profile, every event as recorded, the journey's record and what came due when. One Query
 * of the participant's partition; the table's own keys and the workflow's callback token (an
 * internal handle, no personal data) are left out. After an erasure it shows what is left: the
 * anonymous remains the team's past figures count.
 */
export async function exportParticipant(deps: Pick<Deps, "db" | "tableName" | "clock">, profile: ParticipantProfile) {
  const items = (
    await queryAll(deps, {
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.participant(profile.id).pk },
      ConsistentRead: true,
    })
  ).map((item) => ({ sk: String(item.sk), data: fromItem<Record<string, unknown>>(item) }));
  const withPrefix = (prefix: string) => items.filter((item) => item.sk.startsWith(prefix)).map((item) => item.data);
  const journey = items.find((item) => item.sk === keys.journey(profile.id).sk)?.data;
  const { taskToken: _token, ...journeyRecord } = journey ?? {};
  // The keys of the idempotency records are the clients' handles, not data about the participant;
  // the fold is the journey rules' working copy of the events, which are exported as recorded.
  const { idempotencyKeys: _keys, fold: _fold, ...participant } = items.find((item) => item.sk === keys.participant(profile.id).sk)?.data ?? {};
  return {
    exportedAt: deps.clock.now().toISOString(),
    participant,
    events: withPrefix("EVENT#"),
    journey: journey ? journeyRecord : null,
    dueRecords: withPrefix("DUE#"),
    missedDeadlines: withPrefix("MISSED#"),
  };
}
