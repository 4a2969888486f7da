import type { Deps } from "../../adapters/deps";
import type { Route } from "./route";

/** The employer register and its contacts. */
export function employerRoutes(_deps: () => Deps): Route[] {
  return [];
}
