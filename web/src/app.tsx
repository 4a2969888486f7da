import { useEffect, useMemo, useState } from "preact/hooks";
import { LocationProvider, Route, Router, useLocation } from "preact-iso";
import type { Locale } from "../../core/domain/schemas";
import { webAppPaths } from "../../core/config/web-app";
import { apiClient } from "./api/client";
import { App, useApp, type AppContext } from "./app-context";
import { devAuth } from "./auth/dev";
import type { Auth, Role } from "./auth/session";
import type { WebAppConfig } from "./config";
import { Layout } from "./components/layout";
import { Loading, NoAccess, NotFound } from "./components/status";
import { domainWords, I18nContext, texts } from "./i18n";
import { AdminPage } from "./pages/admin";
import { CaseloadPage } from "./pages/caseload";
import { ClockPage } from "./pages/clock";
import { DayPage } from "./pages/day";
import { ParticipantPage } from "./pages/participant";
import { SignInCallbackPage, SignInPage, SignedOutPage } from "./pages/sign-in";
import { TeamPage } from "./pages/team";
import { OutcomesPage } from "./pages/outcomes";
import { FidelityPage } from "./pages/fidelity";

const localeKey = "ipsflow.locale";

/** The app: run-time config, sign-in, the API client, language, and the pages by path. */
export function AppRoot(props: { config: WebAppConfig; cognito?: Auth }) {
  return (
    <LocationProvider>
      <WithContext {...props} />
    </LocationProvider>
  );
}

function WithContext(props: { config: WebAppConfig; cognito?: Auth }) {
  const location = useLocation();
  const [, setRevision] = useState(0);
  const auth = useMemo(() => props.cognito ?? devAuth((path) => location.route(path)), [props.cognito]);
  const api = useMemo(
    () =>
      apiClient({
        baseUrl: props.config.apiUrl,
        token: () => auth.current()?.token,
        onUnauthorized: () => {
          // The session ended (expired or revoked): forget it; the page's guard sends the user
          // through sign-in and back to the same page.
          auth.forget();
          setRevision((n) => n + 1);
        },
      }),
    [auth, props.config.apiUrl],
  );
  const [locale, setLocaleState] = useState<Locale>(() => (sessionStorage.getItem(localeKey) as Locale | null) ?? props.config.locale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const i18n = useMemo(
    () => ({
      locale,
      t: texts[locale],
      words: domainWords(locale),
      timeZone: props.config.timeZone,
      setLocale: (next: Locale) => {
        sessionStorage.setItem(localeKey, next);
        setLocaleState(next);
      },
    }),
    [locale, props.config.timeZone],
  );
  const context: AppContext = { config: props.config, auth, api, session: auth.current() };
  return (
    <App.Provider value={context}>
      <I18nContext.Provider value={i18n}>
        <Router>
          <Route path="/signin" component={SignInPage} />
          <Route path={webAppPaths.signInCallback} component={SignInCallbackPage} />
          <Route path={webAppPaths.signedOut} component={SignedOutPage} />
          <Route path="/" component={pages.home} />
          <Route path="/day" component={pages.day} />
          <Route path="/specialists/:id" component={pages.caseload} />
          <Route path="/participants/:id" component={pages.participant} />
          <Route path="/teams/:id" component={pages.team} />
          <Route path="/teams/:id/fidelity" component={pages.fidelity} />
          <Route path="/admin" component={pages.admin} />
          <Route path="/reports/outcomes" component={pages.outcomes} />
          <Route path="/local/clock" component={pages.clock} />
          <Route default component={pages.notFound} />
        </Router>
      </I18nContext.Provider>
    </App.Provider>
  );
}

/** A page for signed-in users (of the given roles): others go through sign-in and come back here. */
function guarded<P extends object>(Page: (props: P) => preact.JSX.Element | null, roles?: Role[]) {
  return function Guarded(props: P) {
    const { session, auth } = useApp();
    const { url } = useLocation();
    useEffect(() => {
      if (!session) void auth.signIn(url);
    }, [session, url]);
    if (!session) return <Loading />;
    return <Layout>{roles && !roles.includes(session.principal.role) ? <NoAccess /> : <Page {...props} />}</Layout>;
  };
}

/** Pages for signed-in users, each with the roles that may open it. */
const pages = {
  home: guarded(Home),
  day: guarded(DayPage, ["specialist"]),
  caseload: guarded(CaseloadPage, ["specialist", "admin"]),
  participant: guarded(ParticipantPage),
  team: guarded(TeamPage, ["team", "admin"]),
  fidelity: guarded(FidelityPage, ["team", "admin"]),
  admin: guarded(AdminPage, ["admin"]),
  outcomes: guarded(OutcomesPage, ["team", "admin"]),
  clock: guarded(ClockPage),
  notFound: guarded(NotFound),
};

/** The start page of each role. */
function Home() {
  const { session } = useApp();
  const { route } = useLocation();
  const principal = session!.principal;
  const target = principal.role === "specialist" ? "/day" : principal.role === "team" ? `/teams/${principal.teamId}` : "/admin";
  useEffect(() => route(target, true), [target]);
  return <Loading />;
}
