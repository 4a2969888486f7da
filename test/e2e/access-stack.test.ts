import { createServer, type Server } from "node:http";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../local/servers/ports";
import { seedTeam, startTestSystem } from "../support/system";
import { onlyResource, removeScratchDirs, resourcesOf, synthesize, twoRegions } from "../infra/support";
import { checkAccessMatrix, matrixWorld, type MatrixWorld, type Role } from "./access-matrix";

/**
 * The access matrix as the synthesized stack configures it. What API Gateway and Cognito decide
 * is read from the template: which routes need no token, that the authorizer is a JWT one whose
 * audience is the app's client and whose issuer is the user pool, the user pool's groups and the
 * custom attributes that tie a user to a caseload or team. Tokens are then minted as the user pool
 * mints them (signed, `cognito:groups`, `custom:<attribute>`, the client as audience) by a local
 * issuer, since Cognito has no local server, and the whole matrix runs through the local API's JWT
 * check, with the expired, foreign-audience and forged tokens API Gateway refuses.
 */
const clientId = "stack-app-client";
let world: MatrixWorld;
let issuerServer: Server;
let issuer: string;
let signingKey: CryptoKey;
let stack: { publicRoutes: string[]; groups: string[]; customAttributes: string[] };

beforeAll(async () => {
  const template = synthesize(twoRegions).templates.get("Ipsflow-oslo")!;
  const [poolId, pool] = onlyResource(template, "AWS::Cognito::UserPool");
  const [clientLogicalId] = onlyResource(template, "AWS::Cognito::UserPoolClient");
  const [authorizerId, authorizer] = onlyResource(template, "AWS::ApiGatewayV2::Authorizer");
  expect(authorizer.Properties!.AuthorizerType).toBe("JWT");
  const jwt = authorizer.Properties!.JwtConfiguration as { Audience: unknown[]; Issuer: unknown };
  expect(jwt.Audience).toEqual([{ Ref: clientLogicalId }]);
  expect(JSON.stringify(jwt.Issuer)).toContain("https://cognito-idp.");
  expect(JSON.stringify(jwt.Issuer)).toContain(JSON.stringify({ Ref: poolId }));
  const routes = Object.values(resourcesOf(template, "AWS::ApiGatewayV2::Route")).map((route) => route.Properties!);
  for (const route of routes) if (route.AuthorizationType !== "NONE") expect(route.AuthorizerId).toEqual({ Ref: authorizerId });
  stack = {
    publicRoutes: routes.filter((route) => route.AuthorizationType === "NONE").map((route) => route.RouteKey as string),
    groups: Object.values(resourcesOf(template, "AWS::Cognito::UserPoolGroup")).map((group) => group.Properties!.GroupName as string),
    customAttributes: (pool.Properties!.Schema as Array<{ Name: string }>).map((attribute) => attribute.Name),
  };
  removeScratchDirs();

  // The user pool's stand-in: its discovery document and key set, as the API's JWT check reads them.
  const keys = await generateKeyPair("RS256");
  signingKey = keys.privateKey;
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: "pool-key", alg: "RS256", use: "sig" };
  const port = await freePort();
  issuer = `http://127.0.0.1:${port}`;
  issuerServer = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/.well-known/openid-configuration") res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/.well-known/jwks.json` }));
    else if (req.url === "/.well-known/jwks.json") res.end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end("{}");
  }).listen(port, "127.0.0.1");

  world = await matrixWorld(await startTestSystem({ signIn: { issuer, clientId, signInDomain: issuer } }), seedTeam);
});
afterAll(async () => {
  await world?.system.stop();
  await new Promise((resolve) => issuerServer?.close(resolve));
});

/** An ID token as the user pool issues one: groups, custom attributes, this client, an hour's life. */
async function idToken(claims: Record<string, unknown>, options: { audience?: string; expiresAt?: number; key?: CryptoKey } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ token_use: "id", ...claims })
    .setProtectedHeader({ alg: "RS256", kid: "pool-key" })
    .setIssuer(issuer)
    .setAudience(options.audience ?? clientId)
    .setSubject(`user-${Math.random().toString(36).slice(2)}`)
    .setIssuedAt(now - 60)
    .setExpirationTime(options.expiresAt ?? now + 3600)
    .sign(options.key ?? signingKey);
}

describe("access as the synthesized stack configures it", () => {
  it("holds the whole matrix with the user pool's groups and attributes, and refuses the tokens API Gateway refuses", async () => {
    const { a, b } = world;
    // Each role is a group of the stack's user pool, each scope one of its custom attributes.
    const group = (name: string) => {
      expect(stack.groups).toContain(name);
      return [name];
    };
    const attribute = (name: string) => {
      expect(stack.customAttributes).toContain(name);
      return `custom:${name}`;
    };
    const claims: Record<Role, Record<string, unknown>> = {
      admin: { "cognito:groups": group("admin") },
      specialist: { "cognito:groups": group("specialist"), [attribute("specialistId")]: a.specialist.id },
      otherSpecialist: { "cognito:groups": group("specialist"), [attribute("specialistId")]: b.specialist.id },
      team: { "cognito:groups": group("team"), [attribute("teamId")]: a.team.id },
      otherTeam: { "cognito:groups": group("team"), [attribute("teamId")]: b.team.id },
    };
    const tokens = Object.fromEntries(await Promise.all(Object.entries(claims).map(async ([role, c]) => [role, await idToken(c)]))) as Record<Role, string>;

    const adminClaims = claims.admin;
    const foreignKey = (await generateKeyPair("RS256")).privateKey;
    const refused = {
      none: undefined,
      expired: await idToken(adminClaims, { expiresAt: Math.floor(Date.now() / 1000) - 60 }),
      otherAudience: await idToken(adminClaims, { audience: "another-client" }),
      forged: await idToken(adminClaims, { key: foreignKey }),
      malformed: "not-a-jwt",
    };
    const served = await checkAccessMatrix(world, (role) => tokens[role], refused);
    // What the local API serves without a token is what the stack routes without the authorizer.
    expect([...new Set(served)].sort()).toEqual(stack.publicRoutes.sort());
  });
});
