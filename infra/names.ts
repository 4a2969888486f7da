import { createHash } from "node:crypto";
import type { Deployment } from "../core/config/deployment";

/**
 * Names of the stack and its shared prefix. Function and state machine names come from
 * adapters/function-names.ts, which the local runtime uses too. All are stable (state
 * machines and log groups keep their names across deploys) and carry the deployment's name, so
 * two deployments never collide, even in one account.
 */
export const stackName = (deployment: Pick<Deployment, "name">): string => `Ipsflow-${deployment.name}`;

export const resourcePrefix = (deployment: Pick<Deployment, "name">): string => `ipsflow-${deployment.name}`;

/** Cognito refuses domain prefixes that contain these words. */
const reservedInSignInPrefix = /aws|amazon|cognito/;

/**
 * The prefix of the deployment's Cognito sign-in domain, `<prefix>.auth.<region>.amazoncognito.com`.
 * Prefixes are global across AWS, so the derived one carries a hash of the account, region and
 * name beside the name; `signInDomainPrefix` in the deployment chooses another (for example when
 * the deployment names no account and the derived prefix is taken).
 */
export function signInDomainPrefix(deployment: Pick<Deployment, "name" | "account" | "region" | "signInDomainPrefix">): string {
  if (deployment.signInDomainPrefix) return deployment.signInDomainPrefix;
  const hash = createHash("sha256")
    .update(`${deployment.account ?? ""}/${deployment.region}/${deployment.name}`)
    .digest("hex")
    .slice(0, 8);
  const named = `ipsflow-${deployment.name}-${hash}`;
  return reservedInSignInPrefix.test(named) ? `ipsflow-${hash}` : named;
}

/** The base URL of a Cognito prefix domain (what UserPoolDomain.baseUrl() resolves to), known at synth. */
export const signInDomainUrl = (prefix: string, region: string): string => `https://${prefix}.auth.${region}.amazoncognito.com`;

/** The OIDC issuer host of every user pool in a region: tokens and the discovery document come from here. */
export const userPoolIssuerOrigin = (region: string): string => `https://cognito-idp.${region}.amazonaws.com`;
