import { useEffect, useId, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { figureValues, roundedValue, type FigureValue } from "../../../core/outcomes/columns";
import type { OutcomeReport } from "../../../core/outcomes/report";
import { outcomeCsvFileName, outcomeWords } from "../../../core/outcomes/words";
import type { Team } from "../api/types";
import { useResource } from "../api/use-resource";
import { useApp, useSession } from "../app-context";
import { systemNow } from "../clock";
import { currentQuarter } from "../format";
import { useTitle } from "../components/layout";
import { QuarterChart } from "../components/quarter-chart";
import { DataTable } from "../components/table";
import { ErrorView, Loading } from "../components/status";
import { useI18n } from "../i18n";
import { downloadFile } from "../api/download";

/**
 * The quarterly outcome report (`GET /reports/outcomes`) for the last eight quarters: a chart of
 * the main figures and every figure in a table, for one team or (admins) for all teams, and the
 * newest quarter as a CSV for the spreadsheet sent to funders and NAV. Read-only.
 */
const quarterPattern = /^(\d{4})-Q([1-4])$/;
const shown = 8;

function shiftQuarter(quarter: string, n: number): string {
  const [, year, number] = quarterPattern.exec(quarter)!;
  const index = Number(year) * 4 + Number(number) - 1 + n;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

const reportPath = (teamId: string | undefined, quarter?: string, csv?: { lang: string }) => {
  const query = new URLSearchParams({ ...(quarter ? { quarter } : {}), ...(teamId ? { teamId } : {}), ...(csv ? { format: "csv", lang: csv.lang } : {}) });
  const text = query.toString();
  return `/reports/outcomes${text ? `?${text}` : ""}`;
};

type Reports = { state: "loading" } | { state: "ok"; reports: OutcomeReport[] } | { state: "error"; error: unknown };

/** The report of `last` (default: the last quarter ended, as the API's clock says) and the seven before it, oldest first. */
function useReports(teamId: string | undefined, last: string | undefined): Reports & { reload: () => void } {
  const { api } = useApp();
  const [tick, setTick] = useState(0);
  const key = `${teamId ?? ""}|${last ?? ""}|${tick}`;
  const [result, setResult] = useState<{ key: string } & Reports>();
  useEffect(() => {
    let live = true;
    (async () => {
      // One request: the API reads each team once for all the quarters.
      const query = new URLSearchParams({ count: String(shown), ...(last ? { quarter: last } : {}), ...(teamId ? { teamId } : {}) });
      return (await api.get<{ reports: OutcomeReport[] }>(`/reports/outcomes/quarters?${query}`)).reports;
    })().then(
      (reports) => live && setResult({ key, state: "ok", reports }),
      (error) => live && setResult({ key, state: "error", error }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  const reload = () => setTick((n) => n + 1);
  return result?.key === key ? { ...result, reload } : { state: "loading", reload };
}

export function OutcomesPage() {
  const { t } = useI18n();
  const { principal } = useSession();
  const { query, route } = useLocation();
  const requested = typeof query.quarter === "string" && quarterPattern.test(query.quarter) ? query.quarter : undefined;
  // A team member sees their own team; an admin the team in the URL, or all teams.
  const teamId = (typeof query.teamId === "string" && query.teamId) || (principal.role === "team" ? principal.teamId : undefined);
  const reports = useReports(teamId, requested);
  const newest = reports.state === "ok" ? reports.reports[shown - 1] : undefined;
  const scopeName = newest ? (newest.teamName ?? t.outcomes.allTeams) : undefined;
  useTitle(scopeName ? t.outcomes.titleFor(scopeName) : t.outcomes.title);
  const go = (next: { teamId?: string; quarter?: string }) => route(reportPath(next.teamId, next.quarter));
  return (
    <>
      <h1>{scopeName ? t.outcomes.titleFor(scopeName) : t.outcomes.title}</h1>
      <p class="lead">{t.outcomes.lead}</p>
      {principal.role === "admin" && <ScopeChooser teamId={teamId} go={(id) => go({ teamId: id, quarter: requested })} />}
      {reports.state === "loading" && <Loading />}
      {reports.state === "error" && <ErrorView error={reports.error} retry={reports.reload} />}
      {reports.state === "ok" && <Report reports={reports.reports} teamId={teamId} go={(quarter) => go({ teamId, quarter })} />}
    </>
  );
}

/** Admins: all teams together, or one team. */
function ScopeChooser(props: { teamId: string | undefined; go: (teamId: string | undefined) => void }) {
  const { t } = useI18n();
  const id = useId();
  const teams = useResource<{ teams: Team[] }>("/teams");
  const list = teams.state === "ok" ? [...teams.data.teams].sort((a, b) => a.name.localeCompare(b.name, t.tag)) : [];
  return (
    <div class="field scope-field">
      <label for={id}>{t.outcomes.scope}</label>
      <select id={id} value={props.teamId ?? ""} onChange={(e) => props.go((e.target as HTMLSelectElement).value || undefined)}>
        <option value="">{t.outcomes.allTeams}</option>
        {list.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
        {props.teamId && !list.some((team) => team.id === props.teamId) && <option value={props.teamId}>{props.teamId}</option>}
      </select>
    </div>
  );
}

function Report(props: { reports: OutcomeReport[]; teamId: string | undefined; go: (quarter: string) => void }) {
  const { t, locale, timeZone } = useI18n();
  const words = outcomeWords[locale];
  const { reports } = props;
  const newest = reports[reports.length - 1]!;
  const label = (quarter: string) => {
    const [, year, n] = quarterPattern.exec(quarter)!;
    return t.outcomes.quarterLabel(Number(year), Number(n));
  };
  const current = currentQuarter(systemNow(), timeZone);
  const canGoOn = newest.quarter < current;
  const number = new Intl.NumberFormat(t.tag, { maximumFractionDigits: 2 });
  const show = (figure: FigureValue) => {
    const value = roundedValue(figure);
    if (value === null) return "–";
    return figure.kind === "share" ? t.outcomes.percent(number.format(value)) : number.format(value);
  };
  const nameOf = (key: FigureValue["key"]) => (typeof key === "string" ? words.figure[key] : words.exitColumn(words.exitReason[key.exitReason]));
  const keyOf = (key: FigureValue["key"]) => (typeof key === "string" ? key : `exit-${key.exitReason}`);
  const rows = figureValues(newest.figures).map((figure, i) => ({
    key: keyOf(figure.key),
    name: nameOf(figure.key),
    cells: reports.map((report) => figureValues(report.figures)[i]!),
  }));
  const series = [
    { label: words.figure.referrals, values: reports.map((r) => r.figures.referrals) },
    { label: words.figure.jobStarts, values: reports.map((r) => r.figures.jobStarts) },
    { label: words.figure.firstJobs, values: reports.map((r) => r.figures.firstJobs) },
    { label: words.figure.inWork, values: reports.map((r) => r.figures.atEnd.inWork) },
  ];
  return (
    <div class="outcomes" data-quarter={newest.quarter}>
      <div class="actions" role="group" aria-label={t.outcomes.chooseQuarters}>
        <button type="button" class="secondary" onClick={() => props.go(shiftQuarter(newest.quarter, -1))}>
          <span aria-hidden="true">←</span>
          {t.outcomes.previous}
        </button>
        <button type="button" class="secondary" aria-disabled={canGoOn ? undefined : "true"} onClick={() => canGoOn && props.go(shiftQuarter(newest.quarter, 1))}>
          {t.outcomes.next}
          <span aria-hidden="true">→</span>
        </button>
      </div>
      <p>{t.outcomes.period(label(reports[0]!.quarter), label(newest.quarter))}</p>

      <section aria-labelledby="outcomes-chart">
        <h2 id="outcomes-chart">{t.outcomes.chart}</h2>
        <QuarterChart
          labels={reports.map((r) => t.outcomes.quarterTick(r.quarter.slice(0, 4), r.quarter.slice(-1)))}
          series={series}
          summary={t.outcomes.chartSummary(series.map((s) => s.label))}
        />
      </section>

      <section aria-labelledby="outcomes-table">
        <h2 id="outcomes-table">{t.outcomes.table}</h2>
        <DataTable
          label={t.outcomes.table}
          columns={[t.outcomes.figure, ...reports.map((r) => (r.final ? label(r.quarter) : `${label(r.quarter)} (${t.outcomes.provisional})`))]}
        >
          {rows.map((row) => (
            <tr key={row.key} data-figure={row.key}>
              <th scope="row">{row.name}</th>
              {row.cells.map((cell, i) => (
                <td key={reports[i]!.quarter} data-quarter={reports[i]!.quarter} class="number">
                  {show(cell)}
                </td>
              ))}
            </tr>
          ))}
        </DataTable>
        <p class="hint">{t.outcomes.noValue}</p>
        {reports.some((r) => !r.final) && <p class="hint">{t.outcomes.provisionalHint}</p>}
      </section>

      <Download report={newest} teamId={props.teamId} label={label(newest.quarter)} />

      <details class="definitions">
        <summary>{t.outcomes.howCounted}</summary>
        <ul>
          {t.outcomes.definitions.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}

/** The newest quarter as the CSV the API makes, saved as a file (the request carries the session's token). */
function Download(props: { report: OutcomeReport; teamId: string | undefined; label: string }) {
  const { t, locale } = useI18n();
  const { config, auth } = useApp();
  const [state, setState] = useState<"idle" | "busy" | "failed">("idle");
  const download = async () => {
    setState("busy");
    try {
      await downloadFile({
        url: config.apiUrl + reportPath(props.teamId, props.report.quarter, { lang: locale }),
        token: auth.current()?.token,
        accept: "text/csv",
        fileName: outcomeCsvFileName({ quarter: props.report.quarter, teamId: props.teamId }, locale),
      });
      setState("idle");
    } catch {
      setState("failed");
    }
  };
  return (
    <section aria-labelledby="outcomes-download">
      <h2 id="outcomes-download">{t.outcomes.downloadTitle}</h2>
      <p class="hint">{t.outcomes.downloadHint}</p>
      <button type="button" onClick={() => void download()} disabled={state === "busy"}>
        {state === "busy" ? t.outcomes.downloading : t.outcomes.download(props.label)}
      </button>
      {state === "failed" && (
        <p class="alert error" role="alert">
          {t.common.serverError}
        </p>
      )}
    </section>
  );
}
