/**
 * The single DynamoDB table, defined once: the CDK stack (infra/) and the local runtime (local/)
 * both create the table from this definition.
 *
 * Access patterns (keys are strings; `#` separates parts):
 * | pattern                              | where                                                    |
 * |--------------------------------------|----------------------------------------------------------|
 * | team / specialist / participant by id| pk = TEAM#id | SPECIALIST#id | PARTICIPANT#id, sk = PROFILE |
 * | all teams, all specialists           | GSI1: gsi1pk = TEAMS | SPECIALISTS, gsi1sk = name#id     |
 * | caseload by specialist, by next due  | GSI1: gsi1pk = CASELOAD#specialistId, gsi1sk = nextDueAt#participantId |
 * | participants by team                 | GSI2: gsi2pk = TEAM#teamId, gsi2sk = PARTICIPANT#id       |
 * | events by participant, in time order | pk = PARTICIPANT#id, sk begins_with EVENT#<at ISO>#<eventId> |
 * | events by team, in time order        | GSI2: gsi2pk = TEAM#teamId, gsi2sk = EVENT#<at ISO>#<eventId> |
 * | journey of a participant             | pk = PARTICIPANT#id, sk = JOURNEY                          |
 * | idempotency record                   | pk = IDEMPOTENCY#<scope>#<key>, sk = IDEMPOTENCY (TTL)     |
 * | sent digest / summary (exactly once) | pk = DIGEST#specialistId | SUMMARY#teamId, sk = date | ISO week |
 * | employer by id; its contacts in time | pk = EMPLOYER#id, sk = PROFILE | CONTACT#<at ISO>#<contactId> |
 * | all employers                        | GSI1: gsi1pk = EMPLOYERS, gsi1sk = name#id                 |
 * | a specialist's employer contacts     | GSI1: gsi1pk = EMPLOYER-CONTACTS#specialistId, gsi1sk = <at ISO>#<contactId> |
 * | employers by responsible specialist  | GSI2: gsi2pk = EMPLOYERS#specialistId, gsi2sk = name#id    |
 * | … with the specialist themself        | GSI2: gsi2pk = EMPLOYERS#specialistId, gsi2sk = !SPECIALIST |
 */
export const table = {
  partitionKey: "pk",
  sortKey: "sk",
  timeToLiveAttribute: "expiresAt",
  globalSecondaryIndexes: [
    { indexName: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    { indexName: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
  ],
} as const;

export type GsiName = (typeof table.globalSecondaryIndexes)[number]["indexName"];
