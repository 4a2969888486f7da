import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { useApp } from "../app-context";
import { safeReturnTo, type Principal } from "../auth/session";
import { devAuth, devToken } from "../auth/dev";
import { apiClient } from "../api/client";
import type { SpecialistSummary, Team } from "../api/types";
import { Loading, ErrorView } from "../components/status";
import { useTitle } from "../components/layout";
import { useI18n } from "../i18n";

/**
 * Sign-in. In AWS it hands over to Cognito's managed login at once. Locally it lists the people
 * there are (admin, each specialist, each team) and signs in with one click: clearly local only.
 */
export function SignInPage() {
  const { config, auth } = useApp();
  const { query } = useLocation();
  const returnTo = safeReturnTo(query.returnTo);
  useEffect(() => {
    if (config.auth.mode === "cognito") void auth.signIn(returnTo);
  }, []);
  return config.auth.mode === "cognito" ? <Redirecting /> : <DevSignIn returnTo={returnTo} />;
}

function Redirecting() {
  const { t } = useI18n();
  return <p role="status">{t.signIn.redirecting}</p>;
}

interface People {
  specialists: SpecialistSummary[];
  teams: Team[];
}

function DevSignIn(props: { returnTo: string }) {
  const { config } = useApp();
  const { t } = useI18n();
  const { route } = useLocation();
  useTitle(t.signIn.title);
  const [people, setPeople] = useState<People | { error: unknown } | undefined>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    // Listing who exists needs an admin: the local API's dev admin token, as this page is local only.
    const admin = apiClient({ baseUrl: config.apiUrl, token: () => devToken({ role: "admin" }), onUnauthorized: () => {} });
    Promise.all([admin.get<{ specialists: SpecialistSummary[] }>("/specialists"), admin.get<{ teams: Team[] }>("/teams")]).then(
      ([s, teams]) => setPeople({ specialists: s.specialists, teams: teams.teams }),
      (error) => setPeople({ error }),
    );
  }, [tick]);
  const signInAs = (principal: Principal, label: string) => devAuth(route).signInAs(principal, label, props.returnTo);
  return (
    <main id="main" class="signin">
      <h1>{t.signIn.title}</h1>
      <p class="alert warning" data-local-only>
        {t.signIn.localOnly}
      </p>
      {people === undefined ? (
        <Loading />
      ) : "error" in people ? (
        <ErrorView error={people.error} retry={() => setTick((n) => n + 1)} />
      ) : (
        <>
          <h2>{t.signIn.admin}</h2>
          <ul class="people">
            <li>
              <button type="button" onClick={() => signInAs({ role: "admin" }, t.signIn.admin)}>
                {t.signIn.admin}
              </button>
            </li>
          </ul>
          <h2>{t.signIn.specialists}</h2>
          <ul class="people">
            {people.specialists.map((s) => (
              <li key={s.id}>
                <button type="button" onClick={() => signInAs({ role: "specialist", specialistId: s.id }, s.name)}>
                  {s.name}
                </button>
              </li>
            ))}
          </ul>
          <h2>{t.signIn.teams}</h2>
          <ul class="people">
            {people.teams.map((team) => (
              <li key={team.id}>
                <button type="button" onClick={() => signInAs({ role: "team", teamId: team.id }, team.name)}>
                  {team.name}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}

/** Where Cognito sends the browser back with the authorization code. */
export function SignInCallbackPage() {
  const { auth } = useApp();
  const { t } = useI18n();
  const { route } = useLocation();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    auth.completeSignIn().then(
      (returnTo) => route(returnTo, true),
      () => setFailed(true),
    );
  }, []);
  return (
    <main id="main">
      {failed ? (
        <div class="alert error" role="alert">
          <p>{t.signIn.failed}</p>
          <a href="/signin">{t.signIn.signInAgain}</a>
        </div>
      ) : (
        <p role="status">{t.signIn.completing}</p>
      )}
    </main>
  );
}

export function SignedOutPage() {
  const { t } = useI18n();
  useTitle(t.signIn.signedOut);
  return (
    <main id="main">
      <h1>{t.signIn.signedOut}</h1>
      <p>
        <a href="/signin">{t.signIn.signInAgain}</a>
      </p>
    </main>
  );
}
