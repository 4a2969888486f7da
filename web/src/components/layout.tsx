import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { useLocation } from "preact-iso";
import { useApp } from "../app-context";
import { useI18n } from "../i18n";

/** Sets the tab's title; the h1 of each page says the same. */
export function useTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · ipsflow`;
  }, [title]);
}

function NavLink(props: { href: string; children: ComponentChildren }) {
  const { path } = useLocation();
  const current = path === props.href || (props.href !== "/" && path.startsWith(props.href + "/"));
  return (
    <a href={props.href} aria-current={current ? "page" : undefined}>
      {props.children}
    </a>
  );
}

/** The frame of every signed-in page: who is signed in, the role's pages, language, sign-out. */
export function Layout(props: { children: ComponentChildren }) {
  const { session, auth, config } = useApp();
  const { t, locale, setLocale } = useI18n();
  const principal = session?.principal;
  return (
    <>
      <a class="skip" href="#main">
        {t.skipToContent}
      </a>
      <header class="top">
        <a class="brand" href="/">
          {t.appName}
        </a>
        {config.auth.mode === "dev" && <span class="badge local">lokal / local</span>}
        {session && (
          <span class="who">
            {t.roles[session.principal.role]}
            {session.label ? `: ${session.label}` : ""}
          </span>
        )}
        <nav aria-label="Hovedmeny / Main">
          {principal?.role === "specialist" && (
            <>
              <NavLink href="/day">{t.nav.day}</NavLink>
              <NavLink href={`/specialists/${principal.specialistId}`}>{t.nav.caseload}</NavLink>
            </>
          )}
          {principal?.role === "team" && <NavLink href={`/teams/${principal.teamId}`}>{t.nav.team}</NavLink>}
          {principal?.role === "admin" && <NavLink href="/admin">{t.nav.admin}</NavLink>}
          {config.local && <NavLink href="/local/clock">{t.nav.clock}</NavLink>}
          <button type="button" class="link" lang={locale === "nb" ? "en" : "nb"} onClick={() => setLocale(locale === "nb" ? "en" : "nb")}>
            {t.nav.language}
          </button>
          {session && (
            <button type="button" class="link" onClick={() => void auth.signOut()}>
              {t.nav.signOut}
            </button>
          )}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
