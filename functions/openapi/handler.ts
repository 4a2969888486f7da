import { depsFromEnv, lazyDeps, type Deps } from "../../adapters/deps";
import { httpApiHandler } from "../api/http-handler";
import { routes } from "../api/routes";
import { openApiDocument } from "../api/openapi";

/**
 * `GET /openapi.json`, public: the OpenAPI document, generated from the api's route table. In a
 * function of its own because the generator (zod's JSON Schema conversion and zod-openapi, about
 * 80 KB) serves this one route, and the api, which every page of the web app calls, starts faster
 * without it. It reads no data: its role has no table access.
 */
export function createHandler(deps: () => Deps) {
  return httpApiHandler(routes(deps, openApiDocument).filter((route) => route.function === "openapi"));
}

// No client is ever made: no route here calls deps().
export const handler = createHandler(lazyDeps(() => depsFromEnv({})));
