import { useState } from "preact/hooks";
import { eventBodySchema, exitReasons, jobEndReasons, type EventType } from "../../../core/domain/schemas";
import type { Job } from "../api/types";
import { useApp } from "../app-context";
import { systemNow } from "../clock";
import { useSubmission } from "../forms";
import { fromLocalInput, toLocalInput } from "../format";
import { useI18n } from "../i18n";
import { CheckboxField, SelectField, TextField } from "./fields";
import { FormStatus } from "./form-status";

const eventTypes: EventType[] = [
  "employer-contact",
  "participant-meeting",
  "follow-up-contact",
  "benefits-counselling",
  "job-offer",
  "job-start",
  "job-change",
  "job-end",
  "education-start",
  "education-end",
  "follow-up-interval",
  "pause",
  "resume",
  "exit",
];

/** The fields each event type takes besides `at` (the API's eventBodySchema). */
const fieldsOf: Record<EventType, readonly string[]> = {
  "participant-meeting": [],
  "benefits-counselling": ["status"],
  "employer-contact": ["employer", "visit"],
  "job-offer": ["employer", "startsAt", "hoursPerWeek", "wage"],
  "job-start": ["employer", "hoursPerWeek", "wage", "temporary"],
  "job-change": ["jobId", "hoursPerWeek", "wage", "temporary"],
  "job-end": ["jobId", "reason"],
  "education-start": [],
  "education-end": [],
  "follow-up-contact": ["with"],
  "follow-up-interval": ["days"],
  pause: ["until"],
  resume: [],
  exit: ["reason"],
};

interface Draft {
  type: EventType;
  at: string;
  employer: string;
  visit: string;
  hoursPerWeek: string;
  wage: string;
  temporary: boolean;
  reason: string;
  until: string;
  startsAt: string;
  jobId: string;
  status: string;
  /** job-change: "" leaves the wage or terms as they are. */
  changeWage: string;
  changeTemporary: string;
  with: string;
  days: string;
}

const number = (value: string) => (value.trim() === "" ? undefined : Number(value.replace(",", ".")));

/** The request body for the draft: only the type's own fields; the schema says what is missing. */
function bodyOf(draft: Draft, timeZone: string): Record<string, unknown> {
  const body: Record<string, unknown> = { type: draft.type, at: fromLocalInput(draft.at, timeZone) ?? draft.at };
  const fields = fieldsOf[draft.type];
  const change = draft.type === "job-change";
  if (fields.includes("employer")) body.employer = draft.employer;
  if (fields.includes("visit") && draft.visit) body.visit = Number(draft.visit);
  if (fields.includes("hoursPerWeek")) body.hoursPerWeek = number(draft.hoursPerWeek);
  if (fields.includes("wage")) body.wage = change ? draft.changeWage || undefined : draft.type === "job-offer" ? draft.wage || undefined : draft.wage;
  if (fields.includes("temporary")) body.temporary = change ? (draft.changeTemporary === "" ? undefined : draft.changeTemporary === "true") : draft.temporary;
  if (fields.includes("startsAt")) body.startsAt = fromLocalInput(draft.startsAt, timeZone) ?? draft.startsAt;
  if (fields.includes("jobId") && draft.jobId) body.jobId = draft.jobId;
  if (fields.includes("status")) body.status = draft.status;
  if (fields.includes("reason") && (draft.type === "exit" || draft.reason)) body.reason = draft.reason;
  if (fields.includes("until") && draft.until) body.until = fromLocalInput(draft.until, timeZone) ?? draft.until;
  if (fields.includes("with")) body.with = draft.with;
  if (fields.includes("days")) body.days = number(draft.days);
  return body;
}

export interface Recorded {
  event: { id: string; type: EventType };
  phase: string;
}

/**
 * Records one event for a participant, with the fields the API takes for its type. The draft
 * survives a validation error untouched; each error stands at its field. A double tap or a retry
 * records once (useSubmission's Idempotency-Key).
 */
export function EventForm(props: {
  participantId: string;
  /** The participant's jobs: an end or a change names which one (the API asks when several are held). */
  jobs?: Job[];
  initial?: { type: EventType; with?: "participant" | "employer" };
  /** Only this type, without the type picker (the one-tap record on My day). */
  fixedType?: boolean;
  onRecorded: (recorded: Recorded) => void;
  onCancel?: () => void;
}) {
  const { api } = useApp();
  const { t, timeZone } = useI18n();
  const fresh = (type: EventType): Draft => ({
    type,
    at: toLocalInput(systemNow(), timeZone),
    employer: "",
    visit: "",
    hoursPerWeek: "",
    wage: "ordinary",
    temporary: false,
    reason: "",
    until: "",
    startsAt: "",
    jobId: "",
    status: "held",
    changeWage: "",
    changeTemporary: "",
    with: props.initial?.with ?? "participant",
    days: "",
  });
  const [draft, setDraft] = useState<Draft>(() => fresh(props.initial?.type ?? "employer-contact"));
  const [done, setDone] = useState<string | undefined>();
  const submission = useSubmission<Recorded, typeof eventBodySchema>(eventBodySchema);
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const errors = submission.fieldErrors;
  const fields = fieldsOf[draft.type];
  const heldJobs = (props.jobs ?? []).filter((job) => job.kind === "job" && !job.endedAt);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    setDone(undefined);
    const recorded = await submission.submit(bodyOf(draft, timeZone), (body, key) =>
      api.post<Recorded>(`/participants/${encodeURIComponent(props.participantId)}/events`, body, { idempotencyKey: key }),
    );
    if (!recorded) return;
    setDone(t.participant.recordedAs(t.events[draft.type]));
    setDraft(fresh(draft.type));
    props.onRecorded(recorded);
  };

  return (
    <form class="event-form" onSubmit={onSubmit} noValidate data-event-type={draft.type}>
      {!props.fixedType && (
        <SelectField
          label={t.participant.whatHappened}
          name="type"
          value={draft.type}
          onChange={(value) => {
            set("type")(value as EventType);
            submission.reset();
          }}
          options={eventTypes.map((type) => ({ value: type, label: t.events[type] }))}
        />
      )}
      <TextField label={t.fields.at} name="at" type="datetime-local" value={draft.at} onInput={set("at")} error={errors.at} required />
      {fields.includes("employer") && (
        <TextField label={t.fields.employer} name="employer" value={draft.employer} onInput={set("employer")} error={errors.employer} maxLength={120} required />
      )}
      {fields.includes("startsAt") && (
        <TextField label={t.fields.startsAt} name="startsAt" type="datetime-local" value={draft.startsAt} onInput={set("startsAt")} error={errors.startsAt} required />
      )}
      {fields.includes("jobId") && heldJobs.length > 1 && (
        <SelectField
          label={t.fields.jobId}
          name="jobId"
          value={draft.jobId}
          onChange={set("jobId")}
          error={errors.jobId}
          options={[{ value: "", label: "–" }, ...heldJobs.map((job) => ({ value: job.id, label: job.employer ?? job.id }))]}
        />
      )}
      {fields.includes("status") && (
        <SelectField
          label={t.fields.status}
          name="status"
          value={draft.status}
          onChange={set("status")}
          error={errors.status}
          options={[
            { value: "held", label: t.fields.statusHeld },
            { value: "offered", label: t.fields.statusOffered },
            { value: "declined", label: t.fields.statusDeclined },
          ]}
        />
      )}
      {fields.includes("visit") && (
        <SelectField
          label={t.fields.visit}
          name="visit"
          value={draft.visit}
          onChange={set("visit")}
          error={errors.visit}
          options={[{ value: "", label: t.fields.visitNone }, ...["1", "2", "3"].map((n) => ({ value: n, label: n }))]}
        />
      )}
      {fields.includes("hoursPerWeek") && (
        <TextField
          label={draft.type === "job-start" ? t.fields.hoursPerWeek : `${t.fields.hoursPerWeek} ${t.fields.optional}`}
          name="hoursPerWeek"
          type="text"
          inputMode="decimal"
          value={draft.hoursPerWeek}
          onInput={set("hoursPerWeek")}
          error={errors.hoursPerWeek}
          required={draft.type === "job-start"}
        />
      )}
      {fields.includes("wage") && (
        <SelectField
          label={t.fields.wage}
          name="wage"
          value={draft.type === "job-change" ? draft.changeWage : draft.wage}
          onChange={draft.type === "job-change" ? set("changeWage") : set("wage")}
          error={errors.wage}
          options={[
            ...(draft.type === "job-start" ? [] : [{ value: "", label: draft.type === "job-change" ? t.fields.unchanged : "–" }]),
            { value: "ordinary", label: t.fields.wageOrdinary },
            { value: "subsidised", label: t.fields.wageSubsidised },
          ]}
        />
      )}
      {fields.includes("temporary") && draft.type === "job-start" && (
        <CheckboxField label={t.fields.temporary} name="temporary" checked={draft.temporary} onChange={set("temporary")} error={errors.temporary} />
      )}
      {fields.includes("temporary") && draft.type === "job-change" && (
        <SelectField
          label={t.fields.temporary}
          name="temporary"
          value={draft.changeTemporary}
          onChange={set("changeTemporary")}
          error={errors.temporary}
          options={[
            { value: "", label: t.fields.unchanged },
            { value: "true", label: t.fields.yes },
            { value: "false", label: t.fields.no },
          ]}
        />
      )}
      {fields.includes("with") && (
        <SelectField
          label={t.fields.with}
          name="with"
          value={draft.with}
          onChange={set("with")}
          error={errors.with}
          options={[
            { value: "participant", label: t.fields.withParticipant },
            { value: "employer", label: t.fields.withEmployer },
          ]}
        />
      )}
      {fields.includes("days") && (
        <TextField label={t.fields.days} name="days" type="text" inputMode="numeric" value={draft.days} onInput={set("days")} error={errors.days} required />
      )}
      {fields.includes("until") && (
        <TextField label={t.fields.until} name="until" type="datetime-local" value={draft.until} onInput={set("until")} error={errors.until} />
      )}
      {fields.includes("reason") && (
        // A code, never free text: a reason typed in words invites health detail.
        <SelectField
          label={t.fields.reason}
          name="reason"
          value={draft.reason}
          onChange={set("reason")}
          error={errors.reason}
          options={
            draft.type === "exit"
              ? [{ value: "", label: "–" }, ...exitReasons.map((code) => ({ value: code, label: t.exitReason[code] }))]
              : [{ value: "", label: t.fields.reasonNone }, ...jobEndReasons.map((code) => ({ value: code, label: t.jobEndReason[code] }))]
          }
        />
      )}
      <FormStatus submission={submission} shownFields={["type", "at", ...fields]} />
      {done && (
        <p class="alert success" role="status">
          {done}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={submission.submitting}>
          {submission.submitting ? t.common.saving : props.fixedType ? `${t.common.save}: ${t.events[draft.type]}` : t.common.save}
        </button>
        {props.onCancel && (
          <button type="button" class="secondary" onClick={props.onCancel}>
            {t.common.cancel}
          </button>
        )}
      </div>
    </form>
  );
}
