import type { Deps } from "../../adapters/deps";
import {
  createParticipantSchema,
  createSpecialistSchema,
  createTeamSchema,
  eventBodySchema,
} from "../../core/domain/schemas";
import { invalidInput, gone, notFound, parseOrThrow } from "../../core/errors";
import { canReadCaseload, canReadParticipant, canReadTeam, canWriteParticipant, isAdmin, require } from "../../core/access/policy";
import { createTeam, getTeam, listTeams } from "../../adapters/dynamodb/teams";
import { createSpecialist, getSpecialist, listSpecialists } from "../../adapters/dynamodb/specialists";
import { getParticipant, listCaseload, listEvents, listTeamParticipants } from "../../adapters/dynamodb/participants";
import { dayItems, nextOpenObligation } from "../../core/journey/day";
import { remindersFor } from "../../use-cases/digest/send-digests";
import { localDateOf } from "../../core/calendar/local-dates";
import { idempotencyKeySchema } from "../../adapters/dynamodb/idempotency";
import { createParticipant } from "../../use-cases/participants/create";
import { recordEvent } from "../../use-cases/participants/record-event";
import { participantView } from "../../core/participants/view";
import { journeyStateOf } from "../../core/participants/state";
import { describeJourney } from "../../adapters/stepfunctions/journey-status";
import type { Principal } from "../../core/access/principal";
import { type ApiEvent, type ApiResult, callerOf, header, json, jsonBody, pathParam, principalOf } from "./http";
import { readAudit, writeAudit } from "../../adapters/dynamodb/audit-log";
import { exportParticipant } from "../../use-cases/participants/export";
import { eraseParticipant } from "../../use-cases/participants/erase";
import { openApiDocument } from "./openapi";
import { isoWeekSchema } from "../../core/calendar/weeks";
import { coveredWeek } from "../../core/summary/period";
import { caseloadLimitFor } from "../../core/summary/figures";
import { weeklySummaryFigures } from "../../use-cases/summary/load-figures";
import { previewSummary } from "../../use-cases/summary/preview";
import { listEmailEvents } from "../../adapters/dynamodb/email-events";
import * as z from "zod";

type Route = { method: "GET" | "POST" | "DELETE"; path: string; handler: (event: ApiEvent) => Promise<ApiResult> };

/** Every route of the HTTP API: each parses its input with zod, checks access and calls a use case or the core. */
export function routes(deps: () => Deps): Route[] {
  const optionalKey = (event: ApiEvent) => {
    const key = header(event, "idempotency-key");
    return key === undefined ? undefined : parseOrThrow(idempotencyKeySchema, key, "Idempotency-Key");
  };
  const teamIdsOf = async (p: Principal) =>
    p.role === "specialist" ? ((await getSpecialist(deps(), p.specialistId))?.teamIds ?? []) : [];
  /** The team a team member or admin asks about, and the week (default: the last full week). */
  const summaryRequest = async (event: ApiEvent) => {
    const team = await teamRequest(event);
    const requested = event.queryStringParameters?.week;
    const week =
      requested === undefined
        ? coveredWeek(deps().clock.now(), deps().deployment.timeZone)
        : parseOrThrow(isoWeekSchema, requested, "week");
    return { team, week };
  };
  /** A team's own page: its members and admins only, as for the summary. */
  const teamRequest = async (event: ApiEvent) => {
    const principal = principalOf(event);
    const team = await getTeam(deps(), pathParam(event, "id"));
    if (!team) throw notFound("team");
    require(principal.role === "admin" || (principal.role === "team" && principal.teamId === team.id));
    return team;
  };
  const readableCaseload = async (event: ApiEvent) => {
    const principal = principalOf(event);
    const specialist = await getSpecialist(deps(), pathParam(event, "id"));
    if (!specialist) throw notFound("specialist");
    require(canReadCaseload(principal, specialist.id));
    return specialist;
  };
  const readableParticipant = async (event: ApiEvent) => {
    const principal = principalOf(event);
    const participant = await getParticipant(deps(), pathParam(event, "id"));
    if (!participant) throw notFound("participant");
    require(canReadParticipant(principal, participant));
    if (participant.erasedAt) throw gone("participant: erased");
    return { principal, participant };
  };

  return [
    { method: "GET", path: "/openapi.json", handler: async () => json(200, openApiDocument()) },
    {
      method: "POST",
      path: "/teams",
      handler: async (event) => {
        require(isAdmin(principalOf(event)));
        const input = parseOrThrow(createTeamSchema, jsonBody(event));
        const team = await createTeam(deps(), input, optionalKey(event));
        await writeAudit(deps(), { ...callerOf(event), action: "team.create", target: team.id });
        return json(201, team);
      },
    },
    {
      method: "GET",
      path: "/teams",
      handler: async (event) => {
        const principal = principalOf(event);
        const teamIds = await teamIdsOf(principal);
        const teams = (await listTeams(deps())).filter((team) => canReadTeam(principal, team.id, teamIds));
        return json(200, { teams, count: teams.length });
      },
    },
    {
      method: "GET",
      path: "/teams/{id}",
      handler: async (event) => {
        const principal = principalOf(event);
        const team = await getTeam(deps(), pathParam(event, "id"));
        if (!team) throw notFound("team");
        require(canReadTeam(principal, team.id, await teamIdsOf(principal)));
        return json(200, team);
      },
    },
    {
      method: "GET",
      path: "/teams/{id}/summary",
      handler: async (event) => {
        const { team, week } = await summaryRequest(event);
        return json(200, await weeklySummaryFigures(deps(), team.id, week));
      },
    },
    {
      method: "GET",
      path: "/teams/{id}/summary/preview",
      handler: async (event) => {
        const { team, week } = await summaryRequest(event);
        const email = await previewSummary(deps(), team.id, week);
        // ?format=html shows the email as the team would see it, in a browser.
        if (event.queryStringParameters?.format === "html") {
          return { statusCode: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: email.html };
        }
        return json(200, { week, ...email });
      },
    },
    {
      method: "GET",
      path: "/teams/{id}/participants",
      handler: async (event) => {
        const team = await teamRequest(event);
        // Erased participants stay in the team's index for its past figures only.
        const participants = (await listTeamParticipants(deps(), team.id)).filter((p) => !p.erasedAt).map((p) => ({
          id: p.id,
          code: p.code,
          phase: p.phase,
          specialistId: p.specialistId,
          nextDue: p.nextDueAt,
        }));
        return json(200, { participants, count: participants.length });
      },
    },
    {
      method: "GET",
      path: "/admin/email-events",
      handler: async (event) => {
        require(isAdmin(principalOf(event)));
        const since = parseOrThrow(
          z.iso.datetime({ offset: true }).optional(),
          event.queryStringParameters?.since,
          "since",
        ) ?? new Date(deps().clock.now().getTime() - 30 * 86_400_000).toISOString();
        const events = await listEmailEvents(deps(), new Date(since).toISOString());
        return json(200, { events, count: events.length });
      },
    },
    {
      method: "POST",
      path: "/specialists",
      handler: async (event) => {
        require(isAdmin(principalOf(event)));
        const input = parseOrThrow(createSpecialistSchema, jsonBody(event));
        for (const [i, teamId] of input.teamIds.entries()) {
          if (!(await getTeam(deps(), teamId))) throw invalidInput(`teamIds.${i}: no team with id ${teamId}`);
        }
        const specialist = await createSpecialist(deps(), input, optionalKey(event));
        await writeAudit(deps(), { ...callerOf(event), action: "specialist.create", target: specialist.id });
        return json(201, specialist);
      },
    },
    {
      method: "GET",
      path: "/specialists",
      handler: async (event) => {
        require(isAdmin(principalOf(event)));
        const specialists = await listSpecialists(deps());
        return json(200, { specialists, count: specialists.length });
      },
    },
    {
      method: "GET",
      path: "/specialists/{id}/day",
      handler: async (event) => {
        const specialist = await readableCaseload(event);
        const now = deps().clock.now();
        const items = dayItems(await remindersFor(deps(), specialist.id, now));
        return json(200, { date: localDateOf(now, deps().deployment.timeZone), items, count: items.length });
      },
    },
    {
      method: "GET",
      path: "/specialists/{id}/caseload",
      handler: async (event) => {
        const specialist = await readableCaseload(event);
        const caseload = await listCaseload(deps(), specialist.id);
        const active = caseload.filter((p) => p.phase !== "exited");
        return json(200, {
          specialist: { id: specialist.id, name: specialist.name, teamIds: specialist.teamIds },
          participants: caseload.map((p) => ({
            id: p.id,
            code: p.code,
            phase: p.phase,
            nextDue: p.nextDueAt,
            nextDueKind: nextOpenObligation(p.obligations)?.kind ?? null,
          })),
          count: active.length,
          // A part-time specialist's limit follows their working share, as in the team's summary.
          limit: caseloadLimitFor(specialist.caseloadLimit, specialist.fte),
        });
      },
    },
    {
      method: "POST",
      path: "/participants",
      handler: async (event) => {
        const principal = principalOf(event);
        const input = parseOrThrow(createParticipantSchema, jsonBody(event));
        require(canWriteParticipant(principal, input));
        const { statusCode, body } = await createParticipant(deps(), input, optionalKey(event));
        return json(statusCode, body);
      },
    },
    {
      method: "GET",
      path: "/participants/{id}",
      handler: async (event) => {
        const { participant } = await readableParticipant(event);
        await writeAudit(deps(), { ...callerOf(event), action: "participant.read", target: participant.id });
        const events = await listEvents(deps(), participant.id);
        const state = journeyStateOf(participant, events, deps().clock.now(), deps().deployment);
        return json(200, participantView(participant, events, state));
      },
    },
    {
      method: "GET",
      path: "/participants/{id}/export",
      handler: async (event) => {
        require(isAdmin(principalOf(event)));
        const participant = await getParticipant(deps(), pathParam(event, "id"));
        if (!participant) throw notFound("participant");
        await writeAudit(deps(), { ...callerOf(event), action: "participant.export", target: participant.id });
        return json(200, await exportParticipant(deps(), participant));
      },
    },
    {
      method: "DELETE",
      path: "/participants/{id}",
      handler: async (event) => {
        require(isAdmin(principalOf(event)));
        const participant = await getParticipant(deps(), pathParam(event, "id"));
        if (!participant) throw notFound("participant");
        const erased = await eraseParticipant(deps(), participant);
        await writeAudit(deps(), { ...callerOf(event), action: "participant.erase", target: participant.id });
        return json(200, erased);
      },
    },
    {
      method: "GET",
      path: "/admin/audit",
      handler: async (event) => {
        require(isAdmin(principalOf(event)));
        const now = deps().clock.now().getTime();
        const since = parseOrThrow(
          z.iso
            .datetime({ offset: true })
            .refine((value) => Date.parse(value) >= now - 366 * 86_400_000, "must be within the last year")
            .optional(),
          event.queryStringParameters?.since,
          "since",
        );
        const entries = await readAudit(deps(), new Date(since ?? now - 7 * 86_400_000));
        return json(200, { entries, count: entries.length });
      },
    },
    {
      method: "GET",
      path: "/participants/{id}/journey",
      handler: async (event) => {
        const { participant } = await readableParticipant(event);
        return json(200, await describeJourney(deps(), participant.id));
      },
    },
    {
      method: "POST",
      path: "/participants/{id}/events",
      handler: async (event) => {
        const principal = principalOf(event);
        const participant = await getParticipant(deps(), pathParam(event, "id"));
        if (!participant) throw notFound("participant");
        require(canWriteParticipant(principal, participant));
        if (participant.erasedAt) throw gone("participant: erased");
        const key = header(event, "idempotency-key");
        if (key === undefined) throw invalidInput("Idempotency-Key: header is required");
        const idempotencyKey = parseOrThrow(idempotencyKeySchema, key, "Idempotency-Key");
        const body = parseOrThrow(eventBodySchema, jsonBody(event));
        const { statusCode, body: result } = await recordEvent(deps(), participant, body, idempotencyKey);
        return json(statusCode, result);
      },
    },
  ];
}
