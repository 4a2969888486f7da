import { useEffect, useRef, useState } from "preact/hooks";
import * as z from "../../../core/zod-mini";
import { useResource } from "../api/use-resource";
import { useApp } from "../app-context";
import { TextField } from "../components/fields";
import { FormStatus } from "../components/form-status";
import { useTitle } from "../components/layout";
import { NotFound, Show } from "../components/status";
import { formatDateTime } from "../format";
import { useSubmission } from "../forms";
import { useI18n } from "../i18n";

/** The same bound the local clock route sets: a positive number of days, ten years at most. */
const advanceSchema = z.strictObject({ days: z.number().check(z.positive(), z.lte(3660)) });

/**
 * Local only: the virtual clock the local system runs on. Moving it forward runs every timer,
 * workflow step and email due on the way before the answer comes, so a demo can jump a month and
 * find the reminders in the inbox. Without the local system the page does not exist.
 */
export function ClockPage() {
  const { config } = useApp();
  const { t } = useI18n();
  useTitle(config.local ? t.clock.title : t.errors.notFoundTitle);
  if (!config.local) return <NotFound />;
  return <Clock inboxUrl={config.local.inboxUrl} />;
}

function Clock(props: { inboxUrl: string }) {
  const { api } = useApp();
  const { t, timeZone } = useI18n();
  const clock = useResource<{ now: string }>("/local/clock");
  const submission = useSubmission<{ now: string }, typeof advanceSchema>(advanceSchema);
  const [days, setDays] = useState("7");
  const [advancedTo, setAdvancedTo] = useState<string | undefined>();
  const form = useRef<HTMLFormElement>(null);
  const dateTime = (iso: string) => formatDateTime(iso, timeZone, t.tag);
  useEffect(() => {
    if (submission.fieldErrors.days) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [submission.fieldErrors]);
  const advance = async () => {
    setAdvancedTo(undefined);
    const typed = days.trim().replace(",", ".");
    const answer = await submission.submit({ days: typed === "" ? Number.NaN : Number(typed) }, (body) =>
      api.post<{ now: string }>("/local/clock/advance", body),
    );
    if (!answer) return;
    setAdvancedTo(answer.now);
    clock.reload();
  };
  return (
    <>
      <h1>{t.clock.title}</h1>
      <p>{t.clock.intro}</p>
      <div class="card">
        <h2 class="card-title">{t.clock.now}</h2>
        <Show resource={clock}>
          {({ now }) => (
            <p class="clock-now">
              <time dateTime={now}>{dateTime(now)}</time>
            </p>
          )}
        </Show>
      </div>
      <div class="card">
        <h2 class="card-title">{t.clock.advance}</h2>
        <form
          ref={form}
          class="inline"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void advance();
          }}
        >
          <TextField
            label={t.clock.advanceDays}
            name="days"
            type="number"
            inputMode="decimal"
            min={1}
            max={3660}
            step="any"
            value={days}
            onInput={setDays}
            hint={t.clock.daysHint}
            error={submission.fieldErrors.days && t.clock.daysInvalid}
          />
          <div class="actions">
            <button type="submit" aria-disabled={submission.submitting ? "true" : undefined}>
              {t.clock.advance}
            </button>
          </div>
        </form>
        <FormStatus submission={submission} shownFields={["days"]} />
        <div role="status">
          {submission.submitting && <p class="loading">{t.clock.advancing}</p>}
          {advancedTo && <p class="alert success">{t.clock.advanced(dateTime(advancedTo))}</p>}
        </div>
      </div>
      <p>
        <a href={props.inboxUrl} target="_blank" rel="noopener">
          {t.clock.inbox} <span class="hint">{t.clock.newTab}</span>
        </a>
      </p>
    </>
  );
}
