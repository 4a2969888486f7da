import type { Deps } from "../../adapters/deps";
import type { Team } from "../../core/domain/schemas";
import type { Sector } from "../../core/domain/employers";
import { addQuarters, quarterBounds, quarterSchema, type Quarter } from "../../core/calendar/quarters";
import { quarterPeriod } from "../../core/calendar/quarter-period";
import { fidelityReport, type FidelityReport } from "../../core/fidelity/report";
import { recordedBefore, type FidelityParticipant, type FidelitySpecialist } from "../../core/fidelity/figures";
import { listCaseload, listEvents, listTeamEvents, listTeamParticipants } from "../../adapters/dynamodb/participants";
import { getSpecialist, listSpecialists } from "../../adapters/dynamodb/specialists";
import { fullTime } from "../../core/domain/codes";
import { getEmployer, listSpecialistEmployerContacts } from "../../adapters/dynamodb/employers";
import { evaluateJourney } from "../../core/journey/evaluate";
import { resolveRules } from "../../core/journey/rules";

/**
 * Reads what a team's fidelity self-score needs and lets the core score it (core/fidelity/). The
 * truth is the events, up to the quarter's end: the team's participants and events (GSI2 queries),
 * the specialists (the listing index) and, for each, their participants in other teams (their
 * caseload index, then each such participant's events) and their contacts in the employer
 * register in the quarter (GSI1), and the registered employers the job starts name. No scans.
 */
export async function teamFidelity(deps: Deps, team: Pick<Team, "id" | "name">, quarter: Quarter): Promise<FidelityReport> {
  const { timeZone } = deps.deployment;
  const now = deps.clock.now();
  // As the outcome report: what was recorded before the close, dated inside, counts (the core
  // leaves out the rest).
  const { start, end, asOf: until, closesAt } = quarterPeriod(quarterSchema.parse(quarter), timeZone, now);
  const period = { start, end };
  const asOf = new Date(until);
  const jobPeriod = { start: quarterBounds(addQuarters(quarter, -3), timeZone).start, end: period.end };

  const [profiles, events, listed] = await Promise.all([
    listTeamParticipants(deps, team.id),
    listTeamEvents(deps, team.id, "", until),
    listSpecialists(deps),
  ]);
  const eventsOf = new Map<string, FidelityParticipant["events"]>();
  for (const { participantId, ...event } of events) {
    const list = eventsOf.get(participantId) ?? [];
    list.push(event as FidelityParticipant["events"][number]);
    eventsOf.set(participantId, list);
  }
  const participants: FidelityParticipant[] = profiles
    .filter((profile) => Date.parse(profile.referredAt) < asOf.getTime())
    .map((profile) => ({ profile, events: eventsOf.get(profile.id) ?? [] }));

  // The team's specialists: those registered in it by then, and whoever followed one of its
  // participants at the end (someone moved to another team since, or removed).
  const rules = resolveRules(deps.deployment.rules);
  const following = recordedBefore(closesAt)
    .participants(participants)
    .filter((p) => evaluateJourney({ referredAt: p.profile.referredAt, events: p.events, now: asOf, rules, timeZone }).phase !== "exited")
    .map((p) => p.profile.specialistId);
  const members = listed.filter((s) => s.teamIds.includes(team.id) && Date.parse(s.createdAt) < asOf.getTime());
  const ids = [...new Set([...members.map((s) => s.id), ...following])].sort();
  const byId = new Map(listed.map((s) => [s.id, s]));

  const specialists = await Promise.all(
    ids.map(async (id): Promise<FidelitySpecialist> => {
      const specialist = byId.get(id) ?? (await getSpecialist(deps, id));
      const [caseload, registerContacts] = await Promise.all([listCaseload(deps, id), listSpecialistEmployerContacts(deps, id, period.start, until)]);
      const others = caseload.filter((profile) => profile.teamId !== team.id && Date.parse(profile.referredAt) < asOf.getTime());
      const elsewhere = await Promise.all(
        others.map(async (profile) => ({ profile, events: (await listEvents(deps, profile.id)).filter((event) => event.at < until) })),
      );
      // A specialist removed since keeps their place in the figures under their id, full time.
      return {
        id,
        name: specialist?.name ?? id,
        fte: specialist?.fte ?? fullTime,
        elsewhere,
        registerContacts,
      };
    }),
  );

  const employerIds = new Set(
    participants.flatMap((p) =>
      p.events.filter((event) => event.type === "job-start" && event.employerId !== undefined && event.at >= jobPeriod.start).map((event) => (event as { employerId: string }).employerId),
    ),
  );
  const sectors: Record<string, Sector> = {};
  await Promise.all(
    [...employerIds].map(async (id) => {
      const employer = await getEmployer(deps, id);
      if (employer) sectors[id] = employer.sector;
    }),
  );

  return fidelityReport({
    team: { id: team.id, name: team.name },
    quarter,
    period,
    asOf,
    closesAt,
    now,
    jobPeriod,
    deployment: deps.deployment,
    participants,
    specialists,
    sectors,
  });
}
