import { useState } from "preact/hooks";
import { createParticipantSchema } from "../../../core/domain/schemas";
import { useApp } from "../app-context";
import { useResource } from "../api/use-resource";
import type { Caseload, Team } from "../api/types";
import { SelectField, TextField } from "../components/fields";
import { FormStatus } from "../components/form-status";
import { useTitle } from "../components/layout";
import { Show } from "../components/status";
import { systemNow } from "../clock";
import { useSubmission } from "../forms";
import { formatDate, fromLocalInput, toLocalInput } from "../format";
import { useI18n } from "../i18n";

/** A specialist's participants with phase and next due item, the caseload against its limit, and a new referral. */
export function CaseloadPage(props: { id: string }) {
  const { t } = useI18n();
  useTitle(t.caseload.title);
  const caseload = useResource<Caseload>(`/specialists/${encodeURIComponent(props.id)}/caseload`);
  return (
    <>
      <h1>{t.caseload.title}</h1>
      <Show resource={caseload}>
        {(data) => (
          <>
            <CaseloadTable caseload={data} />
            <section class="card" aria-labelledby="new-referral">
              <h2 id="new-referral">{t.caseload.newReferral}</h2>
              <ReferralForm specialistId={data.specialist.id} teamIds={data.specialist.teamIds} onCreated={caseload.reload} />
            </section>
          </>
        )}
      </Show>
    </>
  );
}

function CaseloadTable(props: { caseload: Caseload }) {
  const { t, words, timeZone } = useI18n();
  const { caseload } = props;
  return (
    <>
      <p class={caseload.count > caseload.limit ? "alert warning" : undefined}>
        {caseload.specialist.name}: {t.caseload.count(caseload.count, caseload.limit)}
        {caseload.count > caseload.limit && ` – ${t.caseload.overLimit}`}
      </p>
      {caseload.participants.length === 0 ? (
        <p>{t.caseload.none}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.caseload.code}</th>
                <th scope="col">{t.caseload.phase}</th>
                <th scope="col">{t.caseload.nextDue}</th>
              </tr>
            </thead>
            <tbody>
              {caseload.participants.map((p) => (
                <tr key={p.id}>
                  <td>
                    <a href={`/participants/${encodeURIComponent(p.id)}`}>{p.code}</a>
                  </td>
                  <td>{words.phase[p.phase]}</td>
                  <td>
                    {p.nextDue ? formatDate(p.nextDue, timeZone, t.tag) : "–"}
                    {p.nextDueKind && <div class="hint">{words.obligation[p.nextDueKind]}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function ReferralForm(props: { specialistId: string; teamIds: string[]; onCreated: () => void }) {
  const { api } = useApp();
  const { t, timeZone } = useI18n();
  const teams = useResource<{ teams: Team[] }>("/teams");
  const fresh = () => ({ code: "", teamId: props.teamIds[0] ?? "", referredAt: toLocalInput(systemNow(), timeZone) });
  const [draft, setDraft] = useState(fresh);
  const [created, setCreated] = useState<{ id: string; code: string } | undefined>();
  const submission = useSubmission<{ id: string; code: string }, typeof createParticipantSchema>(createParticipantSchema);
  const errors = submission.fieldErrors;
  const teamName = (id: string) => (teams.state === "ok" ? (teams.data.teams.find((team) => team.id === id)?.name ?? id) : id);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    setCreated(undefined);
    const body = {
      code: draft.code,
      teamId: draft.teamId,
      specialistId: props.specialistId,
      referredAt: fromLocalInput(draft.referredAt, timeZone) ?? draft.referredAt,
    };
    const participant = await submission.submit(body, (value, key) => api.post<{ id: string; code: string }>("/participants", value, { idempotencyKey: key }));
    if (!participant) return;
    setCreated(participant);
    setDraft(fresh());
    props.onCreated();
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <TextField label={t.fields.code} name="code" value={draft.code} onInput={(code) => setDraft((d) => ({ ...d, code }))} error={errors.code} maxLength={12} autoComplete="off" required />
      <SelectField
        label={t.fields.teamId}
        name="teamId"
        value={draft.teamId}
        onChange={(teamId) => setDraft((d) => ({ ...d, teamId }))}
        error={errors.teamId}
        options={props.teamIds.map((id) => ({ value: id, label: teamName(id) }))}
      />
      <TextField
        label={t.fields.referredAt}
        name="referredAt"
        type="datetime-local"
        value={draft.referredAt}
        onInput={(referredAt) => setDraft((d) => ({ ...d, referredAt }))}
        error={errors.referredAt}
        required
      />
      <FormStatus submission={submission} shownFields={["code", "teamId", "referredAt"]} />
      {created && (
        <p class="alert success" role="status">
          {t.caseload.created(created.code)} <a href={`/participants/${encodeURIComponent(created.id)}`}>{t.common.open}</a>
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={submission.submitting}>
          {submission.submitting ? t.common.saving : t.caseload.newReferral}
        </button>
      </div>
    </form>
  );
}
