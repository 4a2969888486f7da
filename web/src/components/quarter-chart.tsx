import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

/** One line of the chart: its name and a value per quarter (null: nothing to show). */
export interface ChartSeries {
  label: string;
  values: Array<number | null>;
}

/**
 * Lines over quarters, drawn by uPlot on a canvas (nothing inline that the CSP would stop: uPlot
 * sets sizes through the DOM's style properties, and its sheet is bundled with the app's). The
 * canvas is a picture named by `summary`; the same numbers stand in the table beside it, and the
 * legend is the page's own list, so every word is text a screen reader reads.
 */
export const seriesLook = [
  { stroke: "#0b5a8a", dash: undefined },
  { stroke: "#a4161a", dash: [8, 4] },
  { stroke: "#1d6b36", dash: [2, 3] },
  { stroke: "#6a3d9a", dash: [12, 4, 2, 4] },
] as const;

export function QuarterChart(props: { labels: string[]; series: ChartSeries[]; summary: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const size = () => ({ width: Math.max(240, Math.floor(el.clientWidth)), height: 240 });
    const x = props.labels.map((_, i) => i);
    const plot = new uPlot(
      {
        ...size(),
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.4, props.labels.length - 0.6] }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
        axes: [
          { splits: () => x, values: (_u, splits) => splits.map((i) => props.labels[i] ?? ""), size: 44, gap: 4, font: "12px system-ui, sans-serif" },
          { size: 36, font: "12px system-ui, sans-serif", incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] },
        ],
        series: [
          {},
          ...props.series.map((s, i) => ({
            label: s.label,
            stroke: seriesLook[i % seriesLook.length].stroke,
            width: 2,
            ...(seriesLook[i % seriesLook.length].dash ? { dash: [...seriesLook[i % seriesLook.length].dash!] } : {}),
            points: { show: true, size: 7 },
          })),
        ],
      },
      [x, ...props.series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    const observer = new ResizeObserver(() => plot.setSize(size()));
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [props.labels.join("|"), JSON.stringify(props.series)]);
  return (
    <figure class="chart">
      <div ref={box} class="chart-plot" role="img" aria-label={props.summary} />
      <figcaption>
        <ul class="chart-legend">
          {props.series.map((s, i) => (
            <li key={s.label}>
              <span class={`swatch swatch-${i % seriesLook.length}`} aria-hidden="true" />
              {s.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
