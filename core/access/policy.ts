import type { Principal } from "./principal";
import { forbidden } from "../errors";

/**
 * Who may do what. Admins: everything. A specialist: their own caseload (read, record events,
 * register participants to themselves). A team: its own participants and summary, read only.
 */
interface ParticipantScope {
  specialistId: string;
  teamId: string;
}

export const isAdmin = (p: Principal) => p.role === "admin";

export function canReadParticipant(p: Principal, participant: ParticipantScope): boolean {
  return (
    p.role === "admin" ||
    (p.role === "specialist" && p.specialistId === participant.specialistId) ||
    (p.role === "team" && p.teamId === participant.teamId)
  );
}

export function canWriteParticipant(p: Principal, participant: Pick<ParticipantScope, "specialistId">): boolean {
  return p.role === "admin" || (p.role === "specialist" && p.specialistId === participant.specialistId);
}

export function canReadTeam(p: Principal, teamId: string, specialistTeamIds: readonly string[] = []): boolean {
  return (
    p.role === "admin" ||
    (p.role === "team" && p.teamId === teamId) ||
    (p.role === "specialist" && specialistTeamIds.includes(teamId))
  );
}

export function canReadCaseload(p: Principal, specialistId: string): boolean {
  return p.role === "admin" || (p.role === "specialist" && p.specialistId === specialistId);
}

export function require(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
