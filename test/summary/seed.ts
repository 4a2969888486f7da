import type { Deps } from "../../adapters/deps";
import type { CreateParticipant, EventBody } from "../../core/domain/schemas";
import { getParticipant } from "../../adapters/dynamodb/participants";
import { type ParticipantProfile } from "../../core/participants/profile";
import { createParticipant } from "../../use-cases/participants/create";
import { recordEvent } from "../../use-cases/participants/record-event";
import { recordDue } from "../../use-cases/journey/record-due";
import { VirtualClock } from "../../local/clock/virtual-clock";
import { LocalStepFunctions } from "../../local/stepfunctions";
import { newId } from "../../core/ids";

/**
 * Seeds participants and events with the functions the API calls (createParticipant,
 * recordEvent), so that whatever they write, the seed writes too. Both start or wake the
 * participant's journey; the deps given here must point them at `holdJourneys()`, whose journeys
 * never plan: a summary reads data only, and a journey that planned would record what came due
 * behind the test's back. A test that wants the missed-deadline alerts asks for them with
 * `recordDueNow`, which runs the journey's own step for that.
 */

export interface HeldJourneys {
  /** What `testDeps` takes to start journeys here. */
  sfn: { sfnEndpoint: string; journeyStateMachineArn: string };
  stop(): Promise<void>;
}

/**
 * A Step Functions endpoint (the local engine, reached through the SDK) whose journey state
 * machine parks on a callback token that nothing ever sends, on a virtual clock that never moves.
 * A start is idempotent while the execution runs, which is how the event writer's "make sure a
 * journey runs" finds it running each time.
 */
export async function holdJourneys(): Promise<HeldJourneys> {
  const region = "eu-north-1";
  const park = `arn:aws:lambda:${region}:000000000000:function:held-journey-park`;
  const engine = new LocalStepFunctions({ clock: new VirtualClock({ speed: 0 }), region, lambdas: { [park]: async () => ({}) } });
  const journeyStateMachineArn = engine.createStateMachine("held-journey", {
    StartAt: "Hold",
    States: {
      Hold: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
        Parameters: { FunctionName: park, Payload: { "taskToken.$": "$$.Task.Token" } },
        End: true,
      },
    },
  });
  const server = await engine.listen(0);
  return {
    sfn: { sfnEndpoint: server.endpoint, journeyStateMachineArn },
    async stop() {
      await engine.close();
      await server.close();
    },
  };
}

/** Registers a referral, as POST /participants does, at the clock's time. */
export async function seedParticipant(deps: Deps, input: CreateParticipant): Promise<ParticipantProfile> {
  const created = await createParticipant(deps, input);
  if (created.statusCode !== 201) throw new Error(`referral of ${input.code} answered ${created.statusCode}: ${JSON.stringify(created.body)}`);
  return (await getParticipant(deps, (created.body as { id: string }).id))!;
}

/** Records events in order, as POST /participants/{id}/events does, each at the clock's time. */
export async function record(deps: Deps, participantId: string, ...bodies: EventBody[]): Promise<void> {
  for (const body of bodies) {
    const profile = await getParticipant(deps, participantId);
    if (!profile) throw new Error(`no participant ${participantId}`);
    const recorded = await recordEvent(deps, profile, body, `seed-${newId()}`);
    if (recorded.statusCode !== 201) throw new Error(`${body.type} answered ${recorded.statusCode}: ${JSON.stringify(recorded.body)}`);
  }
}

/** Runs the journey's record step for a participant at the clock's time (writes missed-deadline alerts). */
export async function recordDueNow(deps: Deps, participantId: string): Promise<number> {
  return (await recordDue(deps, participantId)).recorded;
}

/** A unique mailbox per test, since all test files share one SES inbox. */
export const mailbox = (name: string) => `${name}-${newId().toLowerCase()}@example.org`;
