/** Key builders for the single table (see table.ts for the access patterns they serve). */
export const PROFILE = "PROFILE";

/** The audit log's partitions: no function may change or delete an item under them (infra/constructs/data.ts). */
export const auditKeyPrefix = "AUDIT#";

/** A participant's partition: profile, events, journey record, due records. */
export const participantKeyPrefix = "PARTICIPANT#";

export const keys = {
  team: (id: string) => ({ pk: `TEAM#${id}`, sk: PROFILE }),
  specialist: (id: string) => ({ pk: `SPECIALIST#${id}`, sk: PROFILE }),
  participant: (id: string) => ({ pk: `${participantKeyPrefix}${id}`, sk: PROFILE }),
  journey: (participantId: string) => ({ pk: `${participantKeyPrefix}${participantId}`, sk: "JOURNEY" }),
  event: (participantId: string, at: string, eventId: string) => ({
    pk: `PARTICIPANT#${participantId}`,
    sk: `EVENT#${at}#${eventId}`,
  }),
  idempotency: (scope: string, key: string) => ({ pk: `IDEMPOTENCY#${scope}#${key}`, sk: "IDEMPOTENCY" }),
  digest: (specialistId: string, localDate: string) => ({ pk: `DIGEST#${specialistId}`, sk: localDate }),
  summary: (teamId: string, isoWeek: string) => ({ pk: `SUMMARY#${teamId}`, sk: isoWeek }),
  dueRecord: (participantId: string, kind: string, dueAt: string) => ({
    pk: `PARTICIPANT#${participantId}`,
    sk: `DUE#${dueAt}#${kind}`,
  }),
  /** The audit log, one partition per local day. */
  audit: (localDate: string, entry: string) => ({ pk: `${auditKeyPrefix}${localDate}`, sk: entry }),
  employer: (id: string) => ({ pk: `EMPLOYER#${id}`, sk: PROFILE }),
  /** One contact with an employer; a participant's contact has its event's id. */
  employerContact: (employerId: string, at: string, contactId: string) => ({ pk: `EMPLOYER#${employerId}`, sk: `CONTACT#${at}#${contactId}` }),
  missedDeadline: (participantId: string, kind: string, dueAt: string) => ({
    pk: `PARTICIPANT#${participantId}`,
    sk: `MISSED#${dueAt}#${kind}`,
  }),
};

/** Index keys. GSI1: listings and caseloads; GSI2: a team's participants, events and alerts. */
export const index = {
  allTeams: "TEAMS",
  allSpecialists: "SPECIALISTS",
  allEmployers: "EMPLOYERS",
  /** The employers a specialist is responsible for, and the specialist themself (GSI2). */
  employersOf: (specialistId: string) => `EMPLOYERS#${specialistId}`,
  /** The specialist's own sort key in that partition: `!` sorts before every employer's name. */
  specialistAmongEmployers: "!SPECIALIST",
  /** The employer contacts a specialist made or whose participant they were about, in time order (GSI1). */
  employerContactsOf: (specialistId: string) => `EMPLOYER-CONTACTS#${specialistId}`,
  caseload: (specialistId: string) => `CASELOAD#${specialistId}`,
  team: (teamId: string) => `TEAM#${teamId}`,
  participantInTeam: (participantId: string) => `PARTICIPANT#${participantId}`,
  eventInTeam: (at: string, eventId: string) => `EVENT#${at}#${eventId}`,
  alertInTeam: (at: string, participantId: string, kind: string) => `ALERT#${at}#${participantId}#${kind}`,
  /** Sorts a caseload by next due date; participants with nothing due sort last. */
  caseloadOrder: (nextDueAt: string | null, participantId: string) => `${nextDueAt ?? "~"}#${participantId}`,
};
