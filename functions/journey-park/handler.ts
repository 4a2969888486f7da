import middy from "@middy/core";
import { lazyDeps, type Deps } from "../../shared/runtime/deps";
import { parseOrThrow } from "../../shared/http/errors";
import { parkInputSchema, superseded } from "../../shared/workflow/journey-payload";
import { parkJourney, sendWake } from "../../shared/workflow/journey-execution";
import { emitCheckIn } from "../../shared/logging/metrics";

/**
 * Journey step "await": stores the callback token that an event uses to wake the journey. If an
 * event arrived after the plan, the token is handed back at once, so no event is ever slept through.
 */
export function createHandler(deps: () => Deps) {
  return middy(async (event: unknown) => {
    const { state, taskToken } = parseOrThrow(parkInputSchema, event);
    const d = deps();
    const outcome = await parkJourney(d, state.participantId, state.generation, taskToken, state.plannedVersion ?? 0, state.wakeAt);
    // Handed back at once: a stale plan plans again; a superseded execution learns it and ends.
    if (outcome === "stale") await sendWake(d, taskToken, "changed-while-planning");
    if (outcome === "superseded") await sendWake(d, taskToken, superseded);
    emitCheckIn(d.deployment.name);
    return { outcome };
  });
}

export const handler = createHandler(lazyDeps());
