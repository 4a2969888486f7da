import { UserManager, WebStorageStateStore, type User } from "oidc-client-ts";
import { webAppPaths } from "../../../core/config/web-app";
import type { Auth, Principal, Session } from "./session";
import { safeReturnTo } from "./session";

interface CognitoSettings {
  authority: string;
  clientId: string;
  signInDomain: string;
}

/** The role and scope from the ID token's claims, as the API's authorizer reads them. */
function principalOf(user: User): Principal | undefined {
  const claims = user.profile as Record<string, unknown>;
  const groups = Array.isArray(claims["cognito:groups"]) ? (claims["cognito:groups"] as string[]) : [];
  if (groups.includes("admin")) return { role: "admin" };
  const specialistId = claims["custom:specialistId"];
  if (groups.includes("specialist") && typeof specialistId === "string") return { role: "specialist", specialistId };
  const teamId = claims["custom:teamId"];
  if (groups.includes("team") && typeof teamId === "string") return { role: "team", teamId };
  return undefined;
}

/**
 * Sign-in through the user pool's managed login: authorization code with PKCE (oidc-client-ts).
 * The API gets the ID token, which carries the groups and the caseload or team id. Tokens stay
 * in sessionStorage (see session.ts); an expired token sends the user through sign-in again,
 * back to the page they were on.
 */
export async function cognitoAuth(settings: CognitoSettings): Promise<Auth> {
  const origin = window.location.origin;
  const manager = new UserManager({
    authority: settings.authority,
    client_id: settings.clientId,
    redirect_uri: origin + webAppPaths.signInCallback,
    post_logout_redirect_uri: origin + webAppPaths.signedOut,
    response_type: "code",
    scope: "openid email profile",
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: false,
  });
  // Cognito's discovery document names no end-session endpoint; its managed login signs out at /logout.
  const logoutUrl = `${settings.signInDomain.replace(/\/+$/, "")}/logout?client_id=${encodeURIComponent(settings.clientId)}&logout_uri=${encodeURIComponent(origin + webAppPaths.signedOut)}`;
  let user = await manager.getUser();
  const sessionOf = (u: User | null): Session | undefined => {
    if (!u || u.expired || !u.id_token) return undefined;
    const principal = principalOf(u);
    if (!principal) return undefined;
    const email = typeof u.profile.email === "string" ? u.profile.email : "";
    return { token: u.id_token, principal, label: email, expiresAt: (u.expires_at ?? 0) * 1000 };
  };
  return {
    current: () => sessionOf(user),
    async signIn(returnTo) {
      await manager.signinRedirect({ state: { returnTo: safeReturnTo(returnTo) } });
    },
    async completeSignIn() {
      user = await manager.signinRedirectCallback();
      return safeReturnTo((user.state as { returnTo?: string } | undefined)?.returnTo);
    },
    async signOut() {
      await manager.removeUser();
      window.location.assign(logoutUrl);
    },
    forget() {
      user = null;
      void manager.removeUser();
    },
  };
}
