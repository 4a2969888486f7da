import * as z from "../zod-mini";
import { isValidOrgNumber } from "../employers/org-number";
import type { ParticipantEvent } from "./schemas";
import type { ParticipantProfile } from "../participants/profile";

/**
 * The employer register: the employers a team's specialists develop jobs with. Employers are
 * businesses, not people: nothing about their contact people is kept beyond a role, and no
 * participant is named next to an employer.
 */

/**
 * The industry, as the section of Statistics Norway's standard industrial classification
 * (SN2007, the same sections as the EU's NACE Rev. 2): a code, so that the team's spread of
 * employers can be counted (fidelity: diversity of employers).
 */
export const sectors = [
  "agriculture",
  "mining",
  "manufacturing",
  "energy",
  "water-waste",
  "construction",
  "retail",
  "transport",
  "hospitality",
  "information",
  "finance",
  "real-estate",
  "professional",
  "administrative",
  "public-administration",
  "education",
  "health-social",
  "culture",
  "other-services",
  "households",
  "international",
] as const;
export type Sector = (typeof sectors)[number];

/** Who the specialist talks to at the employer, by role only. */
export const contactRoles = ["owner", "general-manager", "hr", "line-manager", "other"] as const;

/** How a contact was made: face-to-face counts for the fidelity scale's frequent employer contact. */
export const contactModes = ["face-to-face", "phone", "digital"] as const;
export type ContactMode = (typeof contactModes)[number];

/**
 * The three cups of tea: 1 asked for a talk, 2 learnt the business (its jobs and how it hires),
 * 3 presented a job seeker. A job start there makes the employer "hired".
 */
export const stageSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Stage = z.infer<typeof stageSchema>;

const id = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9._-]+$/, "must be an id"));

export const orgNumberSchema = z
  .string()
  .check(z.regex(/^\d{9}$/, "must be nine digits"), z.refine(isValidOrgNumber, "the check digit does not match (not a Norwegian organisation number)"));

export const createEmployerSchema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  orgNumber: z.optional(orgNumberSchema),
  sector: z.enum(sectors),
  municipality: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  /** The specialist responsible for the relationship: reminders about it go to them. */
  specialistId: id,
  contactRole: z.optional(z.enum(contactRoles)),
});
export type CreateEmployer = z.infer<typeof createEmployerSchema>;

export const employerContactSchema = z.strictObject({
  at: z.iso.datetime({ offset: true }),
  mode: z.enum(contactModes),
  decisionMaker: z.boolean(),
  stage: z.optional(stageSchema),
  /** The job seeker the contact was about; without it, general job development. */
  participantId: z.optional(id),
  /** Who made the contact: the specialist, or the participant with the specialist's help. */
  made: z.optional(z.enum(["specialist", "participant"])),
});
export type EmployerContactInput = z.infer<typeof employerContactSchema>;

export interface Employer extends CreateEmployer {
  id: string;
  createdAt: string;
  /** The furthest of the three cups reached. */
  stage?: Stage;
  /** When a participant first started a job there. */
  hiredAt?: string;
  lastContactAt?: string;
}

/** One contact with an employer, general or about one job seeker; a participant's contact is also their `employer-contact` event, under the same id. */
export interface EmployerContact {
  id: string;
  employerId: string;
  at: string;
  mode?: ContactMode;
  decisionMaker?: boolean;
  stage?: Stage;
  participantId?: string;
  made?: "specialist" | "participant";
  /** The specialist who made it or whose participant it was about. */
  specialistId: string;
  recordedAt: string;
}

/** A participant's employer contact as the employer's contact: the same id, time and details. */
export function employerContactOf(
  event: Extract<ParticipantEvent, { type: "employer-contact" }>,
  profile: Pick<ParticipantProfile, "id" | "specialistId">,
): EmployerContact {
  return {
    id: event.id,
    employerId: event.employerId!,
    at: event.at,
    ...(event.mode ? { mode: event.mode } : {}),
    ...(event.decisionMaker !== undefined ? { decisionMaker: event.decisionMaker } : {}),
    ...(event.visit ? { stage: event.visit } : {}),
    participantId: profile.id,
    ...(event.made ? { made: event.made } : {}),
    specialistId: profile.specialistId,
    recordedAt: event.recordedAt,
  };
}
