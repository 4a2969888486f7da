import { tz } from "@date-fns/tz";
import { formatISO, parseISO } from "date-fns";
import type { EventBody, ParticipantEvent } from "../../../core/domain/schemas";
import { evaluateJourney, type JourneyState } from "../../../core/journey/evaluate";
import { defaultRules, type JourneyRules } from "../../../core/journey/rules";

export const oslo = "Europe/Oslo";

let sequence = 0;

/** A recorded event; ids increase in the order the test builds them, as ULIDs do. */
export function event(body: EventBody, id?: string): ParticipantEvent {
  sequence += 1;
  return { ...body, id: id ?? `ev-${String(sequence).padStart(6, "0")}`, recordedAt: body.at } as ParticipantEvent;
}

/** Oslo wall-clock time → instant with Oslo's offset on that day, e.g. at("2026-03-02 10:00") → "2026-03-02T10:00:00+01:00". */
export function at(local: string): string {
  const [date, time = "10:00"] = local.split(" ");
  const instant = parseISO(`${date}T${time}`, { in: tz(oslo) });
  if (Number.isNaN(instant.getTime())) throw new Error(`not an Oslo time: ${local}`);
  return formatISO(instant);
}

export const employerContact = (when: string, employer = "Bakeriet AS") => event({ type: "employer-contact", at: at(when), employer });
export const jobStart = (when: string, employer = "Bakeriet AS") =>
  event({ type: "job-start", at: at(when), employer, hoursPerWeek: 8, wage: "ordinary", temporary: false });
export const jobEnd = (when: string) => event({ type: "job-end", at: at(when) });
export const followUpContact = (when: string, withWhom: "participant" | "employer" = "participant") =>
  event({ type: "follow-up-contact", at: at(when), with: withWhom });
export const participantMeeting = (when: string) => event({ type: "participant-meeting", at: at(when) });
export const benefitsCounselling = (when: string) => event({ type: "benefits-counselling", at: at(when) });
export const pause = (when: string) => event({ type: "pause", at: at(when) });
export const resume = (when: string) => event({ type: "resume", at: at(when) });
export const exit = (when: string) => event({ type: "exit", at: at(when), reason: "moved" });

export function journey(
  referred: string,
  events: ParticipantEvent[],
  now: string,
  rules: JourneyRules = defaultRules,
): JourneyState {
  return evaluateJourney({ referredAt: at(referred), events, now: new Date(at(now)), rules, timeZone: oslo });
}

/** The open obligation of a kind (status not done), or undefined. */
export const openOf = (state: JourneyState, kind: string) => state.obligations.find((o) => o.kind === kind && o.status !== "done");
export const doneOf = (state: JourneyState, kind: string) => state.obligations.find((o) => o.kind === kind && o.status === "done");
