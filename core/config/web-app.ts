import * as z from "../zod-mini";
import { localeSchema } from "../domain/schemas";

/**
 * What the web app reads at run time from `/config.json` beside its files. One build serves every
 * region and the laptop: the region stack writes this file next to the built app, the local
 * runtime serves it from memory.
 */
export const webAppConfigSchema = z.strictObject({
  /** Base URL of the HTTP API, without a trailing slash. */
  apiUrl: z.url(),
  /** The deployment's time zone and default language: dates and texts follow them. */
  timeZone: z.string().check(z.minLength(1)),
  locale: localeSchema,
  auth: z.discriminatedUnion("mode", [
    /** Local only: a sign-in page that lists the people there are and issues dev tokens. */
    z.strictObject({ mode: z.literal("dev") }),
    /** Cognito managed login, authorization code with PKCE. */
    z.strictObject({
      mode: z.literal("cognito"),
      /** The user pool's OIDC issuer: https://cognito-idp.<region>.amazonaws.com/<poolId>. */
      authority: z.url(),
      clientId: z.string().check(z.minLength(1)),
      /** The managed login domain, for sign-out (Cognito's discovery document has no end-session endpoint). */
      signInDomain: z.url(),
    }),
  ]),
  /** Local only: links and controls for driving a demo from the browser. */
  local: z.optional(z.strictObject({ inboxUrl: z.url() })),
});

export type WebAppConfig = z.infer<typeof webAppConfigSchema>;

/** Paths of the app that the sign-in provider redirects to; the app client lists them. */
export const webAppPaths = {
  config: "/config.json",
  signInCallback: "/auth/callback",
  signedOut: "/auth/signed-out",
} as const;

/**
 * The app's Content-Security-Policy: its own files only, no inline script or style, and requests
 * to the API and the sign-in provider only, so no request leaves the deployment.
 */
export function contentSecurityPolicy(connectTo: readonly string[], formActions: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${connectTo.join(" ")}`.trim(),
    `form-action 'self' ${formActions.join(" ")}`.trim(),
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}
