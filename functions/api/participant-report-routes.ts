import type { Deps } from "../../adapters/deps";
import type { Route } from "./route";

/** A participant's interval and end reports. */
export function participantReportRoutes(_deps: () => Deps): Route[] {
  return [];
}
