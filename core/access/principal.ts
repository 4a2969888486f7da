import * as z from "../zod-mini";

/**
 * Who is calling. In AWS the API's JWT authorizer (Cognito) passes the caller's claims: the
 * `cognito:groups` claim gives the role, `custom:specialistId` / `custom:teamId` the scope. The
 * local runtime's authorizer turns its dev tokens into the same claims, so the API handler reads
 * claims only, in either runtime.
 */
export const roles = ["admin", "specialist", "team"] as const;
export type Role = (typeof roles)[number];

export type Principal = { role: "admin" } | { role: "specialist"; specialistId: string } | { role: "team"; teamId: string };

export type Claims = Record<string, string | number | boolean | string[] | undefined>;

const groupsOf = (value: Claims[string]): string[] => {
  if (Array.isArray(value)) return value;
  if (typeof value !== "string") return [];
  // API Gateway flattens array claims to "[a b]" or "a,b".
  return value.replace(/^\[|\]$/g, "").split(/[\s,]+/).filter(Boolean);
};

const idClaim = z.string().check(z.minLength(1), z.maxLength(64));

/** The principal from authorizer claims, or undefined when the claims grant no role. */
export function principalFromClaims(claims: Claims | undefined): Principal | undefined {
  if (!claims) return undefined;
  const groups = groupsOf(claims["cognito:groups"]);
  if (groups.includes("admin")) return { role: "admin" };
  if (groups.includes("specialist")) {
    const id = idClaim.safeParse(claims["custom:specialistId"]);
    return id.success ? { role: "specialist", specialistId: id.data } : undefined;
  }
  if (groups.includes("team")) {
    const id = idClaim.safeParse(claims["custom:teamId"]);
    return id.success ? { role: "team", teamId: id.data } : undefined;
  }
  return undefined;
}
