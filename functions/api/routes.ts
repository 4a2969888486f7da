import type { Deps } from "../../adapters/deps";
import {
  createParticipantSchema,
  createSpecialistSchema,
  createTeamSchema,
  eventBodySchema,
} from "../../core/domain/schemas";
import { invalidInput, gone, notFound } from "../../core/errors";
import { canReadTeam, canWriteParticipant, isAdmin, require } from "../../core/access/policy";
import { createTeam, getTeam, listTeams } from "../../adapters/dynamodb/teams";
import { createSpecialist, listSpecialists } from "../../adapters/dynamodb/specialists";
import { getParticipant, listCaseload, listEvents, listTeamParticipants } from "../../adapters/dynamodb/participants";
import { dayItems, nextOpenObligation } from "../../core/journey/day";
import { remindersFor } from "../../use-cases/digest/reminders";
import { localDateOf } from "../../core/calendar/local-dates";
import { createParticipant } from "../../use-cases/participants/create";
import { recordEvent } from "../../use-cases/participants/record-event";
import { participantView } from "../../core/participants/view";
import { journeyStateOf } from "../../core/participants/state";
import { describeJourney } from "../../adapters/stepfunctions/journey-status";
import { getParticipantAndJourney } from "../../adapters/stepfunctions/journey-execution";
import { type ApiEvent, callerOf, json, pathParam, principalOf } from "./http";
import { route, type Route } from "./route";
import { requests } from "./requests";
import { employerRoutes } from "./employer-routes";
import { fidelityRoutes } from "./fidelity-routes";
import { outcomeRoutes } from "./outcome-routes";
import { participantReportRoutes } from "./participant-report-routes";
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
import * as z from "../../core/zod-mini";

/** The week a summary is about: an ISO week such as 2026-W48. */
const weekQuery = z.object({ week: z.optional(isoWeekSchema) });
/** From when a log is read: an instant with its offset. */
const sinceQuery = z.object({ since: z.optional(z.iso.datetime({ offset: true })) });

/** Every route of the HTTP API: each parses its input with zod, checks access and calls a use case or the core. */
export function routes(deps: () => Deps): Route[] {
  const { teamIdsOf, teamRequest, readableCaseload, readableParticipant } = requests(deps);
  /** The team a team member or admin asks about, and the week (default: the last full week). */
  const summaryRequest = async (event: ApiEvent, requested: string | undefined) => {
    const team = await teamRequest(event);
    const week = requested ?? coveredWeek(deps().clock.now(), deps().deployment.timeZone);
    return { team, week };
  };

  const table: Route[] = [
    route({
      method: "GET",
      path: "/openapi.json",
      summary: "This document",
      public: true,
      responses: { 200: "The OpenAPI document" },
      handler: async () => json(200, openApiDocument(table)),
    }),
    route({
      method: "POST",
      path: "/teams",
      summary: "Create a treatment team (admin)",
      body: createTeamSchema,
      idempotencyKey: "optional",
      responses: { 201: "The team" },
      handler: async (event, input) => {
        require(isAdmin(principalOf(event)));
        const team = await createTeam(deps(), input.body(), input.idempotencyKey());
        await writeAudit(deps(), { ...callerOf(event), action: "team.create", target: team.id });
        return json(201, team);
      },
    }),
    route({
      method: "GET",
      path: "/teams",
      summary: "List the teams the caller may see",
      responses: { 200: "{teams, count}" },
      handler: async (event) => {
        const principal = principalOf(event);
        const teamIds = await teamIdsOf(principal);
        const teams = (await listTeams(deps())).filter((team) => canReadTeam(principal, team.id, teamIds));
        return json(200, { teams, count: teams.length });
      },
    }),
    route({
      method: "GET",
      path: "/teams/{id}",
      summary: "One team",
      responses: { 200: "The team" },
      handler: async (event) => {
        const principal = principalOf(event);
        const team = await getTeam(deps(), pathParam(event, "id"));
        if (!team) throw notFound("team");
        require(canReadTeam(principal, team.id, await teamIdsOf(principal)));
        return json(200, team);
      },
    }),
    route({
      method: "GET",
      path: "/teams/{id}/summary",
      summary: "The team's weekly summary figures (team or admin); default week: the last full ISO week",
      query: weekQuery,
      responses: { 200: "WeeklySummaryFigures" },
      handler: async (event, input) => {
        const { team, week } = await summaryRequest(event, input.query().week);
        return json(200, await weeklySummaryFigures(deps(), team.id, week));
      },
    }),
    route({
      method: "GET",
      path: "/teams/{id}/summary/preview",
      summary: "The summary email for a week, rendered but not sent; ?format=html returns the HTML part",
      query: z.extend(weekQuery, { format: z.optional(z.enum(["json", "html"])) }),
      responses: { 200: "{week, subject, html, text}" },
      handler: async (event, input) => {
        const query = input.query();
        const { team, week } = await summaryRequest(event, query.week);
        const email = await previewSummary(deps(), team.id, week);
        // ?format=html shows the email as the team would see it, in a browser.
        if (query.format === "html") {
          return { statusCode: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: email.html };
        }
        return json(200, { week, ...email });
      },
    }),
    route({
      method: "GET",
      path: "/teams/{id}/participants",
      summary: "The team's participants with phase and next due date (team or admin)",
      responses: { 200: "{participants, count}" },
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
    }),
    route({
      method: "GET",
      path: "/admin/email-events",
      summary: "SES bounces and complaints (admin); default: the last 30 days",
      query: sinceQuery,
      responses: { 200: "{events, count}" },
      handler: async (event, input) => {
        require(isAdmin(principalOf(event)));
        const since = input.query().since ?? new Date(deps().clock.now().getTime() - 30 * 86_400_000).toISOString();
        const events = await listEmailEvents(deps(), new Date(since).toISOString());
        return json(200, { events, count: events.length });
      },
    }),
    route({
      method: "POST",
      path: "/specialists",
      summary: "Create a job specialist (admin)",
      body: createSpecialistSchema,
      idempotencyKey: "optional",
      responses: { 201: "The specialist" },
      handler: async (event, input) => {
        require(isAdmin(principalOf(event)));
        const body = input.body();
        for (const [i, teamId] of body.teamIds.entries()) {
          if (!(await getTeam(deps(), teamId))) throw invalidInput(`teamIds.${i}: no team with id ${teamId}`);
        }
        const specialist = await createSpecialist(deps(), body, input.idempotencyKey());
        await writeAudit(deps(), { ...callerOf(event), action: "specialist.create", target: specialist.id });
        return json(201, specialist);
      },
    }),
    route({
      method: "GET",
      path: "/specialists",
      summary: "List the job specialists (admin)",
      responses: { 200: "{specialists, count}" },
      handler: async (event) => {
        require(isAdmin(principalOf(event)));
        const specialists = await listSpecialists(deps());
        return json(200, { specialists, count: specialists.length });
      },
    }),
    route({
      method: "GET",
      path: "/specialists/{id}/day",
      summary: "What the specialist has to act on today: overdue, due and coming up, a missed 30-day deadline first",
      responses: { 200: "{date, items, count}" },
      handler: async (event) => {
        const specialist = await readableCaseload(event);
        const now = deps().clock.now();
        const items = dayItems(await remindersFor(deps(), specialist.id, now));
        return json(200, { date: localDateOf(now, deps().deployment.timeZone), items, count: items.length });
      },
    }),
    route({
      method: "GET",
      path: "/specialists/{id}/caseload",
      summary: "A specialist's caseload, by next due date",
      responses: { 200: "{specialist, participants, count, limit}" },
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
    }),
    route({
      method: "POST",
      path: "/participants",
      summary: "Register a referral and start the participant's journey",
      body: createParticipantSchema,
      idempotencyKey: "optional",
      responses: { 201: "The participant, phase referral", 410: "A replayed Idempotency-Key whose participant was erased since" },
      handler: async (event, input) => {
        const principal = principalOf(event);
        const body = input.body();
        require(canWriteParticipant(principal, body));
        const { statusCode, body: answer } = await createParticipant(deps(), body, input.idempotencyKey());
        return json(statusCode, answer);
      },
    }),
    route({
      method: "GET",
      path: "/participants/{id}",
      summary: "A participant with obligations, jobs and events (410 once erased)",
      responses: { 200: "The participant", 410: "The participant was erased" },
      handler: async (event) => {
        const { participant } = await readableParticipant(event);
        await writeAudit(deps(), { ...callerOf(event), action: "participant.read", target: participant.id });
        const events = await listEvents(deps(), participant.id);
        const state = journeyStateOf(participant, events, deps().clock.now(), deps().deployment);
        return json(200, participantView(participant, events, state));
      },
    }),
    route({
      method: "GET",
      path: "/participants/{id}/export",
      summary: "Everything stored about a participant, as JSON (admin; the data subject's right of access); audited",
      responses: { 200: "{exportedAt, participant, events, journey, dueRecords, missedDeadlines}" },
      handler: async (event) => {
        require(isAdmin(principalOf(event)));
        const participant = await getParticipant(deps(), pathParam(event, "id"));
        if (!participant) throw notFound("participant");
        await writeAudit(deps(), { ...callerOf(event), action: "participant.export", target: participant.id });
        return json(200, await exportParticipant(deps(), participant));
      },
    }),
    route({
      method: "DELETE",
      path: "/participants/{id}",
      summary:
        "Erase a participant (admin; GDPR art. 17): stops the journey, removes the code, preferences and every event's details, keeps only the anonymous remains the team's past figures count; audited, idempotent",
      responses: { 200: "{id, erasedAt}" },
      handler: async (event) => {
        require(isAdmin(principalOf(event)));
        const participant = await getParticipant(deps(), pathParam(event, "id"));
        if (!participant) throw notFound("participant");
        const erased = await eraseParticipant(deps(), participant);
        await writeAudit(deps(), { ...callerOf(event), action: "participant.erase", target: participant.id });
        return json(200, erased);
      },
    }),
    route({
      method: "GET",
      path: "/admin/audit",
      summary: "The audit log: reads of participants, exports, changes of teams and specialists (admin); default: the last 7 days, at most a year back",
      query: sinceQuery,
      responses: { 200: "{entries: [{at, actor, subject?, action, target, from}], count}" },
      handler: async (event, input) => {
        require(isAdmin(principalOf(event)));
        const now = deps().clock.now().getTime();
        const { since } = input.query();
        if (since !== undefined && Date.parse(since) < now - 366 * 86_400_000) throw invalidInput("since: must be within the last year");
        const entries = await readAudit(deps(), new Date(since ?? now - 7 * 86_400_000));
        return json(200, { entries, count: entries.length });
      },
    }),
    route({
      method: "GET",
      path: "/participants/{id}/journey",
      summary: "The journey's current generation and execution status",
      responses: { 200: "The journey", 410: "The participant was erased" },
      handler: async (event) => {
        const { participant } = await readableParticipant(event);
        return json(200, await describeJourney(deps(), participant.id));
      },
    }),
    route({
      method: "POST",
      path: "/participants/{id}/events",
      summary: "Record an event (may be back-dated, never future-dated or before the referral)",
      body: eventBodySchema,
      idempotencyKey: "required",
      responses: { 201: "{event, phase}", 410: "The participant was erased" },
      handler: async (event, input) => {
        const principal = principalOf(event);
        // The profile and the journey record in one read: the writer wakes the journey with it.
        const { profile: participant, journey } = await getParticipantAndJourney(deps(), pathParam(event, "id"));
        if (!participant) throw notFound("participant");
        require(canWriteParticipant(principal, participant));
        if (participant.erasedAt) throw gone("participant: erased");
        const idempotencyKey = input.idempotencyKey()!;
        const { statusCode, body } = await recordEvent(deps(), participant, input.body(), idempotencyKey, { record: journey });
        return json(statusCode, body);
      },
    }),
    ...employerRoutes(deps),
    ...fidelityRoutes(deps),
    ...outcomeRoutes(deps),
    ...participantReportRoutes(deps),
  ];
  return table;
}
