import type { Deps } from "../../adapters/deps";
import type { Route } from "./route";

/** A team's fidelity self-score. */
export function fidelityRoutes(_deps: () => Deps): Route[] {
  return [];
}
