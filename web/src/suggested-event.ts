import type { EventType, ObligationKind } from "../../core/domain/schemas";

/**
 * The event that records doing an obligation, for the one-tap "record" on My day. It follows what
 * closes each obligation (core/journey/README.md): an employer contact for the job-search
 * clocks, a contact with the participant for follow-up and outreach.
 */
export const suggestedEvent: Record<ObligationKind, { type: EventType; with?: "participant" | "employer" }> = {
  "first-employer-contact": { type: "employer-contact" },
  "job-development": { type: "employer-contact" },
  "benefits-counselling": { type: "benefits-counselling" },
  "job-start-follow-up": { type: "follow-up-contact", with: "participant" },
  "placement-follow-up": { type: "follow-up-contact", with: "participant" },
  "follow-up": { type: "follow-up-contact", with: "participant" },
  "job-loss-follow-up": { type: "follow-up-contact", with: "participant" },
  outreach: { type: "participant-meeting" },
  // After the talk the pause ends, or is renewed with a new end (choose "Pause" on the participant's page).
  "pause-review": { type: "resume" },
  "pre-start-contact": { type: "participant-meeting" },
};
