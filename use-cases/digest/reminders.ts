import type { Deps } from "../../adapters/deps";
import { listCaseload } from "../../adapters/dynamodb/participants";
import { getSpecialistAndEmployers } from "../../adapters/dynamodb/employers";
import type { Specialist } from "../../core/domain/schemas";
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
  return selectDigestItems({
    participants,
    now,
    timeZone: deps.deployment.timeZone,
    holidayCountry: deps.deployment.holidayCountry,
    rules: resolveRules(deps.deployment.rules),
  });
}

/**
 * The specialist, and the employers they are responsible for that are due a contact: one Query of
 * the specialist's partition of the employer index.
 */
export async function specialistAndEmployersToContact(
  deps: Deps,
  specialistId: string,
  now: Date,
): Promise<{ specialist: Specialist | undefined; employers: EmployerFollowUp[] }> {
  const { specialist, employers } = await getSpecialistAndEmployers(deps, specialistId);
  return { specialist, employers: employerFollowUps(employers, now, deps.deployment.timeZone, deps.deployment.employers) };
}
