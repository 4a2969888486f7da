import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Deps } from "../../adapters/deps";
import { getParticipant } from "../../adapters/dynamodb/participants";
import { type StoredState, type ParticipantProfile } from "../../core/participants/profile";
import { index, keys } from "../../adapters/dynamodb/keys";
import { currentState } from "../participants/current-state";
import { conditionHeld } from "../../adapters/dynamodb/conditional";

/**
 * When an await times out, something came due. Each obligation that is due or overdue now is
 * recorded once (a conditional put keyed by participant, kind and due date, so a retried or
 * replayed step records nothing twice). A missed first-employer-contact deadline is also recorded
 * for the treatment team: their weekly summary lists it.
 */
export async function recordDueObligations(
  deps: Pick<Deps, "db" | "tableName">,
  profile: Pick<ParticipantProfile, "id" | "teamId" | "code">,
  journey: Pick<StoredState, "obligations">,
  now: Date,
): Promise<number> {
  const participantId = profile.id;
  let recorded = 0;
  for (const obligation of journey.obligations) {
    if (obligation.status !== "due" && obligation.status !== "overdue") continue;
    const base = { participantId, kind: obligation.kind, dueAt: obligation.dueAt, recordedAt: now.toISOString() };
    if (await putOnce(deps, { ...keys.dueRecord(participantId, obligation.kind, obligation.dueAt), entity: "due", ...base })) recorded++;
    if (obligation.kind === "first-employer-contact" && obligation.status === "overdue") {
      const alert = {
        ...keys.missedDeadline(participantId, obligation.kind, obligation.dueAt),
        entity: "missed-deadline",
        gsi2pk: index.team(profile.teamId),
        gsi2sk: index.alertInTeam(obligation.dueAt, participantId, obligation.kind),
        teamId: profile.teamId,
        code: profile.code,
        ...base,
      };
      if (await putOnce(deps, alert)) recorded++;
    }
  }
  return recorded;
}

/**
 * The recurring rounds that time ended after they came due (core/wake/next-wake.ts,
 * `dueRoundsEnded`), recorded once each like those found due at a timeout.
 */
export async function recordRoundsEnded(
  deps: Pick<Deps, "db" | "tableName">,
  participantId: string,
  rounds: Array<{ kind: string; dueAt: string }>,
  now: Date,
): Promise<void> {
  await Promise.all(
    rounds.map(({ kind, dueAt }) =>
      putOnce(deps, { ...keys.dueRecord(participantId, kind, dueAt), entity: "due", participantId, kind, dueAt, recordedAt: now.toISOString() }),
    ),
  );
}

/**
 * The journey step "record" of executions started under the earlier definition, where a timeout
 * went to a step of its own before plan (plan now records itself). The state it computed is
 * stored, so the plan step that follows does not read the history again.
 */
export async function recordDue(deps: Deps, participantId: string): Promise<{ recorded: number }> {
  const stored = await getParticipant(deps, participantId);
  if (!stored) return { recorded: 0 };
  const now = deps.clock.now();
  const { profile, state } = await currentState(deps, stored, now);
  return { recorded: await recordDueObligations(deps, profile, state, now) };
}

const putOnce = (deps: Pick<Deps, "db" | "tableName">, item: Record<string, unknown>): Promise<boolean> =>
  conditionHeld(deps.db.send(new PutCommand({ TableName: deps.tableName, Item: item, ConditionExpression: "attribute_not_exists(pk)" })));
