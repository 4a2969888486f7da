import type { Deps } from "../../adapters/deps";
import { listEvents } from "../../adapters/dynamodb/participants";
import { getSpecialist } from "../../adapters/dynamodb/specialists";
import { getTeam } from "../../adapters/dynamodb/teams";
import type { Locale } from "../../core/domain/schemas";
import type { ParticipantProfile } from "../../core/participants/profile";
import { journeyStateOf } from "../../core/participants/state";
import { reportDocument } from "../../core/reports/document";
import { renderReportHtml } from "../../core/reports/html";
import { buildParticipantReport, type ParticipantReport } from "../../core/reports/model";
import { reportPeriod, type ReportKind } from "../../core/reports/period";
import { renderReportPdf } from "../../core/reports/pdf";

export interface ReportRequest {
  kind: ReportKind;
  from?: string;
  to?: string;
  format: "pdf" | "html";
  /** Default: the participant's team's language, else the deployment's (as the emails choose). */
  locale?: Locale;
}

export type RenderedReport = { report: ParticipantReport; filename: string } & ({ format: "pdf"; pdf: Uint8Array } | { format: "html"; html: string });

/**
 * A participant's interval or end report (core/reports): reads the events, the team (for its
 * language) and the specialist (named as the contact), lets the core say what the period holds,
 * and renders it. The caller has checked access and writes the audit entry.
 */
export async function participantReport(deps: Pick<Deps, "db" | "tableName" | "clock" | "deployment">, profile: ParticipantProfile, request: ReportRequest): Promise<RenderedReport> {
  const now = deps.clock.now();
  const [events, team, specialist] = await Promise.all([listEvents(deps, profile.id), getTeam(deps, profile.teamId), getSpecialist(deps, profile.specialistId)]);
  const state = journeyStateOf(profile, events, now, deps.deployment);
  const period = reportPeriod(request, {
    referredAt: profile.referredAt,
    ...(state.phase === "exited" && state.exitedAt ? { exitedAt: state.exitedAt } : {}),
    now,
    timeZone: deps.deployment.timeZone,
  });
  const report = buildParticipantReport({
    kind: request.kind,
    period,
    profile,
    events,
    ...(specialist ? { specialist: specialist.name } : {}),
    now,
    deployment: deps.deployment,
  });
  const locale = request.locale ?? team?.locale ?? deps.deployment.locale;
  const document = reportDocument(report, { locale, timeZone: deps.deployment.timeZone });
  // The participant's id (no code, no name), the kind and the period: what a saved file may be called.
  const filename = `ips-${request.kind}-report-${profile.id}-${period.from}-${period.to}.${request.format}`;
  if (request.format === "html") return { report, filename, format: "html", html: renderReportHtml(document) };
  return { report, filename, format: "pdf", pdf: await renderReportPdf(document, { createdAt: now }) };
}
