import { Fragment, type ComponentChildren } from "preact";
import { useEffect, useId, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { phases } from "../../../core/domain/schemas";
import type { Phase, Team, TeamParticipant, WeeklySummaryFigures } from "../api/types";
import { useResource } from "../api/use-resource";
import { useSession } from "../app-context";
import { systemNow } from "../clock";
import { useTitle } from "../components/layout";
import { DataTable } from "../components/table";
import { Show } from "../components/status";
import { currentWeek, dayBefore, formatDate, isWeek, percent, shiftWeek, weekParts } from "../format";
import { useI18n } from "../i18n";

/**
 * A treatment team's page: its participants by phase, and the weekly summary of a chosen ISO week
 * with the same figures as the email. Read-only: the team follows, the specialists record.
 */
export function TeamPage(props: { id: string }) {
  const { t } = useI18n();
  const { principal } = useSession();
  const teamPath = `/teams/${encodeURIComponent(props.id)}`;
  const team = useResource<Team>(teamPath);
  // Specialists' names come with the summary (its caseloads); the participant list borrows them.
  const [names, setNames] = useState<Record<string, string>>({});
  useTitle(team.state === "ok" ? t.team.title(team.data.name) : t.nav.team);
  if (team.state !== "ok") return <Show resource={team}>{() => null}</Show>;
  return (
    <>
      <h1>{t.team.title(team.data.name)}</h1>
      {principal.role === "team" && <p class="lead">{t.team.readOnly}</p>}
      <p>
        <a href={`/reports/outcomes?teamId=${encodeURIComponent(team.data.id)}`}>{t.outcomes.link}</a>
      </p>
      <p>
        <a href={`${teamPath}/fidelity`}>{t.fidelity.link}</a>
      </p>
      <ParticipantsByPhase teamPath={teamPath} names={names} />
      <WeeklySummary teamPath={teamPath} onNames={(more) => setNames((known) => ({ ...known, ...more }))} />
    </>
  );
}

function ParticipantsByPhase(props: { teamPath: string; names: Record<string, string> }) {
  const { t, words, timeZone } = useI18n();
  const participants = useResource<{ participants: TeamParticipant[]; count: number }>(`${props.teamPath}/participants`);
  return (
    <section aria-labelledby="team-participants">
      <h2 id="team-participants">{t.team.participants}</h2>
      <Show resource={participants}>
        {({ participants: list }) => {
          const groups = phases
            .map((phase) => ({ phase, members: list.filter((p) => p.phase === phase).sort((a, b) => a.code.localeCompare(b.code, t.tag)) }))
            .filter((group) => group.members.length > 0);
          if (groups.length === 0) return <p>{t.team.noParticipants}</p>;
          return groups.map(({ phase, members }) => (
            <PhaseGroup key={phase} phase={phase} label={words.phase[phase]} count={members.length}>
              <DataTable label={words.phase[phase]} columns={[words.summary.column.participant, words.summary.column.specialist, t.team.nextDue]}>
                {members.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <ParticipantLink id={p.id} code={p.code} />
                    </td>
                    <td>{props.names[p.specialistId] ?? "–"}</td>
                    <td>{p.nextDue ? formatDate(p.nextDue, timeZone, t.tag) : t.team.noDue}</td>
                  </tr>
                ))}
              </DataTable>
            </PhaseGroup>
          ));
        }}
      </Show>
    </section>
  );
}

function PhaseGroup(props: { phase: Phase; label: string; count: number; children: ComponentChildren }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <section aria-labelledby={id} data-phase={props.phase}>
      <h3 id={id}>
        {props.label} <span class="count">({t.team.phaseCount(props.count)})</span>
      </h3>
      {props.children}
    </section>
  );
}

/** The summary of the week in the URL (`?week=2026-W48`), or of the last full week without one. */
function WeeklySummary(props: { teamPath: string; onNames: (names: Record<string, string>) => void }) {
  const { t, timeZone } = useI18n();
  const { path, query, route } = useLocation();
  const requested = query.week as string | undefined;
  const requestedValid = requested === undefined || isWeek(requested);
  const summary = useResource<WeeklySummaryFigures>(
    requestedValid ? `${props.teamPath}/summary${requested ? `?week=${encodeURIComponent(requested)}` : ""}` : undefined,
  );
  const week = requested !== undefined ? (requestedValid ? requested : undefined) : summary.state === "ok" ? summary.data.week : undefined;
  const figures = summary.state === "ok" ? summary.data : undefined;
  useEffect(() => {
    if (figures) props.onNames(Object.fromEntries(figures.caseloads.map((c) => [c.specialistId, c.specialistName])));
  }, [figures]);
  const shown = week ? weekParts(week) : undefined;
  return (
    <section aria-labelledby="team-summary">
      <h2 id="team-summary">{shown ? t.team.summaryTitle(shown.weekNumber, shown.weekYear) : t.team.summary}</h2>
      <WeekChooser
        week={week}
        current={currentWeek(systemNow(), timeZone)}
        invalid={requestedValid ? undefined : requested}
        go={(next) => route(`${path}?week=${encodeURIComponent(next)}`)}
      />
      {requestedValid && <Show resource={summary}>{(figures) => <Figures figures={figures} />}</Show>}
    </section>
  );
}

/**
 * Previous and next week, and a week field (a week picker where the browser has one, else text
 * such as 2026-W48). No form: nothing on this page is sent anywhere, the choice only moves the URL.
 */
function WeekChooser(props: { week: string | undefined; current: string; invalid: string | undefined; go: (week: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState(props.week ?? props.invalid ?? "");
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setDraft(props.week ?? props.invalid ?? "");
    setError(props.invalid !== undefined ? t.team.weekInvalid : undefined);
  }, [props.week, props.invalid, t]);
  const apply = () => {
    const value = draft.trim().toUpperCase();
    if (!isWeek(value)) return setError(t.team.weekInvalid);
    setError(undefined);
    if (value !== props.week) props.go(value);
  };
  const canGoBack = props.week !== undefined;
  const canGoOn = props.week !== undefined && props.week < props.current;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class="week-chooser" role="group" aria-label={t.team.chooseWeek}>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          aria-disabled={canGoBack ? undefined : "true"}
          onClick={() => canGoBack && props.go(shiftWeek(props.week!, -1))}
        >
          <span aria-hidden="true">←</span>
          {t.team.previous}
        </button>
        <button
          type="button"
          class="secondary"
          aria-disabled={canGoOn ? undefined : "true"}
          onClick={() => canGoOn && props.go(shiftWeek(props.week!, 1))}
        >
          {t.team.next}
          <span aria-hidden="true">→</span>
        </button>
      </div>
      <div class="week-field">
        <div class={`field${error ? " invalid" : ""}`}>
          <label for={id}>{t.team.week}</label>
          <p class="hint" id={`${id}-hint`}>
            {t.team.weekHint}
          </p>
          <input
            id={id}
            type="week"
            name="week"
            value={draft}
            max={props.current}
            aria-invalid={error ? "true" : undefined}
            aria-describedby={describedBy}
            onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                apply();
              }
            }}
          />
          {error && (
            <p class="field-error" id={`${id}-error`}>
              {error}
            </p>
          )}
        </div>
        <button type="button" onClick={apply}>
          {t.team.show}
        </button>
      </div>
    </div>
  );
}

/** The weekly summary's figures, section by section as in the email. */
function Figures({ figures }: { figures: WeeklySummaryFigures }) {
  const { t, words, timeZone } = useI18n();
  const c = words.summary.column;
  const date = (iso: string) => formatDate(iso, timeZone, t.tag);
  const lastDay = dayBefore(figures.weekEnd, timeZone);
  const number = new Intl.NumberFormat(t.tag);
  const byTime = <T,>(list: T[], at: (entry: T) => string) => [...list].sort((a, b) => Date.parse(at(a)) - Date.parse(at(b)));
  // A missed 30-day deadline first, then the longest overdue.
  const overdue = [...figures.overdue].sort((a, b) => Number(b.missedDeadline) - Number(a.missedDeadline) || b.daysOverdue - a.daysOverdue);
  const contacts = figures.employerContacts;
  const outcomes = figures.outcomes;
  const f = words.summary.figure;
  // A part-time specialist's target or limit shows the working share it follows from, as in the email.
  const scaled = (value: number, fte: number) => (fte < 1 ? words.summary.partTime(number.format(value), percent(fte, t.tag)) : number.format(value));
  const terms = (start: WeeklySummaryFigures["starts"][number]) =>
    [
      start.hoursPerWeek !== undefined ? words.summary.hoursPerWeek(number.format(start.hoursPerWeek)) : "",
      start.wage ? words.summary.wage[start.wage] : "",
      start.temporary === undefined ? "" : start.temporary ? words.summary.temporary : words.summary.permanent,
    ]
      .filter(Boolean)
      .join(", ");
  return (
    <div class="summary" data-week={figures.week}>
      <p>{t.team.period(date(figures.weekStart), date(lastDay))}</p>

      <h3>{words.summary.heading.outcomes}</h3>
      <dl class="facts">
        <dt>{f.active}</dt>
        <dd>{outcomes.active}</dd>
        <dt>{f.inWork}</dt>
        <dd>{outcomes.inWork}</dd>
        <dt>{f.inSchool}</dt>
        <dd>{outcomes.inSchool}</dd>
        <dt>{f.inWorkOrSchool}</dt>
        <dd>{outcomes.inWorkOrSchool}</dd>
        <dt>{f.employmentRate}</dt>
        <dd>{percent(outcomes.employmentRate, t.tag)}</dd>
        <dt>{f.inWorkOrSchoolRate}</dt>
        <dd>{percent(outcomes.inWorkOrSchoolRate, t.tag)}</dd>
      </dl>
      <p class="hint">{words.summary.activeMeans}</p>

      <h3>{words.summary.heading.phases}</h3>
      <dl class="facts">
        {phases.map((phase) => (
          <Fragment key={phase}>
            <dt>{words.phase[phase]}</dt>
            <dd>{figures.participantsByPhase[phase] ?? 0}</dd>
          </Fragment>
        ))}
      </dl>

      <h3>{words.summary.heading.referrals}</h3>
      <Listing label={words.summary.heading.referrals} rows={byTime(figures.newReferrals, (r) => r.referredAt)} columns={[c.participant, c.referredAt]}>
        {(r) => (
          <tr key={r.participantId}>
            <td>
              <ParticipantLink id={r.participantId} code={r.code} />
            </td>
            <td>{date(r.referredAt)}</td>
          </tr>
        )}
      </Listing>

      <h3>{words.summary.heading.employerContacts}</h3>
      <p>{words.summary.employerContactsTotal(contacts.total, contacts.target)}</p>
      <Listing label={words.summary.heading.employerContacts} rows={contacts.perSpecialist} columns={[c.specialist, c.contacts, c.target, c.status]} empty={null}>
        {(s) => (
          <tr key={s.specialistId}>
            <td>{s.specialistName}</td>
            <td>{s.inTeam === s.count ? s.count : words.summary.contactsWithTeamShare(s.count, s.inTeam)}</td>
            <td>{scaled(s.target, s.fte)}</td>
            <td>
              {s.count < s.target ? <span class="status due">{words.summary.belowTarget}</span> : <span class="status done">{words.summary.targetMet}</span>}
            </td>
          </tr>
        )}
      </Listing>
      {contacts.perSpecialist.length > 0 && <p class="hint">{words.summary.contactsPerSpecialist}</p>}
      <p>{words.summary.rapidJobSearch(figures.rapidJobSearch, (days) => number.format(days))}</p>

      <h3>{words.summary.heading.starts}</h3>
      <Listing label={words.summary.heading.starts} rows={byTime(figures.starts, (s) => s.at)} columns={[c.participant, c.start, c.what, c.terms]}>
        {(s, i) => (
          <tr key={`${s.participantId}-${i}`}>
            <td>
              <ParticipantLink id={s.participantId} code={s.code} />
            </td>
            <td>{date(s.at)}</td>
            <td>{s.kind === "education" ? words.summary.education : s.employer ? words.summary.jobAt(s.employer) : words.summary.job}</td>
            <td>{terms(s)}</td>
          </tr>
        )}
      </Listing>

      <h3>{words.summary.heading.ends}</h3>
      <Listing label={words.summary.heading.ends} rows={byTime(figures.ends, (e) => e.at)} columns={[c.participant, c.end, c.what]}>
        {(e, i) => (
          <tr key={`${e.participantId}-${i}`}>
            <td>
              <ParticipantLink id={e.participantId} code={e.code} />
            </td>
            <td>{date(e.at)}</td>
            <td>{e.kind === "job" ? words.summary.job : words.summary.education}</td>
          </tr>
        )}
      </Listing>

      <h3>{t.team.overdue}</h3>
      <Listing label={t.team.overdue} rows={overdue} columns={[c.participant, c.specialist, c.task, c.due, c.status]}>
        {(o, i) => (
          <tr key={`${o.participantId}-${o.kind}-${i}`} class={o.missedDeadline ? "missed" : undefined}>
            <td>
              <ParticipantLink id={o.participantId} code={o.code} />
            </td>
            <td>{o.specialistName}</td>
            <td>{words.obligation[o.kind]}</td>
            <td>{date(o.dueAt)}</td>
            <td>
              {o.missedDeadline && (
                <>
                  <span class="status overdue">{t.day.missed}</span>{" "}
                </>
              )}
              {t.day.daysOverdue(o.daysOverdue)}
            </td>
          </tr>
        )}
      </Listing>

      <h3>{words.summary.heading.comingFollowUps}</h3>
      <Listing label={words.summary.heading.comingFollowUps} rows={byTime(figures.comingFollowUps, (f) => f.dueAt)} columns={[c.participant, c.task, c.due]}>
        {(f, i) => (
          <tr key={`${f.participantId}-${f.kind}-${i}`}>
            <td>
              <ParticipantLink id={f.participantId} code={f.code} />
            </td>
            <td>{words.obligation[f.kind]}</td>
            <td>{date(f.dueAt)}</td>
          </tr>
        )}
      </Listing>

      <h3>{words.summary.heading.caseloads}</h3>
      <Listing label={words.summary.heading.caseloads} rows={figures.caseloads} columns={[c.specialist, c.caseload, c.limit, c.status]}>
        {(cl) => (
          <tr key={cl.specialistId}>
            <td>{cl.specialistName}</td>
            <td>{cl.count}</td>
            <td>{scaled(cl.limit, cl.fte)}</td>
            <td>{cl.count > cl.limit ? <span class="status overdue">{t.caseload.overLimit}</span> : t.team.withinLimit}</td>
          </tr>
        )}
      </Listing>
    </div>
  );
}

function ParticipantLink(props: { id: string; code: string }) {
  return <a href={`/participants/${encodeURIComponent(props.id)}`}>{props.code}</a>;
}

/** A table of the rows, or "None." when there are none (or `empty` instead). */
function Listing<T>(props: {
  label: string;
  rows: T[];
  columns: string[];
  empty?: ComponentChildren;
  children: (row: T, index: number) => ComponentChildren;
}) {
  const { t } = useI18n();
  if (props.rows.length === 0) return props.empty === undefined ? <p>{t.common.none}</p> : <>{props.empty}</>;
  return (
    <DataTable label={props.label} columns={props.columns}>
      {props.rows.map((row, i) => props.children(row, i))}
    </DataTable>
  );
}
