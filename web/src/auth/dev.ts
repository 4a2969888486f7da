import type { Auth, Principal, Session } from "./session";
import { safeReturnTo } from "./session";

const storageKey = "ipsflow.session";

/** The dev token the local API accepts for a principal (local runtime only). */
export function devToken(principal: Principal): string {
  if (principal.role === "admin") return "dev:admin";
  return principal.role === "specialist" ? `dev:specialist:${principal.specialistId}` : `dev:team:${principal.teamId}`;
}

/**
 * Local sign-in: the dev sign-in page lists the people there are and signs in with one click.
 * It issues the dev tokens the local API accepts; the AWS API refuses them.
 */
export function devAuth(navigate: (path: string) => void): Auth & { signInAs(principal: Principal, label: string, returnTo: string): void } {
  return {
    current() {
      const raw = sessionStorage.getItem(storageKey);
      if (!raw) return undefined;
      try {
        return JSON.parse(raw) as Session;
      } catch {
        return undefined;
      }
    },
    signIn(returnTo) {
      navigate(`/signin?returnTo=${encodeURIComponent(safeReturnTo(returnTo))}`);
    },
    signInAs(principal, label, returnTo) {
      const session: Session = { token: devToken(principal), principal, label };
      sessionStorage.setItem(storageKey, JSON.stringify(session));
      navigate(safeReturnTo(returnTo));
    },
    async completeSignIn() {
      return "/";
    },
    signOut() {
      sessionStorage.removeItem(storageKey);
      navigate("/auth/signed-out");
    },
    forget() {
      sessionStorage.removeItem(storageKey);
    },
  };
}
