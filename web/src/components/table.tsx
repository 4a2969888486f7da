import type { ComponentChildren } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";

/**
 * A table with column headers that scrolls sideways inside `.table-wrap` on a narrow screen
 * instead of widening the page. The section's heading (or `caption`) names it. While it is wider
 * than the screen, the scrolling box can take the focus (named by `label`), so it scrolls by
 * keyboard too; otherwise it is no tab stop.
 */
export function DataTable(props: { columns: string[]; label: string; caption?: string; children: ComponentChildren }) {
  const wrap = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useLayoutEffect(() => {
    const box = wrap.current;
    if (!box) return;
    const measure = () => setScrolls(box.scrollWidth > box.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div class="table-wrap data-table" ref={wrap} {...(scrolls ? { tabIndex: 0, role: "group", "aria-label": props.label } : {})}>
      <table aria-label={props.caption ? undefined : props.label}>
        {props.caption && <caption>{props.caption}</caption>}
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}
