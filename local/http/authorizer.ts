import type { Claims } from "../../shared/access/principal";

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

/** Routes API Gateway serves without the authorizer. */
export const publicRoutes = new Set(["GET /openapi.json"]);
