import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { createSpecialistSchema, createTeamSchema, locales, type Locale } from "../../../core/domain/schemas";
import type { EmailEvent, SpecialistListing, Team } from "../api/types";
import { useResource } from "../api/use-resource";
import { useApp } from "../app-context";
import { CheckboxField, SelectField, TextArea, TextField } from "../components/fields";
import { FormStatus } from "../components/form-status";
import { useTitle } from "../components/layout";
import { DataTable } from "../components/table";
import { Show } from "../components/status";
import { formatDateTime } from "../format";
import { useSubmission, type FieldErrors, type Submission } from "../forms";
import { useI18n } from "../i18n";

/**
 * The administrator's page: teams and job specialists (lists, and a form to create each) and the
 * emails SES could not deliver or that were reported as spam.
 */
export function AdminPage() {
  const { t } = useI18n();
  useTitle(t.admin.title);
  const teams = useResource<{ teams: Team[]; count: number }>("/teams");
  const specialists = useResource<{ specialists: SpecialistListing[]; count: number }>("/specialists");
  return (
    <>
      <h1>{t.admin.title}</h1>

      <section aria-labelledby="admin-teams">
        <h2 id="admin-teams">{t.admin.teams}</h2>
        <p>
          <a href="/reports/outcomes">{t.outcomes.link}</a>
        </p>
        <Show resource={teams}>{({ teams: list }) => <TeamList teams={list} />}</Show>
        <NewTeam onCreated={teams.reload} />
      </section>

      <section aria-labelledby="admin-specialists">
        <h2 id="admin-specialists">{t.admin.specialists}</h2>
        <Show resource={specialists}>
          {({ specialists: list }) => <SpecialistList specialists={list} teams={teams.state === "ok" ? teams.data.teams : []} />}
        </Show>
        <Show resource={teams}>{({ teams: list }) => <NewSpecialist teams={list} onCreated={specialists.reload} />}</Show>
      </section>

      <EmailEvents />
    </>
  );
}

function TeamList(props: { teams: Team[] }) {
  const { t } = useI18n();
  const c = t.admin.column;
  if (props.teams.length === 0) return <p>{t.admin.noTeams}</p>;
  const teams = [...props.teams].sort((a, b) => a.name.localeCompare(b.name, t.tag));
  return (
    <DataTable label={t.admin.teams} columns={[c.name, c.emails, c.locale, c.cadence]}>
      {teams.map((team) => (
        <tr key={team.id}>
          <td>
            <a href={`/teams/${encodeURIComponent(team.id)}`}>{team.name}</a>
          </td>
          <td>
            <ul class="plain">
              {team.emails.map((email) => (
                <li key={email}>{email}</li>
              ))}
            </ul>
          </td>
          <td>{t.admin.localeName[team.locale]}</td>
          <td>{team.summaryCadence === "fortnightly" ? t.fields.fortnightly : t.fields.weekly}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function SpecialistList(props: { specialists: SpecialistListing[]; teams: Team[] }) {
  const { t } = useI18n();
  const c = t.admin.column;
  if (props.specialists.length === 0) return <p>{t.admin.noSpecialists}</p>;
  const teamName = new Map(props.teams.map((team) => [team.id, team.name]));
  const specialists = [...props.specialists].sort((a, b) => a.name.localeCompare(b.name, t.tag));
  return (
    <DataTable label={t.admin.specialists} columns={[c.name, c.email, c.teams, c.caseloadLimit]}>
      {specialists.map((s) => (
        <tr key={s.id}>
          <td>
            <a href={`/specialists/${encodeURIComponent(s.id)}`}>{s.name}</a>
          </td>
          <td>{s.email}</td>
          <td>{s.teamIds.map((id) => teamName.get(id) ?? id).join(", ")}</td>
          <td>{s.caseloadLimit}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Splits what was typed into addresses: one per line (commas, semicolons and spaces work too). */
const emailsOf = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean);

/** Field names the API answers with and the form shows; `emails.3` is the fourth address. */
const shownFields = (base: string[], errors: FieldErrors, lists: string[]) => [
  ...base,
  ...Object.keys(errors).filter((field) => lists.some((list) => field.startsWith(`${list}.`))),
];

function NewTeam(props: { onCreated: () => void }) {
  const { api, config } = useApp();
  const { t } = useI18n();
  const submission = useSubmission<Team, typeof createTeamSchema>(createTeamSchema);
  const [name, setName] = useState("");
  const [emails, setEmails] = useState("");
  const [locale, setLocale] = useState<string>(config.locale);
  const [cadence, setCadence] = useState("weekly");
  const [created, setCreated] = useState<string | undefined>();
  const errors = submission.fieldErrors;
  const typed = emailsOf(emails);
  // Each bad address is named by what was typed; the API's own words are for the rest.
  const badAddresses = Object.keys(errors)
    .map((field) => /^emails\.(\d+)$/.exec(field))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => t.admin.invalid.emailLine(typed[Number(m[1])] ?? ""));
  const emailsError = errors.emails ? t.admin.invalid.emails : badAddresses.length > 0 ? badAddresses.join(" ") : undefined;
  const submit = async () => {
    setCreated(undefined);
    const team = await submission.submit({ name, emails: typed, locale, summaryCadence: cadence }, (body, idempotencyKey) =>
      api.post<Team>("/teams", body, { idempotencyKey }),
    );
    if (!team) return;
    setCreated(t.admin.teamCreated(team.name));
    setName("");
    setEmails("");
    setLocale(config.locale);
    setCadence("weekly");
    props.onCreated();
  };
  return (
    <CreateForm
      title={t.admin.newTeam}
      button={t.admin.createTeam}
      submission={submission}
      shownFields={shownFields(["name", "emails", "locale", "summaryCadence"], errors, ["emails"])}
      created={created}
      onSubmit={submit}
    >
      <TextField label={t.fields.name} name="name" value={name} onInput={setName} autoComplete="off" maxLength={120} error={errors.name && t.admin.invalid.name} />
      <TextArea
        label={t.fields.emails}
        name="emails"
        rows={4}
        value={emails}
        onInput={setEmails}
        hint={t.admin.emailsHint}
        error={emailsError}
      />
      <div class="grid-2">
        <SelectField
          label={t.fields.locale}
          name="locale"
          value={locale}
          onChange={setLocale}
          options={locales.map((l: Locale) => ({ value: l, label: t.admin.localeName[l] }))}
          error={errors.locale && t.admin.invalid.choice}
        />
        <SelectField
          label={t.fields.cadence}
          name="summaryCadence"
          value={cadence}
          onChange={setCadence}
          options={[
            { value: "weekly", label: t.fields.weekly },
            { value: "fortnightly", label: t.fields.fortnightly },
          ]}
          error={errors.summaryCadence && t.admin.invalid.choice}
        />
      </div>
    </CreateForm>
  );
}

function NewSpecialist(props: { teams: Team[]; onCreated: () => void }) {
  const { api } = useApp();
  const { t } = useI18n();
  const submission = useSubmission<SpecialistListing, typeof createSpecialistSchema>(createSpecialistSchema);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [limit, setLimit] = useState("20");
  const [fte, setFte] = useState("1");
  const [created, setCreated] = useState<string | undefined>();
  const errors = submission.fieldErrors;
  const groupId = useId();
  if (props.teams.length === 0) {
    return (
      <>
        <h3>{t.admin.newSpecialist}</h3>
        <p>{t.admin.needTeamFirst}</p>
      </>
    );
  }
  const teams = [...props.teams].sort((a, b) => a.name.localeCompare(b.name, t.tag));
  // A team that no longer exists is the API's to name (teamIds.0: no team with id …).
  const unknownTeam = Object.entries(errors).find(([field]) => /^teamIds\.\d+$/.test(field))?.[1];
  const teamIdsError = errors.teamIds ? t.admin.invalid.teamIds : unknownTeam;
  const submit = async () => {
    setCreated(undefined);
    const numberOrUnset = (typed: string) => (typed.trim() === "" ? undefined : Number(typed.trim().replace(",", ".")));
    const value = { name, email: email.trim(), teamIds, caseloadLimit: numberOrUnset(limit), fte: numberOrUnset(fte) };
    const specialist = await submission.submit(value, (body, idempotencyKey) =>
      api.post<SpecialistListing>("/specialists", body, { idempotencyKey }),
    );
    if (!specialist) return;
    setCreated(t.admin.specialistCreated(specialist.name));
    setName("");
    setEmail("");
    setTeamIds([]);
    setLimit("20");
    setFte("1");
    props.onCreated();
  };
  return (
    <CreateForm
      title={t.admin.newSpecialist}
      button={t.admin.createSpecialist}
      submission={submission}
      shownFields={shownFields(["name", "email", "teamIds", "caseloadLimit", "fte"], errors, ["teamIds"])}
      created={created}
      onSubmit={submit}
    >
      <TextField label={t.fields.name} name="name" value={name} onInput={setName} autoComplete="off" maxLength={120} error={errors.name && t.admin.invalid.name} />
      <TextField
        label={t.fields.email}
        name="email"
        type="email"
        inputMode="email"
        autoComplete="off"
        value={email}
        onInput={setEmail}
        error={errors.email && t.admin.invalid.email}
      />
      <fieldset
        class={`field-group${teamIdsError ? " invalid" : ""}`}
        aria-describedby={[`${groupId}-hint`, teamIdsError ? `${groupId}-error` : ""].filter(Boolean).join(" ")}
      >
        <legend>{t.fields.teamIds}</legend>
        <p class="hint" id={`${groupId}-hint`}>
          {t.admin.teamIdsHint}
        </p>
        {teamIdsError && (
          <p class="field-error" id={`${groupId}-error`}>
            {teamIdsError}
          </p>
        )}
        {teams.map((team) => (
          <CheckboxField
            key={team.id}
            label={team.name}
            name="teamIds"
            checked={teamIds.includes(team.id)}
            onChange={(checked) => setTeamIds((ids) => (checked ? [...ids.filter((id) => id !== team.id), team.id] : ids.filter((id) => id !== team.id)))}
          />
        ))}
      </fieldset>
      <TextField
        label={t.fields.caseloadLimit}
        name="caseloadLimit"
        type="number"
        inputMode="numeric"
        min={1}
        max={100}
        step={1}
        value={limit}
        onInput={setLimit}
        hint={t.admin.caseloadLimitHint}
        error={errors.caseloadLimit && t.admin.invalid.caseloadLimit}
      />
      <TextField
        label={t.fields.fte}
        name="fte"
        type="text"
        inputMode="decimal"
        value={fte}
        onInput={setFte}
        hint={t.admin.fteHint}
        error={errors.fte && t.admin.invalid.fte}
      />
    </CreateForm>
  );
}

/**
 * A create form in a card: its heading, the fields, what went wrong that no field shows, the
 * button, and the success message in a status region that is there from the start (so screen
 * readers announce it). After a failed check the first marked field gets the focus.
 */
function CreateForm(props: {
  title: string;
  button: string;
  submission: Submission<unknown>;
  shownFields: string[];
  created: string | undefined;
  onSubmit: () => Promise<void>;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  const form = useRef<HTMLFormElement>(null);
  const headingId = useId();
  const { fieldErrors } = props.submission;
  useEffect(() => {
    if (Object.keys(fieldErrors).length === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"], fieldset.invalid input')?.focus();
  }, [fieldErrors]);
  return (
    <div class="card">
      <h3 id={headingId} class="card-title">
        {props.title}
      </h3>
      <form
        ref={form}
        aria-labelledby={headingId}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void props.onSubmit();
        }}
      >
        {props.children}
        <FormStatus submission={props.submission} shownFields={props.shownFields} />
        <div class="actions">
          <button type="submit" aria-disabled={props.submission.submitting ? "true" : undefined}>
            {props.submission.submitting ? t.admin.creating : props.button}
          </button>
        </div>
        <div role="status">{props.created && <p class="alert success">{props.created}</p>}</div>
      </form>
    </div>
  );
}

function EmailEvents() {
  const { t, timeZone } = useI18n();
  const events = useResource<{ events: EmailEvent[]; count: number }>("/admin/email-events");
  const c = t.admin.column;
  return (
    <section aria-labelledby="admin-email-events">
      <h2 id="admin-email-events">{t.admin.emailEvents}</h2>
      <Show resource={events}>
        {({ events: list }) =>
          list.length === 0 ? (
            <p>{t.admin.noEmailEvents}</p>
          ) : (
            <DataTable label={t.admin.emailEvents} columns={[c.type, c.at, c.recipients, c.detail]}>
              {[...list]
                .sort((a, b) => b.at.localeCompare(a.at))
                .map((event, i) => (
                  <tr key={`${event.at}-${event.type}-${i}`}>
                    <td>{t.admin.eventType(event.type)}</td>
                    <td>{formatDateTime(event.at, timeZone, t.tag)}</td>
                    <td>
                      {event.recipients && event.recipients.length > 0 ? (
                        <ul class="plain">
                          {event.recipients.map((r) => (
                            <li key={r}>{r}</li>
                          ))}
                        </ul>
                      ) : (
                        "–"
                      )}
                    </td>
                    <td>{typeof event.detail === "string" ? event.detail : ""}</td>
                  </tr>
                ))}
            </DataTable>
          )
        }
      </Show>
    </section>
  );
}
