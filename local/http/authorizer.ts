import { createRemoteJWKSet, jwtVerify } from "jose";
import type { Claims } from "../../core/access/principal";
import { routes } from "../../functions/api/routes";
import { routeKey } from "../../functions/api/route";

/**
 * The local stand-in for API Gateway's JWT authorizer: it accepts dev tokens
 * `Bearer dev:<role>:<id>` (role admin, specialist or team; the id is the specialist's or team's)
 * and hands the handler the same claims a Cognito JWT carries in AWS. Anything else is refused
 * with 401, as API Gateway refuses a bad JWT before the function runs.
 */
export function claimsFromDevToken(authorization: string | undefined): Claims | undefined {
  const match = /^Bearer\s+dev:(admin|specialist|team)(?::([A-Za-z0-9._-]{1,64}))?$/.exec(authorization?.trim() ?? "");
  if (!match) return undefined;
  const [, role, id] = match;
  if (role === "admin") return { "cognito:groups": "[admin]", sub: `dev-admin${id ? `-${id}` : ""}` };
  if (!id) return undefined;
  return role === "specialist"
    ? { "cognito:groups": "[specialist]", "custom:specialistId": id, sub: `dev-specialist-${id}` }
    : { "cognito:groups": "[team]", "custom:teamId": id, sub: `dev-team-${id}` };
}

/** An OpenID Connect issuer whose ID tokens the local API accepts, as API Gateway accepts the user pool's. */
export interface SignInIssuer {
  /** The issuer URL (a Cognito user pool's is https://cognito-idp.<region>.amazonaws.com/<poolId>). */
  issuer: string;
  /** The app client: the token's audience. */
  clientId: string;
}

/**
 * The claims of a signed JWT from the issuer, checked as API Gateway's JWT authorizer checks them:
 * signature (the issuer's JWKS), issuer, audience, expiry. Array claims are flattened to
 * "[a b]" as API Gateway passes them on. Undefined for anything else.
 */
export function jwtAuthorizer(signIn: SignInIssuer) {
  const issuer = signIn.issuer.replace(/\/+$/, "");
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  return async (authorization: string | undefined): Promise<Claims | undefined> => {
    const token = /^Bearer\s+(\S+\.\S+\.\S+)$/.exec(authorization?.trim() ?? "")?.[1];
    if (!token) return undefined;
    try {
      jwks ??= await jwksOf(issuer);
      const { payload } = await jwtVerify(token, jwks, { issuer, audience: signIn.clientId });
      return Object.fromEntries(
        Object.entries(payload).map(([key, value]) => [key, Array.isArray(value) ? `[${value.join(" ")}]` : (value as Claims[string])]),
      );
    } catch {
      return undefined;
    }
  };
}

/** The issuer's key set, found through its discovery document. */
async function jwksOf(issuer: string) {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { jwks_uri?: string };
  if (!discovery.jwks_uri) throw new Error("no jwks_uri");
  return createRemoteJWKSet(new URL(discovery.jwks_uri));
}

/** Routes API Gateway serves without the authorizer: those the route table marks public. */
export const publicRoutes = new Set(
  routes(() => {
    throw new Error("the route table is read for its routes only");
  })
    .filter((route) => route.public)
    .map(routeKey),
);
