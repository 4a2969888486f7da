import type { Deps } from "../../adapters/deps";
import type { Route } from "./route";

/** The outcome report. */
export function outcomeRoutes(_deps: () => Deps): Route[] {
  return [];
}
