import type { Deps } from "../../adapters/deps";
import { listCaseload } from "../../adapters/dynamodb/participants";
import { listEmployers } from "../../adapters/dynamodb/employers";
import { selectDigestItems, type DigestItem } from "../../core/journey/digest";
import { resolveRules } from "../../core/journey/rules";
import { employerFollowUps, type EmployerFollowUp } from "../../core/employers/follow-up";

/**
 * What a specialist has to act on at `now`: the morning digest's items, and the web app's day
 * (core/journey/day.ts orders the same items). Each profile holds its obligations as last
 * computed (by the writer of every event, and by the journey when time changes them), so this is
 * one Query of the caseload; statuses are recomputed for `now`.
 */
export async function remindersFor(deps: Deps, specialistId: string, now: Date): Promise<DigestItem[]> {
  const caseload = (await listCaseload(deps, specialistId)).filter((p) => p.phase !== "exited");
  const participants = caseload.map((profile) => ({ id: profile.id, code: profile.code, state: { obligations: profile.obligations } }));
  return selectDigestItems({ participants, now, timeZone: deps.deployment.timeZone, rules: resolveRules(deps.deployment.rules) });
}

/** The employers the specialist is responsible for that are due a contact (one Query of the register's index). */
export async function employersToContact(deps: Deps, specialistId: string, now: Date): Promise<EmployerFollowUp[]> {
  return employerFollowUps(await listEmployers(deps, specialistId), now, deps.deployment.timeZone, deps.deployment.employers);
}
