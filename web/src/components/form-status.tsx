import { ApiError, NetworkError } from "../api/client";
import type { Submission } from "../forms";
import { useI18n } from "../i18n";

/**
 * What a form says above its button after a failed submission: field errors stand at their
 * fields; this names the rest (a field the form does not show, no access, the network).
 */
export function FormStatus(props: { submission: Submission<unknown>; shownFields: readonly string[] }) {
  const { t } = useI18n();
  const { error, fieldErrors } = props.submission;
  const unshown = Object.entries(fieldErrors).filter(([field]) => !props.shownFields.includes(field));
  if (!error && Object.keys(fieldErrors).length === 0) return null;
  const message =
    error instanceof NetworkError
      ? t.common.networkError
      : error instanceof ApiError && error.status === 403
        ? t.errors.forbidden
        : error instanceof ApiError && error.status < 500
          ? error.message
          : error
            ? t.common.serverError
            : t.common.fixFields;
  return (
    <div class="alert error" role="alert">
      <p>{message}</p>
      {unshown.length > 0 && (
        <ul>
          {unshown.map(([field, text]) => (
            <li key={field}>
              {field}: {text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
