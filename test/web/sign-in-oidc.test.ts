import type { Server } from "node:http";
import Provider from "oidc-provider";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../local/servers/ports";
import { seedTeam, startTestSystem } from "../support/system";
import { connectBrowser, newPage } from "../support/browser";
import { scenario, type Team, type TestSystem } from "../workflow/scenario";

/**
 * Sign-in as in AWS: the app's authorization code flow with PKCE against an OpenID Connect
 * provider, the ID token sent to the API, and the API checking it as API Gateway's JWT authorizer
 * does. Cognito has no local server, so oidc-provider (the reference implementation of the
 * protocol) stands in for the user pool's managed login, issuing ID tokens with Cognito's claims
 * (`cognito:groups`, `custom:specialistId`). Its sign-out endpoint is Cognito's own `/logout`,
 * which the test answers as Cognito does (a redirect to `logout_uri`).
 */
const clientId = "ipsflow-web";
let system: TestSystem;
let browser: Browser;
let team: Team;
let provider: Server;
let issuer: string;

beforeAll(async () => {
  const [providerPort, webPort] = [await freePort(), await freePort()];
  issuer = `http://127.0.0.1:${providerPort}`;
  const web = `http://127.0.0.1:${webPort}`;
  const oidc = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        token_endpoint_auth_method: "none",
        redirect_uris: [`${web}/auth/callback`],
        post_logout_redirect_uris: [`${web}/auth/signed-out`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    // Cognito puts the groups and custom attributes in the ID token.
    claims: { openid: ["sub"], email: ["email"], profile: ["cognito:groups", "custom:specialistId"] },
    conformIdTokenClaims: false,
    // The login typed on the provider's page is the specialist's id.
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ sub, email: `${sub}@example.org`, "cognito:groups": ["specialist"], "custom:specialistId": sub }),
    }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["test-only-cookie-key"] },
  });
  provider = oidc.listen(providerPort);
  [system, browser] = await Promise.all([
    startTestSystem({ ports: { api: 0, web: webPort, stepFunctions: 0 }, signIn: { issuer, clientId, signInDomain: issuer } }),
    connectBrowser(),
  ]);
  team = await seedTeam(system.api);
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
  await new Promise((resolve) => provider?.close(resolve));
});

/** The provider's own pages: sign in with the specialist's id as login, then allow the app. */
async function signInAtProvider(page: Page, login: string) {
  await expect.poll(() => new URL(page.url()).origin).toBe(issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

describe("signing in through the sign-in provider (code + PKCE), as in AWS", () => {
  it("takes the email's link through sign-in and back, and the API accepts the ID token", async () => {
    const flow = scenario(system);
    const id = await flow.refer(team, "P.K.");
    const { context, page } = await newPage(browser);
    await page.goto(`${system.urls.web}/participants/${id}`);
    await signInAtProvider(page, team.specialist.id);
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/participants/${id}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Deltaker P.K.");

    // A write with the ID token as bearer.
    const form = page.locator("form.event-form");
    await form.getByLabel("Arbeidsgiver").fill("Elkjøp");
    await form.getByRole("button", { name: "Lagre" }).click();
    await expect.poll(() => form.getByRole("status").textContent()).toContain("registrert");
    expect((await flow.participant(id)).events).toHaveLength(1);

    // The tokens live in this tab's sessionStorage; nothing in localStorage.
    const storage = await page.evaluate<{ local: string[]; session: string[] }>(
      "({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) })",
    );
    expect(storage.local).toEqual([]);
    expect(storage.session).toContain(`oidc.user:${issuer}:${clientId}`);

    // An expired session goes through sign-in again (the provider remembers the user) and back.
    await page.evaluate(`(() => {
      const key = "oidc.user:${issuer}:${clientId}";
      const user = JSON.parse(sessionStorage.getItem(key));
      sessionStorage.setItem(key, JSON.stringify({ ...user, expires_at: 1 }));
    })()`);
    await page.goto(`${system.urls.web}/specialists/${team.specialist.id}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Deltakere");
    expect(new URL(page.url()).pathname).toBe(`/specialists/${team.specialist.id}`);

    // Sign-out goes to the provider's /logout with the app's own sign-out page to come back to.
    await page.route(`${issuer}/logout?**`, async (route) => {
      const url = new URL(route.request().url());
      expect(url.searchParams.get("client_id")).toBe(clientId);
      await route.fulfill({ status: 302, headers: { location: url.searchParams.get("logout_uri")! } });
    });
    await page.getByRole("button", { name: "Logg ut" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Du er logget ut.");
    expect(new URL(page.url()).pathname).toBe("/auth/signed-out");
    expect(await page.evaluate<number>("sessionStorage.length")).toBe(0);
    await context.close();
  });

  it("refuses a token from anyone else: the API answers 401", async () => {
    const res = await system.api.call("GET", `/specialists/${team.specialist.id}/caseload`, {
      token: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl",
    });
    expect(res.status).toBe(401);
  });
});
