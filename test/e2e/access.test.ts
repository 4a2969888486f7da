import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTeam, startTestSystem } from "../support/system";
import { publicRoutes } from "../../local/http/authorizer";
import { accessRoutes, checkAccessMatrix, matrixWorld, type MatrixWorld, type Role } from "./access-matrix";
import { routes } from "../../functions/api/routes";
import { routeKey } from "../../functions/api/route";

/**
 * Every route against every role with the local dev tokens: admin, the specialist of the caseload
 * and one of another, a member of the team and one of another team, no token, a malformed token.
 * Each denied call is a 401 or 403 that reveals nothing of the record; each allowed one works.
 */
let world: MatrixWorld;

beforeAll(async () => {
  world = await matrixWorld(await startTestSystem(), seedTeam);
});
afterAll(() => world?.system.stop());

describe("access, route by route and role by role", () => {
  it("covers every route the API serves", () => {
    const served = routes(() => {
      throw new Error("the route table is read for its routes only");
    }).map(routeKey);
    expect(accessRoutes(world).map((r) => r.route).sort()).toEqual(served.sort());
  });

  it("allows exactly the roles each route names; a denial is 401 or 403 and reveals nothing of the record", async () => {
    const { a, b } = world;
    const tokens: Record<Role, string> = {
      admin: "dev:admin",
      specialist: a.specialistToken,
      otherSpecialist: b.specialistToken,
      team: a.teamToken,
      otherTeam: b.teamToken,
    };
    const served = await checkAccessMatrix(world, (role) => tokens[role], { none: undefined, malformed: "dev:specialist:" });
    expect(served).toEqual([...publicRoutes]);
  });
});
