import { useState } from "preact/hooks";
import { useApp, useSession } from "../app-context";
import { downloadFile } from "../api/download";
import { useResource } from "../api/use-resource";
import type { JourneyStatus, ParticipantEvent, ParticipantView, Team } from "../api/types";
import { EventForm } from "../components/event-form";
import { useTitle } from "../components/layout";
import { Show } from "../components/status";
import { formatDate, formatDateTime } from "../format";
import { useI18n, type Texts } from "../i18n";
import { exitReasonCode, jobEndReasonCode } from "../../../core/domain/schemas";

/**
 * One participant: the target of every link in the emails. Code, phase, team, obligations,
 * work and school, the timeline and the journey; the specialist (and admins) record events here.
 */
export function ParticipantPage(props: { id: string }) {
  const path = `/participants/${encodeURIComponent(props.id)}`;
  const participant = useResource<ParticipantView>(path);
  const journey = useResource<JourneyStatus>(`${path}/journey`);
  return (
    <Show resource={participant}>
      {(data) => (
        <Participant
          participant={data}
          journey={journey.state === "ok" ? journey.data : undefined}
          onRecorded={() => {
            participant.reload();
            journey.reload();
          }}
        />
      )}
    </Show>
  );
}

function Participant(props: { participant: ParticipantView; journey?: JourneyStatus; onRecorded: () => void }) {
  const { participant: p } = props;
  const { t, words, timeZone } = useI18n();
  const session = useSession();
  useTitle(t.participant.title(p.code));
  const team = useResource<Team>(`/teams/${encodeURIComponent(p.teamId)}`);
  const principal = session.principal;
  const canRecord = principal.role === "admin" || (principal.role === "specialist" && principal.specialistId === p.specialistId);
  const open = p.obligations.filter((o) => o.status !== "done").sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const done = p.obligations.filter((o) => o.status === "done");
  return (
    <>
      <h1>{t.participant.title(p.code)}</h1>
      <dl class="facts card">
        <dt>{t.participant.phase}</dt>
        <dd data-field="phase">{words.phase[p.phase]}</dd>
        <dt>{t.participant.team}</dt>
        <dd>{team.state === "ok" ? team.data.name : "–"}</dd>
        <dt>{t.participant.referredAt}</dt>
        <dd>{formatDate(p.referredAt, timeZone, t.tag)}</dd>
      </dl>

      <div class="grid-2">
        <section aria-labelledby="obligations">
          <h2 id="obligations">{t.participant.obligations}</h2>
          {p.obligations.length === 0 ? (
            <p>{t.common.none}</p>
          ) : (
            <ul class="plain obligations">
              {[...open, ...done].map((o) => (
                <li key={`${o.kind}-${o.dueAt}`} class="card" data-kind={o.kind} data-status={o.status}>
                  <span class={`status ${o.status}`}>{t.status[o.status]}</span> {words.obligation[o.kind]}
                  <div class="hint">{formatDate(o.status === "done" && o.doneAt ? o.doneAt : o.dueAt, timeZone, t.tag)}</div>
                </li>
              ))}
            </ul>
          )}
        </section>
        {canRecord ? (
          <section aria-labelledby="record" class="card">
            <h2 id="record">{t.participant.record}</h2>
            <EventForm participantId={p.id} jobs={p.jobs} onRecorded={props.onRecorded} />
          </section>
        ) : (
          <p class="hint">{t.participant.readOnly}</p>
        )}
      </div>

      <section aria-labelledby="jobs">
        <h2 id="jobs">{t.participant.jobs}</h2>
        {p.jobs.length === 0 ? (
          <p>{t.common.none}</p>
        ) : (
          <ul class="plain">
            {p.jobs.map((job) => (
              <li key={`${job.kind}-${job.startedAt}`} class="card">
                <strong>{job.kind === "job" ? `${t.participant.job}: ${job.employer ?? ""}` : t.participant.education}</strong>
                <div class="hint">
                  {formatDate(job.startedAt, timeZone, t.tag)} – {job.endedAt ? formatDate(job.endedAt, timeZone, t.tag) : t.participant.ongoing}
                  {job.hoursPerWeek !== undefined && ` · ${job.hoursPerWeek} ${t.fields.hoursPerWeek.toLowerCase()}`}
                  {job.wage && ` · ${job.wage === "ordinary" ? t.fields.wageOrdinary : t.fields.wageSubsidised}`}
                  {job.temporary && ` · ${t.fields.temporary.toLowerCase()}`}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="timeline">
        <h2 id="timeline">{t.participant.timeline}</h2>
        {p.events.length === 0 ? (
          <p>{t.participant.noEvents}</p>
        ) : (
          <ol class="timeline">
            {[...p.events].reverse().map((event) => (
              <li key={event.id} data-event-type={event.type}>
                <time dateTime={event.at}>{formatDateTime(event.at, timeZone, t.tag)}</time>
                {t.events[event.type]}
                {describe(event, t, timeZone)}
              </li>
            ))}
          </ol>
        )}
      </section>

      <Reports participant={p} />
      <JourneyFacts journey={props.journey} />
    </>
  );
}

/** The interval report, and the end report once the participant has left, as PDFs in the team's language. */
function Reports(props: { participant: ParticipantView }) {
  const { t } = useI18n();
  const { config, auth } = useApp();
  const [state, setState] = useState<"idle" | "busy" | "failed">("idle");
  const save = async (kind: "interval" | "end") => {
    setState("busy");
    try {
      await downloadFile({
        url: `${config.apiUrl}/participants/${encodeURIComponent(props.participant.id)}/report?kind=${kind}&format=pdf`,
        token: auth.current()?.token,
        accept: "application/pdf",
      });
      setState("idle");
    } catch {
      setState("failed");
    }
  };
  return (
    <section aria-labelledby="reports">
      <h2 id="reports">{t.participant.reports}</h2>
      <p class="hint">{t.participant.reportsHint}</p>
      <div class="actions">
        <button type="button" data-report="interval" disabled={state === "busy"} onClick={() => void save("interval")}>
          {t.participant.intervalReport}
        </button>
        {props.participant.phase === "exited" && (
          <button type="button" data-report="end" disabled={state === "busy"} onClick={() => void save("end")}>
            {t.participant.endReport}
          </button>
        )}
      </div>
      {state === "failed" && (
        <p class="alert error" role="alert">
          {t.participant.reportFailed}
        </p>
      )}
    </section>
  );
}

/** The details an event carries besides its type, in words. */
function describe(event: ParticipantEvent, t: Texts, timeZone: string): string {
  switch (event.type) {
    case "employer-contact":
      return `: ${event.employer}${event.visit ? ` (${t.fields.visit.toLowerCase()} ${event.visit})` : ""}`;
    case "job-start":
      return `: ${event.employer}, ${event.hoursPerWeek} ${t.fields.hoursPerWeek.toLowerCase()}`;
    case "job-offer":
      return `: ${event.employer}, ${t.fields.startsAt.toLowerCase()} ${formatDate(event.startsAt, timeZone, t.tag)}`;
    case "benefits-counselling":
      return event.status === "offered" ? `: ${t.fields.statusOffered.toLowerCase()}` : event.status === "declined" ? `: ${t.fields.statusDeclined.toLowerCase()}` : "";
    case "follow-up-contact":
      return `: ${event.with === "participant" ? t.fields.withParticipant : t.fields.withEmployer}`.toLowerCase();
    case "follow-up-interval":
      return `: ${event.days}`;
    case "job-end":
      return event.reason ? `: ${t.jobEndReason[jobEndReasonCode(event.reason)]}` : "";
    case "exit":
      return `: ${t.exitReason[exitReasonCode(event.reason)]}`;
    case "pause":
      return event.until ? ` – ${t.participant.pausedUntil(formatDate(event.until, timeZone, t.tag))}` : "";
    default:
      return "";
  }
}

function JourneyFacts(props: { journey?: JourneyStatus }) {
  const { t, timeZone } = useI18n();
  const j = props.journey;
  if (!j) return null;
  return (
    <section aria-labelledby="journey">
      <h2 id="journey">{t.participant.journey}</h2>
      <dl class="facts card">
        <dt>{t.participant.generation}</dt>
        <dd>{j.generation ?? "–"}</dd>
        <dt>{t.participant.status}</dt>
        <dd data-field="journey-status" data-status={j.status}>
          {j.status ? (t.participant.journeyStatus[j.status] ?? j.status) : "–"}
        </dd>
        <dt>{t.participant.startedAt}</dt>
        <dd>{j.startedAt ? formatDateTime(j.startedAt, timeZone, t.tag) : "–"}</dd>
        <dt>{t.participant.checkedInAt}</dt>
        <dd>{typeof j.checkedInAt === "string" ? formatDateTime(j.checkedInAt, timeZone, t.tag) : "–"}</dd>
      </dl>
    </section>
  );
}
