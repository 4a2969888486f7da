import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";

/**
 * Labelled form fields: each has its label, and its error (from the form's own check or from the
 * API, which names the field) right under it, tied to it with aria-describedby.
 */
interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
}

function Frame(props: FieldProps & { id: string; children: ComponentChildren }) {
  return (
    <div class={`field${props.error ? " invalid" : ""}`}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.children}
      {props.error && (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

const describedBy = (id: string, props: FieldProps) =>
  [props.hint ? `${id}-hint` : "", props.error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

/** The input attributes the forms use; anything else is a sign the field wants its own component. */
interface InputOptions {
  type?: "text" | "email" | "number" | "datetime-local" | "date" | "week";
  inputMode?: "text" | "numeric" | "decimal" | "email";
  autoComplete?: string;
  required?: boolean;
  min?: string | number;
  max?: string | number;
  step?: string | number;
  maxLength?: number;
}

export function TextField(props: FieldProps & InputOptions & { name: string; value: string; onInput: (value: string) => void }) {
  const { label, error, hint, value, onInput, ...rest } = props;
  const id = useId();
  return (
    <Frame id={id} label={label} error={error} hint={hint}>
      <input
        // preact types each input type's attributes apart; these options suit every type listed above.
        {...(rest as Record<string, unknown>)}
        id={id}
        value={value}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(id, props)}
        onInput={(e) => onInput((e.target as HTMLInputElement).value)}
      />
    </Frame>
  );
}

export function TextArea(props: FieldProps & { name: string; value: string; onInput: (value: string) => void; rows?: number }) {
  const id = useId();
  return (
    <Frame id={id} label={props.label} error={props.error} hint={props.hint}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        value={props.value}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(id, props)}
        onInput={(e) => props.onInput((e.target as HTMLTextAreaElement).value)}
      />
    </Frame>
  );
}

export function SelectField(
  props: FieldProps & { name: string; value: string; onChange: (value: string) => void; options: Array<{ value: string; label: string }> },
) {
  const id = useId();
  return (
    <Frame id={id} label={props.label} error={props.error} hint={props.hint}>
      <select
        id={id}
        name={props.name}
        value={props.value}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(id, props)}
        onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

export function CheckboxField(props: { label: string; name: string; checked: boolean; onChange: (checked: boolean) => void; error?: string }) {
  const id = useId();
  return (
    <div class={`field checkbox${props.error ? " invalid" : ""}`}>
      <input
        type="checkbox"
        id={id}
        name={props.name}
        checked={props.checked}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(e) => props.onChange((e.target as HTMLInputElement).checked)}
      />
      <label for={id}>{props.label}</label>
      {props.error && (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}
