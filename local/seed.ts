import type { Deps } from "../adapters/deps";
import type { EventBody } from "../core/domain/schemas";
import { createTeam } from "../adapters/dynamodb/teams";
import { createSpecialist } from "../adapters/dynamodb/specialists";
import { getParticipant } from "../adapters/dynamodb/participants";
import { createParticipant } from "../use-cases/participants/create";
import { recordEvent } from "../use-cases/participants/record-event";

const DAY = 86_400_000;

/** Omit distributed over the union, so each event type keeps its own fields. */
type WithoutAt<T> = T extends unknown ? Omit<T, "at"> : never;
/** An event some days ago; one that names a later instant (a start, a pause's end) gets it from "now". */
type SeedEvent = [daysAgo: number, event: WithoutAt<EventBody> | ((now: number) => WithoutAt<EventBody>)];

const daysAhead = (now: number, days: number) => new Date(now + days * DAY).toISOString();

interface SeedParticipant {
  code: string;
  team: 0 | 1;
  specialist: 0 | 1 | 2;
  referredDaysAgo: number;
  events: SeedEvent[];
}

/**
 * One believable caseload mix: every phase, jobs of several kinds, most participants on track and
 * a few things to act on (a missed 30-day deadline, an overdue follow-up, a job start to follow up).
 */
const participants: SeedParticipant[] = [
  { code: "K.L.", team: 0, specialist: 0, referredDaysAgo: 4, events: [] },
  { code: "P-0193", team: 0, specialist: 0, referredDaysAgo: 24, events: [[20, { type: "participant-meeting" }]] },
  { code: "A.M.", team: 1, specialist: 2, referredDaysAgo: 38, events: [[30, { type: "participant-meeting" }]] },
  {
    code: "T.H.",
    team: 0,
    specialist: 0,
    referredDaysAgo: 45,
    events: [
      [40, { type: "participant-meeting" }],
      [33, { type: "benefits-counselling" }],
      [20, { type: "employer-contact", employer: "Rema 1000 Grünerløkka", visit: 1 }],
      [9, { type: "employer-contact", employer: "Oslo kommune, Bymiljøetaten", visit: 2 }],
      [5, { type: "participant-meeting" }],
      [3, { type: "employer-contact", employer: "Oslo kommune, Bymiljøetaten", visit: 3 }],
    ],
  },
  {
    code: "P-0207",
    team: 0,
    specialist: 1,
    referredDaysAgo: 60,
    events: [
      [55, { type: "employer-contact", employer: "Bakeriet i Storgata", visit: 1 }],
      [50, { type: "benefits-counselling" }],
      [14, { type: "employer-contact", employer: "XXL Sport", visit: 3 }],
      [6, { type: "participant-meeting" }],
      [2, { type: "employer-contact", employer: "Meny Storo", visit: 1 }],
    ],
  },
  {
    code: "S.B.",
    team: 1,
    specialist: 2,
    referredDaysAgo: 21,
    events: [
      [18, { type: "employer-contact", employer: "Kiwi Majorstuen", visit: 1 }],
      [6, { type: "participant-meeting" }],
      [4, { type: "employer-contact", employer: "Kiwi Majorstuen", visit: 2 }],
      // Offered a job starting in twelve days: a contact the week before, and benefits counselling first.
      [1, (now) => ({ type: "job-offer", employer: "Kiwi Majorstuen", startsAt: daysAhead(now, 12), hoursPerWeek: 10, wage: "ordinary" })],
    ],
  },
  {
    code: "M.R.",
    team: 0,
    specialist: 1,
    referredDaysAgo: 80,
    events: [
      [75, { type: "employer-contact", employer: "Coop Extra", visit: 1 }],
      [70, { type: "benefits-counselling" }],
      [12, { type: "job-start", employer: "Coop Extra", hoursPerWeek: 8, wage: "ordinary", temporary: true }],
      [9, { type: "follow-up-contact", with: "participant" }],
      [2, { type: "follow-up-contact", with: "employer" }],
    ],
  },
  {
    code: "P-0112",
    team: 1,
    specialist: 2,
    referredDaysAgo: 70,
    events: [
      [65, { type: "benefits-counselling" }],
      [60, { type: "employer-contact", employer: "Folkehøgskolen", visit: 2 }],
      [8, { type: "education-start" }],
      [5, { type: "follow-up-contact", with: "participant" }],
    ],
  },
  {
    code: "E.N.",
    team: 0,
    specialist: 0,
    referredDaysAgo: 200,
    events: [
      [195, { type: "employer-contact", employer: "Posten", visit: 1 }],
      [190, { type: "benefits-counselling" }],
      [150, { type: "job-start", employer: "Posten", hoursPerWeek: 20, wage: "subsidised", temporary: false }],
      [147, { type: "follow-up-contact", with: "participant" }],
      [120, { type: "follow-up-contact", with: "employer" }],
      [40, { type: "follow-up-contact", with: "participant" }],
    ],
  },
  {
    code: "J.O.",
    team: 0,
    specialist: 1,
    referredDaysAgo: 300,
    events: [
      [290, { type: "employer-contact", employer: "IKEA Furuset", visit: 1 }],
      [280, { type: "benefits-counselling" }],
      [240, { type: "job-start", employer: "IKEA Furuset", hoursPerWeek: 4, wage: "ordinary", temporary: true }],
      [236, { type: "follow-up-contact", with: "participant" }],
      [150, { type: "job-end", reason: "temporary-ended" }],
      [148, { type: "participant-meeting" }],
      [120, { type: "job-start", employer: "Clas Ohlson", hoursPerWeek: 16, wage: "ordinary", temporary: false }],
      [117, { type: "follow-up-contact", with: "participant" }],
      [90, { type: "follow-up-interval", days: 14 }],
      [20, { type: "follow-up-contact", with: "employer" }],
      [8, { type: "follow-up-contact", with: "participant" }],
    ],
  },
  {
    code: "L.K.",
    team: 1,
    specialist: 2,
    referredDaysAgo: 120,
    events: [
      [115, { type: "employer-contact", employer: "Elkjøp", visit: 1 }],
      [110, { type: "benefits-counselling" }],
      [70, { type: "job-start", employer: "Elkjøp", hoursPerWeek: 30, wage: "ordinary", temporary: false }],
      [66, { type: "follow-up-contact", with: "participant" }],
      [25, { type: "follow-up-contact", with: "participant" }],
    ],
  },
  {
    code: "P-0150",
    team: 1,
    specialist: 2,
    referredDaysAgo: 100,
    events: [
      [90, { type: "employer-contact", employer: "Bunnpris", visit: 1 }],
      // A break agreed for two months: reviewed when it ends.
      [40, (now) => ({ type: "pause", until: daysAhead(now, 20) })],
    ],
  },
  {
    code: "R.S.",
    team: 0,
    specialist: 1,
    referredDaysAgo: 160,
    events: [
      [150, { type: "employer-contact", employer: "Norgesgruppen", visit: 1 }],
      [100, { type: "exit", reason: "moved" }],
    ],
  },
  {
    code: "H.V.",
    team: 1,
    specialist: 2,
    referredDaysAgo: 15,
    events: [[10, { type: "benefits-counselling" }]],
  },
  {
    code: "P-0231",
    team: 0,
    specialist: 0,
    referredDaysAgo: 33,
    events: [
      [30, { type: "employer-contact", employer: "Vinmonopolet", visit: 1 }],
      [25, { type: "benefits-counselling" }],
      [10, { type: "participant-meeting" }],
      [3, { type: "job-start", employer: "Vinmonopolet", hoursPerWeek: 12, wage: "subsidised", temporary: true }],
    ],
  },
];

/**
 * A demo to look at on first start: two treatment teams, three job specialists and fifteen
 * participants spread over every phase. Participants have codes, never names.
 */
export async function seedDemo(deps: Deps): Promise<{ teams: number; specialists: number; participants: number }> {
  const teams = [
    await createTeam(deps, { name: "Behandlingsteam Nord", emails: ["team-nord@example.org"], locale: "nb", summaryCadence: "weekly" }),
    await createTeam(deps, { name: "Team Vest (FACT)", emails: ["team-vest@example.org"], locale: "nb", summaryCadence: "fortnightly" }),
  ];
  const specialists = [
    await createSpecialist(deps, { name: "Ingrid Jobbspesialist", email: "ingrid@example.org", teamIds: [teams[0].id], caseloadLimit: 20 }),
    await createSpecialist(deps, { name: "Ola Jobbspesialist", email: "ola@example.org", teamIds: [teams[0].id], caseloadLimit: 20 }),
    await createSpecialist(deps, { name: "Sara Jobbspesialist", email: "sara@example.org", teamIds: [teams[1].id], caseloadLimit: 15 }),
  ];
  const now = deps.clock.now().getTime();
  // Participants are independent: seed them side by side, each one's events in order.
  await Promise.all(
    participants.map(async (seed, i) => {
      const created = await createParticipant(
        deps,
        {
          code: seed.code,
          teamId: teams[seed.team].id,
          specialistId: specialists[seed.specialist].id,
          referredAt: new Date(now - seed.referredDaysAgo * DAY).toISOString(),
        },
        `seed-${i}`,
      );
      const id = (created.body as { id: string }).id;
      for (const [j, [daysAgo, event]] of seed.events.entries()) {
        const profile = await getParticipant(deps, id);
        const body = typeof event === "function" ? event(now) : event;
        await recordEvent(deps, profile!, { ...body, at: new Date(now - daysAgo * DAY).toISOString() } as EventBody, `seed-${i}-${j}`);
      }
    }),
  );
  return { teams: teams.length, specialists: specialists.length, participants: participants.length };
}
