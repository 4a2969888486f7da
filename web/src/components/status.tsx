import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { ApiError, NetworkError } from "../api/client";
import type { Resource } from "../api/use-resource";
import { useI18n } from "../i18n";

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="loading" role="status">
      {t.common.loading}
    </p>
  );
}

/** The page for a 403: said plainly, with a way back. */
export function NoAccess() {
  const { t } = useI18n();
  return (
    <Message title={t.errors.forbiddenTitle} kind="forbidden">
      <p>{t.errors.forbidden}</p>
      <p>
        <a href="/">{t.errors.toStart}</a>
      </p>
    </Message>
  );
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <Message title={t.errors.notFoundTitle} kind="not-found">
      <p>{t.errors.notFound}</p>
      <p>
        <a href="/">{t.errors.toStart}</a>
      </p>
    </Message>
  );
}

function Message(props: { title: string; kind: string; children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class={`message ${props.kind}`} data-state={props.kind}>
      <h1 tabIndex={-1} ref={heading}>
        {props.title}
      </h1>
      {props.children}
    </section>
  );
}

/** What a failed request shows: no access, not found, or the error with a way to retry. Never a blank page. */
export function ErrorView(props: { error: unknown; retry: () => void }) {
  const { t } = useI18n();
  const { error } = props;
  if (error instanceof ApiError && error.status === 403) return <NoAccess />;
  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  const text = error instanceof NetworkError ? t.common.networkError : error instanceof ApiError && error.status < 500 ? error.message : t.common.serverError;
  return (
    <div class="alert error" role="alert" data-state="error">
      <p>{text}</p>
      <button type="button" onClick={props.retry}>
        {t.common.retry}
      </button>
    </div>
  );
}

/** Renders a resource: loading, its error view, or the page made from its data. */
export function Show<T>(props: { resource: Resource<T>; children: (data: T) => ComponentChildren }) {
  const { resource } = props;
  if (resource.state === "loading") return <Loading />;
  if (resource.state === "error") return <ErrorView error={resource.error} retry={resource.reload} />;
  return <>{props.children(resource.data)}</>;
}
