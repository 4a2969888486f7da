/**
 * Who is signed in, as the app needs it: the bearer token for the API and the role with its
 * scope. Kept in sessionStorage (this tab, until it closes), never localStorage: nothing of a
 * session outlives the tab or reaches another one, and the Content-Security-Policy allows no
 * script but the app's own, which is what guards storage that script can read.
 */
export type Role = "admin" | "specialist" | "team";

export type Principal = { role: "admin" } | { role: "specialist"; specialistId: string } | { role: "team"; teamId: string };

export interface Session {
  token: string;
  principal: Principal;
  /** Shown in the header: a specialist's or team's name; never a participant's. */
  label: string;
  /** Epoch ms after which the token is no longer accepted; absent for dev tokens. */
  expiresAt?: number;
}

export interface Auth {
  /** The signed-in session, or undefined. */
  current(): Session | undefined;
  /** Starts sign-in; after it the user lands on `returnTo`. */
  signIn(returnTo: string): Promise<void> | void;
  /** Finishes a sign-in redirect (Cognito); answers where to go next. */
  completeSignIn(): Promise<string>;
  signOut(): Promise<void> | void;
  /** Forgets the session without a round trip (the API said 401). */
  forget(): void;
}

/** Only app-internal paths are followed after sign-in, so a crafted link cannot send a user elsewhere. */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}
