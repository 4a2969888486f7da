import type { Deps } from "../../adapters/deps";
import { getTeam } from "../../adapters/dynamodb/teams";
import { getSpecialist } from "../../adapters/dynamodb/specialists";
import { getParticipant } from "../../adapters/dynamodb/participants";
import { canReadCaseload, canReadParticipant, require } from "../../core/access/policy";
import type { Principal } from "../../core/access/principal";
import { gone, notFound } from "../../core/errors";
import { type ApiEvent, pathParam, principalOf } from "./http";

/**
 * The record a request names in its path, read and checked against the caller's access: what
 * several route groups share. Each refuses with 404 for an unknown id and 403 outside the
 * caller's scope, before anything of the record is answered.
 */
export function requests(deps: () => Deps) {
  /** The teams a specialist works in (none for other roles). */
  const teamIdsOf = async (p: Principal) => (p.role === "specialist" ? ((await getSpecialist(deps(), p.specialistId))?.teamIds ?? []) : []);
  /** A team's own pages: its members and admins only. */
  const teamRequest = async (event: ApiEvent) => {
    const principal = principalOf(event);
    const team = await getTeam(deps(), pathParam(event, "id"));
    if (!team) throw notFound("team");
    require(principal.role === "admin" || (principal.role === "team" && principal.teamId === team.id));
    return team;
  };
  /** A specialist's caseload: that specialist and admins. */
  const readableCaseload = async (event: ApiEvent) => {
    const principal = principalOf(event);
    const specialist = await getSpecialist(deps(), pathParam(event, "id"));
    if (!specialist) throw notFound("specialist");
    require(canReadCaseload(principal, specialist.id));
    return specialist;
  };
  /** A participant: their specialist, their team and admins; 410 once erased. */
  const readableParticipant = async (event: ApiEvent) => {
    const principal = principalOf(event);
    const participant = await getParticipant(deps(), pathParam(event, "id"));
    if (!participant) throw notFound("participant");
    require(canReadParticipant(principal, participant));
    if (participant.erasedAt) throw gone("participant: erased");
    return { principal, participant };
  };
  return { teamIdsOf, teamRequest, readableCaseload, readableParticipant };
}
