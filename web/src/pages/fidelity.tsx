import { Fragment, type ComponentChildren } from "preact";
import { useId } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { Team } from "../api/types";
import { useResource } from "../api/use-resource";
import { systemNow } from "../clock";
import { useTitle } from "../components/layout";
import { DataTable } from "../components/table";
import { Show } from "../components/status";
import { currentQuarter, dayBefore, formatDate, percent } from "../format";
import { useI18n } from "../i18n";
import { measuredItems, reviewItems, scores, sectionNames } from "../../../core/fidelity/anchors";
import type { FidelityItemResult, FidelityReport, MeasuredResult } from "../../../core/fidelity/report";
import type { ExitReason } from "../../../core/domain/schemas";

/**
 * A team's fidelity self-score for a quarter (`?quarter=2026-Q4`, default the last complete one):
 * each item the records measure with its score, its five anchors (the one reached marked), the
 * figures behind it and how they are counted; then the items that need the review, without a
 * score. Texts of the items come from the one table in core/fidelity/anchors.ts.
 */
export function FidelityPage(props: { id: string }) {
  const { t } = useI18n();
  const { query, path, route } = useLocation();
  const teamPath = `/teams/${encodeURIComponent(props.id)}`;
  const team = useResource<Team>(teamPath);
  const requested = query.quarter as string | undefined;
  const valid = requested === undefined || isQuarter(requested);
  const report = useResource<FidelityReport>(valid ? `${teamPath}/fidelity${requested ? `?quarter=${encodeURIComponent(requested)}` : ""}` : undefined);
  useTitle(team.state === "ok" ? t.fidelity.title(team.data.name) : t.fidelity.heading);
  const quarter = requested ?? (report.state === "ok" ? report.data.quarter : undefined);
  return (
    <>
      <h1>{team.state === "ok" ? t.fidelity.title(team.data.name) : t.fidelity.heading}</h1>
      <p class="lead">{t.fidelity.intro}</p>
      <p>
        <a href={teamPath}>{t.fidelity.backToTeam}</a>
      </p>
      <QuarterChooser quarter={valid ? quarter : undefined} go={(next) => route(`${path}?quarter=${encodeURIComponent(next)}`)} />
      {valid ? (
        <Show resource={report}>{(data) => <Report report={data} />}</Show>
      ) : (
        <div class="alert error" role="alert">
          <p>{t.fidelity.quarterInvalid}</p>
        </div>
      )}
    </>
  );
}

const quarterPattern = /^(\d{4})-Q([1-4])$/;
const isQuarter = (quarter: string) => quarterPattern.test(quarter);
const shiftQuarter = (quarter: string, n: number) => {
  const [, year, number] = quarterPattern.exec(quarter)!;
  const index = Number(year) * 4 + Number(number) - 1 + n;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
};

/** Previous and next quarter (up to the one running now): the choice only moves the URL. */
function QuarterChooser(props: { quarter: string | undefined; go: (quarter: string) => void }) {
  const { t, timeZone } = useI18n();
  const current = currentQuarter(systemNow(), timeZone);
  const { quarter } = props;
  const canGoOn = quarter !== undefined && quarter < current;
  const label = quarter ? t.fidelity.quarter(Number(quarter.slice(6)), Number(quarter.slice(0, 4))) : "";
  return (
    <div class="quarter-chooser" role="group" aria-label={t.fidelity.chooseQuarter}>
      <button type="button" class="secondary" aria-disabled={quarter ? undefined : "true"} onClick={() => quarter && props.go(shiftQuarter(quarter, -1))}>
        <span aria-hidden="true">←</span>
        {t.fidelity.previous}
      </button>
      <span class="quarter-label" aria-live="polite">
        {label}
      </span>
      <button type="button" class="secondary" aria-disabled={canGoOn ? undefined : "true"} onClick={() => canGoOn && props.go(shiftQuarter(quarter!, 1))}>
        {t.fidelity.next}
        <span aria-hidden="true">→</span>
      </button>
    </div>
  );
}

function Report({ report }: { report: FidelityReport }) {
  const { t, timeZone } = useI18n();
  const date = (iso: string) => formatDate(iso, timeZone, t.tag);
  const lastDay = (iso: string) => dayBefore(iso, timeZone);
  const measured = report.items.filter((item): item is MeasuredResult => item.measured);
  const review = report.items.filter((item) => !item.measured);
  return (
    <div class="fidelity" data-quarter={report.quarter}>
      <p>{t.fidelity.period(date(report.start), date(lastDay(report.complete ? report.end : report.asOf)))}</p>
      {!report.complete && (
        <div class="alert warning" role="status">
          <p>{t.fidelity.running}</p>
        </div>
      )}
      {report.complete && !report.final && <p class="hint">{t.fidelity.provisional(date(lastDay(report.closesAt)))}</p>}
      <p class="fidelity-total" data-points={report.total.points}>
        <strong>{t.fidelity.total(report.total.points, report.total.maxPoints, report.total.scored)}</strong> {t.fidelity.totalNote}
      </p>

      <section aria-labelledby="fidelity-measured">
        <h2 id="fidelity-measured">{t.fidelity.measured}</h2>
        {measured.map((item) => (
          <MeasuredItem key={item.id} item={item} />
        ))}
      </section>

      <section aria-labelledby="fidelity-review">
        <h2 id="fidelity-review">{t.fidelity.review}</h2>
        <p>{t.fidelity.reviewIntro}</p>
        <ul class="fidelity-review">
          {review.map((item) => (
            <ReviewItem key={item.id} item={item} />
          ))}
        </ul>
      </section>
    </div>
  );
}

function Source(props: { item: FidelityItemResult }) {
  const { t, locale } = useI18n();
  return <p class="hint source">{t.fidelity.source(sectionNames[props.item.section][locale], props.item.number, props.item.title)}</p>;
}

function MeasuredItem({ item }: { item: MeasuredResult }) {
  const { t, locale, timeZone } = useI18n();
  const id = useId();
  const table = measuredItems[item.id];
  // The job-based items count four quarters: their span is said.
  const jobBased = item.id === "diversity-of-job-types" || item.id === "diversity-of-employers" || item.id === "competitive-jobs";
  const lastDay = dayBefore(item.period.end, timeZone);
  return (
    <article class="card fidelity-item" aria-labelledby={id} data-item={item.id} data-score={item.score ?? "none"}>
      <h3 id={id}>{table.name[locale]}</h3>
      <Source item={item} />
      <p class="score">
        {item.score === null ? (
          <span class="status upcoming">{t.fidelity.noScore}</span>
        ) : (
          <span class={`status ${item.score >= 4 ? "done" : item.score === 3 ? "due" : "overdue"}`}>{t.fidelity.score(item.score)}</span>
        )}
      </p>
      <p>{table.criterion[locale]}</p>
      {jobBased && <p class="hint">{t.fidelity.jobPeriod(formatDate(item.period.start, timeZone, t.tag), formatDate(lastDay, timeZone, t.tag))}</p>}
      <h4>{t.fidelity.figures}</h4>
      <Figures item={item} />
      <h4>{t.fidelity.anchors}</h4>
      <ol class="anchors" aria-label={t.fidelity.anchorsOf(table.name[locale])}>
        {scores.map((score) => {
          const anchor = table.anchors[score];
          const reached = item.score === score;
          return (
            <li key={score} data-anchor={score} class={reached ? "reached" : undefined} aria-current={reached ? "true" : undefined}>
              <span class="anchor-score">{score}</span>
              <span>
                {anchor.text[locale]}
                <span class="hint"> · {anchor.rule[locale]}</span>
                {reached && (
                  <>
                    {" "}
                    <span class="status done">{t.fidelity.reached}</span>
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ol>
      <details>
        <summary>{t.fidelity.how}</summary>
        <p>{table.measure[locale]}</p>
        <p>
          <strong>{t.fidelity.approximation}:</strong> {table.approximation[locale]}
        </p>
      </details>
    </article>
  );
}

function ReviewItem({ item }: { item: FidelityItemResult }) {
  const { t, locale } = useI18n();
  const table = reviewItems.find((r) => r.id === item.id);
  return (
    <li class="card" data-item={item.id}>
      <strong>{table?.name[locale] ?? item.title}</strong> <span class="status upcoming">{t.fidelity.noScoreReview}</span>
      <Source item={item} />
      {table && <p>{table.review[locale]}</p>}
    </li>
  );
}

/** A list of figures, label and value. */
function Facts(props: { rows: Array<[string, ComponentChildren]> }) {
  return (
    <dl class="facts">
      {props.rows.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function Figures({ item }: { item: MeasuredResult }) {
  const { t, words } = useI18n();
  const f = t.fidelity.figure;
  const c = t.fidelity.column;
  const number = (value: number | null, digits = 1) =>
    value === null ? "–" : new Intl.NumberFormat(t.tag, { maximumFractionDigits: digits }).format(value);
  const share = (value: number | null) => (value === null ? "–" : percent(value, t.tag));
  // A part-time specialist's share stands by their name.
  const who = (s: { name: string; fte: number }) => (s.fte < 1 ? t.fidelity.partTime(s.name, percent(s.fte, t.tag)) : s.name);
  switch (item.id) {
    case "caseload-size": {
      const x = item.figures;
      return (
        <>
          <Facts rows={[[f.caseloadParticipants, x.participants], [f.fte, number(x.fte, 2)], [f.perFullTime, number(x.perFullTime)]]} />
          {x.specialists.length > 0 && (
            <DataTable label={f.perSpecialist} columns={[c.specialist, c.participants, c.perFullTime]}>
              {x.specialists.map((s) => (
                <tr key={s.specialistId}>
                  <td>{who(s)}</td>
                  <td>{s.participants}</td>
                  <td>{number(s.perFullTime)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      );
    }
    case "rapid-job-search": {
      const x = item.figures;
      return (
        <Facts
          rows={[
            [f.firstContacts, x.count],
            [f.meanDays, number(x.meanDays)],
            [f.medianDays, number(x.medianDays)],
            [f.within30Days, x.within30Days],
            [f.waiting, x.waiting],
            [f.waitingOver30Days, x.waitingOver30Days],
          ]}
        />
      );
    }
    case "frequent-employer-contact": {
      const x = item.figures;
      return (
        <>
          <Facts
            rows={[
              [f.weeks, number(x.weeks)],
              [f.faceToFace, x.contacts],
              [f.general, x.general],
              [f.withoutMode, x.withoutMode],
              [f.notFaceToFace, x.notFaceToFace],
              [f.byParticipants, x.byParticipants],
              [f.averagePerWeek, number(x.averagePerWeekFullTime)],
              [f.averageScore, number(x.averageScore, 2)],
            ]}
          />
          {x.perSpecialist.length > 0 && (
            <DataTable label={f.perSpecialist} columns={[c.specialist, c.contacts, c.perWeekFullTime, c.score]}>
              {x.perSpecialist.map((s) => (
                <tr key={s.specialistId}>
                  <td>{who(s)}</td>
                  <td>{s.contacts}</td>
                  <td>{number(s.perWeekFullTime)}</td>
                  <td>{s.score}</td>
                </tr>
              ))}
            </DataTable>
          )}
          {x.perSpecialist.length > 0 && <p class="hint">{f.perWeekHint}</p>}
        </>
      );
    }
    case "diversity-of-job-types":
    case "diversity-of-employers": {
      const x = item.figures;
      const types = item.id === "diversity-of-job-types";
      return (
        <Facts
          rows={[
            [types ? f.jobsWithType : f.jobs, x.jobs],
            [types ? f.types : f.employers, x.distinct],
            [f.share, share(x.share)],
            [types ? f.withoutType : f.withoutEmployer, x.unknown],
          ]}
        />
      );
    }
    case "competitive-jobs": {
      const x = item.figures;
      return (
        <Facts
          rows={[
            [f.jobs, x.jobs],
            [f.ordinary, x.ordinary],
            [f.subsidised, x.subsidised],
            [f.shareOrdinary, share(x.share)],
            [f.temporary, x.temporary],
            [f.wageUnknown, x.unknown],
          ]}
        />
      );
    }
    case "work-incentives-planning": {
      const x = item.figures;
      return (
        <Facts
          rows={[
            [f.starts, x.starts],
            [f.startsWithCounselling, x.startsWithCounselling],
            [f.startShare, share(x.startShare)],
            [f.changes, x.changes],
            [f.changesWithCounselling, x.changesWithCounselling],
            [f.changeShare, share(x.changeShare)],
          ]}
        />
      );
    }
    case "time-unlimited-follow-along": {
      const x = item.figures;
      return (
        <>
          <DataTable label={f.obligations} columns={[c.obligation, c.due, c.onTime, c.share]}>
            {x.kinds.map((k) => (
              <tr key={k.kind} data-kind={k.kind}>
                <td>{words.obligation[k.kind]}</td>
                <td>{k.due}</td>
                <td>{k.onTime}</td>
                <td>{share(k.share)}</td>
              </tr>
            ))}
          </DataTable>
          <Facts rows={[[f.allDue, x.due], [f.allOnTime, x.onTime], [f.share, share(x.share)]]} />
        </>
      );
    }
    case "zero-exclusion": {
      const x = item.figures;
      const reasons = Object.entries(x.reasons) as Array<[ExitReason | "unknown", number]>;
      return (
        <>
          <Facts
            rows={[
              [f.ended, x.ended],
              [f.started, x.started],
              [f.notStarted, x.notStarted],
              [f.excluded, x.excluded],
              [f.share, share(x.share)],
            ]}
          />
          {reasons.length > 0 && (
            <DataTable label={f.reasons} columns={[c.reason, c.count]}>
              {reasons.map(([reason, count]) => (
                <tr key={reason}>
                  <td>{reason === "unknown" ? f.reasonUnknown : t.exitReason[reason]}</td>
                  <td>{count}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      );
    }
  }
}
