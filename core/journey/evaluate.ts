import type { Obligation, ObligationKind, ParticipantEvent, Phase } from "../domain/schemas";
import {
  addDays,
  daysBetween,
  isoInstant,
  laterDate,
  localDateOf,
  localMidnightInstant,
  type LocalDate,
} from "../calendar/local-dates";
import { placementDays, rulesVersion, type JourneyRules } from "./rules";
import { closedBy, obligationRules, recurringKinds, recursIn, withParticipant, type ActivePhase, type RecurrenceFacts } from "./obligations";

/**
 * A participant's journey, computed from the referral and the recorded events (the truth) as of
 * `now`. Pure: the same input always gives the same state, so the workflow, the API and the
 * summaries can all recompute it. The decisions behind the rules are in README.md next to this file.
 */

/** An obligation with its due date as the local date as well as the instant that date begins. */
export interface JourneyObligation extends Obligation {
  /** Local date (yyyy-mm-dd) in the deployment's zone; `dueAt` is 00:00 local on it. */
  dueDate: LocalDate;
}

export interface CurrentJob {
  /** The id of the job-start event. */
  id: string;
  employer: string;
  hoursPerWeek: number;
  wage: "ordinary" | "subsidised";
  temporary: boolean;
  startedAt: string;
}

export interface Employment {
  inWork: boolean;
  inSchool: boolean;
  currentJob?: CurrentJob;
  educationStartedAt?: string;
}

/** An obligation whose clock stands still during a pause: how many days it had left when paused (negative: overdue). */
export interface HeldObligation {
  kind: ObligationKind;
  daysLeft: number;
}

export interface JourneyState {
  phase: Phase;
  /** When the current phase began (ISO instant). */
  phaseSince: string;
  /** Open obligations (by due date), then the most recent done one of each kind (latest first). */
  obligations: JourneyObligation[];
  /** Earliest `dueAt` among open obligations. */
  nextDueAt: string | null;
  /**
   * Earliest instant after `now` at which the phase or a status changes: the local midnight that
   * makes an obligation due or overdue, the end of placement, or a recorded future-dated event.
   */
  nextChangeAt: string | null;
  missedFirstEmployerContact: boolean;
  employment: Employment;
  lastEmployerContactAt?: string;
  lastFollowUpContactAt?: string;
  lastParticipantContactAt?: string;
  lastBenefitsCounsellingAt?: string;
  /** How the last benefits counselling went: held, offered (not yet held) or declined. */
  lastBenefitsCounsellingStatus?: "held" | "offered" | "declined";
  /** The participant's follow-up interval (the rule default until a `follow-up-interval` event). */
  followUpIntervalDays: number;
  /** When placement turns into follow-up (in placement only). */
  placementEndsAt?: string;
  /** Obligations waiting for the participant to resume (paused only). */
  held?: HeldObligation[];
  exitedAt?: string;
  evaluatedAt: string;
  /** The rules it was computed with (rulesVersion in rules.ts). */
  rulesVersion: string;
}

/**
 * What became of one obligation, for figures that ask whether obligations were met on time (the
 * fidelity self-score): met (closed on or before its due date), late (closed after it), missed
 * (ended unmet after its due date: a phase change, a renewed clock or an exit), ended (ended
 * unmet before it was due: nothing was owed), overdue (still open and past due at `now`), open
 * (still open, not past due). A pause's days do not count: its clocks stand still.
 */
export interface ObligationCourse {
  kind: ObligationKind;
  /** Local date it was (or is) due, as the obligation itself says. */
  dueDate: LocalDate;
  outcome: "met" | "late" | "missed" | "ended" | "overdue" | "open";
  /** When it was closed or ended (not for open and overdue ones). */
  at?: string;
}

export interface EvaluationInput {
  referredAt: string;
  events: ParticipantEvent[];
  now: Date;
  rules: JourneyRules;
  timeZone: string;
}

/** Events in the order they happened: by `at`, then by id (ULIDs keep recording order). */
export function chronological<T extends { at: string; id: string }>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function evaluateJourney(input: EvaluationInput): JourneyState {
  const { evaluation, nextEventAt } = run(input);
  return evaluation.stateAt(input.now, nextEventAt);
}

/**
 * The same evaluation, with the course of every obligation that was opened on the way: when each
 * was due and whether it was met on time. For figures over a period; the journey itself needs
 * only the state.
 */
export function evaluateJourneyCourses(input: EvaluationInput): { state: JourneyState; courses: ObligationCourse[] } {
  const courses: ObligationCourse[] = [];
  const { evaluation, nextEventAt } = run(input, courses);
  return { state: evaluation.stateAt(input.now, nextEventAt), courses: [...courses, ...evaluation.openCourses(input.now)] };
}

function run(input: EvaluationInput, courses?: ObligationCourse[]): { evaluation: Evaluation; nextEventAt: number | undefined } {
  const { events, now, rules, timeZone } = input;
  const referredAt = Date.parse(input.referredAt);
  if (Number.isNaN(referredAt)) throw new Error(`referredAt "${input.referredAt}" is not an instant`);
  const evaluation = new Evaluation(input.referredAt, rules, timeZone, courses);

  let nextEventAt: number | undefined;
  for (const event of chronological(events)) {
    const at = Date.parse(event.at);
    if (at > now.getTime()) {
      // Recorded ahead of time (e.g. a job start next Monday): it takes effect when it happens.
      nextEventAt = nextEventAt === undefined ? at : Math.min(nextEventAt, at);
      continue;
    }
    // Something recorded as happening before the referral counts as happening at the referral.
    const effective = new Date(Math.max(at, referredAt));
    evaluation.advanceTo(effective);
    evaluation.apply(event, effective);
  }
  evaluation.advanceTo(now);
  return { evaluation, nextEventAt };
}

interface Moment {
  at: string;
  date: LocalDate;
}

/** An open obligation's clock: due `days` calendar days after `anchor`, plus any paused days since. */
interface OpenClock {
  anchor: LocalDate;
  days: number;
}

/**
 * Everything an evaluation knows after the events it has applied, as plain JSON: stored with the
 * participant (core/journey/fold.ts), so that the next event continues from it instead of
 * applying the whole history again. Maps are kept as entry lists, in their order.
 */
export interface EvaluationSnapshot {
  clockPhase: ActivePhase;
  phaseSince: string;
  journeyStart: Moment;
  jobSearchStart?: LocalDate;
  placementStart?: LocalDate;
  paused?: Moment;
  pauseReview?: LocalDate;
  exited?: Moment;
  pauses: Array<{ from: LocalDate; to: LocalDate }>;
  open: Array<[ObligationKind, OpenClock]>;
  done: Array<[ObligationKind, { dueDate: LocalDate; doneAt: string }]>;
  missedFirstContact: boolean;
  lastEmployerContact?: Moment;
  lastFollowUpContact?: Moment;
  lastParticipantContact?: Moment;
  lastBenefitsCounselling?: Moment & { status: "held" | "offered" | "declined" };
  followUpIntervalDays: number;
  inSchool: boolean;
  educationStartedAt?: string;
  openJobs: CurrentJob[];
}

/** The fields a snapshot holds as the evaluation does (the maps and the employment are converted). */
const plainFields = [
  "clockPhase",
  "phaseSince",
  "journeyStart",
  "jobSearchStart",
  "placementStart",
  "paused",
  "pauseReview",
  "exited",
  "pauses",
  "missedFirstContact",
  "lastEmployerContact",
  "lastFollowUpContact",
  "lastParticipantContact",
  "lastBenefitsCounselling",
  "followUpIntervalDays",
  "openJobs",
] as const satisfies ReadonlyArray<keyof EvaluationSnapshot>;

export class Evaluation {
  private clockPhase: ActivePhase = "referral";
  private phaseSince: string;
  private journeyStart: Moment;
  private jobSearchStart?: LocalDate;
  private placementStart?: LocalDate;
  private paused?: Moment;
  /** While paused: the local date the pause is to be reviewed. */
  private pauseReview?: LocalDate;
  private exited?: Moment;
  /** Completed pauses, local dates [from, to): every clock open then stood still for these days. */
  private pauses: Array<{ from: LocalDate; to: LocalDate }> = [];
  private open = new Map<ObligationKind, OpenClock>();
  private done = new Map<ObligationKind, { dueDate: LocalDate; doneAt: string }>();
  private missedFirstContact = false;
  private lastEmployerContact?: Moment;
  private lastFollowUpContact?: Moment;
  private lastParticipantContact?: Moment;
  private lastBenefitsCounselling?: Moment & { status: "held" | "offered" | "declined" };
  private followUpIntervalDays: number;
  private employment: Employment = { inWork: false, inSchool: false };
  /** Jobs held now, oldest first: people hold two part-time jobs; a job end names its job. */
  private openJobs: CurrentJob[] = [];

  constructor(
    referredAt: string,
    private readonly rules: JourneyRules,
    private readonly timeZone: string,
    /** Where the course of each obligation is written, when asked for (evaluateJourneyCourses). */
    private readonly courses?: ObligationCourse[],
  ) {
    this.followUpIntervalDays = rules.followUpIntervalDays;
    this.journeyStart = this.moment(new Date(referredAt));
    this.phaseSince = this.journeyStart.at;
    this.refer(this.journeyStart);
  }

  /** What this evaluation knows, as plain JSON (a deep copy: later events change nothing in it). */
  snapshot(): EvaluationSnapshot {
    const snapshot = {
      ...Object.fromEntries(plainFields.map((field) => [field, this[field]])),
      open: [...this.open],
      done: [...this.done],
      inSchool: this.employment.inSchool,
      educationStartedAt: this.employment.educationStartedAt,
    };
    // Through JSON: a copy that shares nothing, without the undefined fields a table drops anyway.
    return JSON.parse(JSON.stringify(snapshot)) as EvaluationSnapshot;
  }

  /** An evaluation that goes on from a snapshot, as if it had applied the same events itself. */
  static resume(
    referredAt: string,
    snapshot: EvaluationSnapshot,
    rules: JourneyRules,
    timeZone: string,
    courses?: ObligationCourse[],
  ): Evaluation {
    const evaluation = new Evaluation(referredAt, rules, timeZone, courses);
    const copy = JSON.parse(JSON.stringify(snapshot)) as EvaluationSnapshot;
    Object.assign(evaluation, Object.fromEntries(plainFields.map((field) => [field, copy[field]])));
    evaluation.open = new Map(copy.open);
    evaluation.done = new Map(copy.done);
    evaluation.employment = {
      inWork: false,
      inSchool: copy.inSchool,
      ...(copy.educationStartedAt === undefined ? {} : { educationStartedAt: copy.educationStartedAt }),
    };
    // The current job is the latest held one, the same object a job change updates.
    evaluation.syncJobs();
    return evaluation;
  }

  private moment(at: Date): Moment {
    return { at: isoInstant(at), date: localDateOf(at, this.timeZone) };
  }

  /** A referral (or a return after exit): the two 30-day clocks start. */
  private refer(m: Moment) {
    this.open.set("first-employer-contact", { anchor: m.date, days: this.rules.firstEmployerContactDays });
    this.open.set("benefits-counselling", { anchor: m.date, days: this.rules.benefitsCounsellingDays });
    this.enter("referral", m);
  }

  private pausedDaysAfter(anchor: LocalDate): number {
    let days = 0;
    for (const pause of this.pauses) {
      if (pause.to > anchor) days += daysBetween(laterDate(pause.from, anchor)!, pause.to);
    }
    return days;
  }

  private dueDateOf(clock: OpenClock): LocalDate {
    return addDays(clock.anchor, clock.days + this.pausedDaysAfter(clock.anchor));
  }

  /** The date the clocks last ran: a pause freezes them on the day it began. */
  private clockDate(date: LocalDate): LocalDate {
    return this.paused ? this.paused.date : date;
  }

  private noteFirstContactMiss(date: LocalDate) {
    const clock = this.open.get("first-employer-contact");
    if (clock && this.clockDate(date) > this.dueDateOf(clock)) this.missedFirstContact = true;
  }

  private close(kind: ObligationKind, m: Moment) {
    const clock = this.open.get(kind);
    if (!clock) return;
    if (kind === "first-employer-contact") this.noteFirstContactMiss(m.date);
    const dueDate = this.dueDateOf(clock);
    this.courses?.push({ kind, dueDate, outcome: this.clockDate(m.date) > dueDate ? "late" : "met", at: m.at });
    this.done.set(kind, { dueDate, doneAt: m.at });
    this.open.delete(kind);
  }

  /** An open obligation of `kind` ends unmet at `m` (for the courses): a new clock replaces it, or it closes. */
  private retire(kind: ObligationKind, m: Moment) {
    const clock = this.open.get(kind);
    if (!clock || !this.courses) return;
    const dueDate = this.dueDateOf(clock);
    this.courses.push({ kind, dueDate, outcome: this.clockDate(m.date) > dueDate ? "missed" : "ended", at: m.at });
  }

  /** An open obligation of `kind` ends unmet at `m`: a new phase, or an exit, has no place for it. */
  private drop(kind: ObligationKind, m: Moment) {
    this.retire(kind, m);
    this.open.delete(kind);
  }

  /** The obligations still open at `now`, for the courses: overdue, or not yet. */
  openCourses(now: Date): ObligationCourse[] {
    const today = this.clockDate(localDateOf(now, this.timeZone));
    return [...this.open].map(([kind, clock]) => {
      const dueDate = this.dueDateOf(clock);
      return { kind, dueDate, outcome: today > dueDate ? ("overdue" as const) : ("open" as const) };
    });
  }

  /** The journey so far, as the recurring obligations' clocks measure from it. */
  private recurrenceFacts(): RecurrenceFacts {
    return {
      phase: this.clockPhase,
      journeyStart: this.journeyStart.date,
      jobSearchStart: this.jobSearchStart,
      placementStart: this.placementStart,
      lastEmployerContact: this.lastEmployerContact?.date,
      lastFollowUpContact: this.lastFollowUpContact?.date,
      lastParticipantContact: this.lastParticipantContact?.date,
      followUpIntervalDays: this.followUpIntervalDays,
      rules: this.rules,
    };
  }

  /**
   * Opens the recurring obligations of the current phase (obligations.ts: anchored at the latest
   * contact that counts) and drops the others; an open one is re-timed, since its length may
   * follow the phase or the participant's own interval.
   */
  private syncRecurring(m: Moment) {
    const facts = this.recurrenceFacts();
    for (const kind of recurringKinds) {
      const recurs = obligationRules[kind].recurs!;
      const clock = this.open.get(kind);
      if (this.exited || !recursIn(recurs, this.clockPhase)) this.drop(kind, m);
      else if (!clock) this.open.set(kind, { anchor: recurs.anchor(facts), days: recurs.days(facts) });
      else clock.days = recurs.days(facts);
    }
  }

  /** Enters a phase (again): its recurring obligations start afresh from this moment or the latest contact. */
  private enter(phase: ActivePhase, m: Moment) {
    this.clockPhase = phase;
    if (!this.paused) this.phaseSince = m.at;
    for (const kind of recurringKinds) if (obligationRules[kind].recurs!.phases !== "every active phase") this.drop(kind, m);
    this.syncRecurring(m);
  }

  private startPlacement(m: Moment) {
    this.placementStart = m.date;
    this.retire("job-start-follow-up", m);
    this.open.set("job-start-follow-up", { anchor: m.date, days: this.rules.jobStartFollowUpDays });
    this.enter("placement", m);
  }

  private syncJobs() {
    this.employment.inWork = this.openJobs.length > 0;
    if (this.openJobs.length > 0) this.employment.currentJob = this.openJobs[this.openJobs.length - 1];
    else delete this.employment.currentJob;
  }

  /** After a job or school ends: back to job search when neither work nor school remains. */
  private afterEnd(m: Moment) {
    const employed = this.clockPhase === "placement" || this.clockPhase === "follow-up";
    if (employed && !this.employment.inWork && !this.employment.inSchool) {
      this.jobSearchStart = m.date;
      this.enter("job-search", m);
    }
  }

  private placementEndDate(): LocalDate | undefined {
    if (this.clockPhase !== "placement" || !this.placementStart) return undefined;
    return addDays(this.placementStart, placementDays(this.rules) + this.pausedDaysAfter(this.placementStart));
  }

  /** Applies the changes time alone makes, up to and including `instant`: placement turns into follow-up. */
  advanceTo(instant: Date) {
    if (this.exited || this.paused) return;
    const end = this.placementEndDate();
    if (end === undefined) return;
    const endsAt = localMidnightInstant(end, this.timeZone);
    if (Date.parse(endsAt) <= instant.getTime()) this.enter("follow-up", { at: endsAt, date: end });
  }

  apply(event: ParticipantEvent, at: Date) {
    const m = this.moment(at);
    this.record(event, m);
    // After exit only a return changes the journey; other events are kept as facts.
    if (this.exited && event.type !== "resume") return;
    for (const kind of closedBy(event)) this.close(kind, m);
    this.transition(event, m);
    this.syncRecurring(m);
  }

  /** Facts every event leaves behind, whatever the phase (also after exit). */
  private record(event: ParticipantEvent, m: Moment) {
    if (withParticipant(event)) this.lastParticipantContact = m;
    switch (event.type) {
      case "employer-contact":
        this.lastEmployerContact = m;
        break;
      case "benefits-counselling":
        this.lastBenefitsCounselling = { ...m, status: event.status ?? "held" };
        break;
      case "follow-up-contact":
        this.lastFollowUpContact = m;
        break;
      case "follow-up-interval":
        // The open follow-up is re-timed (syncRecurring): the new interval counts from the same last contact.
        this.followUpIntervalDays = event.days;
        break;
      case "job-start":
        this.openJobs.push({
          id: event.id,
          employer: event.employer,
          hoursPerWeek: event.hoursPerWeek,
          wage: event.wage,
          temporary: event.temporary,
          startedAt: m.at,
        });
        this.syncJobs();
        break;
      case "job-end": {
        // Same reading as the participant's job list (core/participants/jobs.ts): the job it
        // names ends (one stored without a name: the latest); another job still held keeps them in work.
        const index = event.jobId === undefined ? this.openJobs.length - 1 : this.openJobs.findIndex((job) => job.id === event.jobId);
        if (index >= 0) this.openJobs.splice(index, 1);
        this.syncJobs();
        break;
      }
      case "job-change": {
        const job = this.openJobs.find((held) => held.id === event.jobId) ?? this.openJobs.at(-1);
        if (job && event.hoursPerWeek !== undefined) job.hoursPerWeek = event.hoursPerWeek;
        if (job && event.wage !== undefined) job.wage = event.wage;
        if (job && event.temporary !== undefined) job.temporary = event.temporary;
        break;
      }
      case "education-start":
        this.employment.inSchool = true;
        this.employment.educationStartedAt = m.at;
        break;
      case "education-end":
        this.employment.inSchool = false;
        delete this.employment.educationStartedAt;
        break;
      default:
        break;
    }
  }

  private transition(event: ParticipantEvent, m: Moment) {
    switch (event.type) {
      case "employer-contact":
        // Fidelity scale: job search starts with the first face-to-face employer contact.
        if (this.clockPhase === "referral") {
          this.jobSearchStart = m.date;
          this.enter("job-search", m);
        }
        break;
      case "job-start":
      case "education-start":
        this.startPlacement(m);
        break;
      case "job-offer": {
        // Contact within a week before the start, or at once when the start is closer.
        const startDate = localDateOf(new Date(event.startsAt), this.timeZone);
        const contactBy = laterDate(addDays(startDate, -this.rules.preStartContactDays), m.date)!;
        this.retire("pre-start-contact", m);
        this.open.set("pre-start-contact", { anchor: contactBy, days: 0 });
        this.offerBenefitsCounselling(m);
        break;
      }
      case "job-change":
        // New hours or pay change what the participant keeps of their benefits.
        if (event.hoursPerWeek !== undefined || event.wage !== undefined) this.offerBenefitsCounselling(m);
        break;
      case "job-end": {
        // Fidelity: within 3 days of *learning* about the job loss: a job end recorded late counts
        // from when it was recorded, not from the day the job ended.
        const learnt = laterDate(m.date, localDateOf(new Date(event.recordedAt), this.timeZone))!;
        this.retire("job-loss-follow-up", m);
        this.open.set("job-loss-follow-up", { anchor: learnt, days: this.rules.jobLossFollowUpDays });
        this.afterEnd(m);
        break;
      }
      case "education-end":
        this.afterEnd(m);
        break;
      case "pause":
        if (this.paused) this.closePauseReview(m);
        else {
          this.paused = m;
          this.phaseSince = m.at;
        }
        // A pause names when it is to be reviewed (or lasts pauseReviewDays): nobody stays paused unseen.
        this.pauseReview = event.until ? localDateOf(new Date(event.until), this.timeZone) : addDays(m.date, this.rules.pauseReviewDays);
        break;
      case "resume":
        if (this.exited) this.returnAfterExit(m);
        else if (this.paused) {
          this.closePauseReview(m);
          this.pauses.push({ from: this.paused.date, to: m.date });
          this.paused = undefined;
          this.phaseSince = m.at;
        }
        break;
      case "exit":
        this.noteFirstContactMiss(m.date);
        for (const kind of [...this.open.keys()]) this.retire(kind, m);
        this.open.clear();
        this.paused = undefined;
        this.pauseReview = undefined;
        this.exited = m;
        this.phaseSince = m.at;
        break;
      default:
        break;
    }
  }

  /**
   * Benefits counselling before each new job and after each change of hours or pay (principle 5):
   * due benefitsCounsellingChangeDays later, or earlier if it was due before that anyway.
   */
  private offerBenefitsCounselling(m: Moment) {
    const open = this.open.get("benefits-counselling");
    const due = addDays(m.date, this.rules.benefitsCounsellingChangeDays);
    if (open && this.dueDateOf(open) > due) this.retire("benefits-counselling", m);
    if (!open || this.dueDateOf(open) > due) this.open.set("benefits-counselling", { anchor: m.date, days: this.rules.benefitsCounsellingChangeDays });
  }

  /** The pause's review is done: the participant resumed, or the pause was renewed. */
  private closePauseReview(m: Moment) {
    if (this.pauseReview) this.done.set("pause-review", { dueDate: this.pauseReview, doneAt: m.at });
    this.pauseReview = undefined;
  }

  /**
   * Coming back after exit (IPS principle 2: nobody is excluded) is a new referral at the resume:
   * the 30-day clocks start again. Someone already in work or school comes back to follow-up.
   */
  private returnAfterExit(m: Moment) {
    this.exited = undefined;
    this.journeyStart = m;
    this.missedFirstContact = false;
    if (this.employment.inWork || this.employment.inSchool) this.enter("follow-up", m);
    else this.refer(m);
  }

  private phase(): Phase {
    if (this.exited) return "exited";
    if (this.paused) return "paused";
    return this.clockPhase;
  }

  stateAt(now: Date, nextEventAt: number | undefined): JourneyState {
    const today = localDateOf(now, this.timeZone);
    const running = !this.exited && !this.paused;

    // Running: every open clock. Paused: the clocks stand still, and only the pause's review is due.
    const dueDates: Array<[ObligationKind, LocalDate]> = running
      ? [...this.open].map(([kind, clock]) => [kind, this.dueDateOf(clock)])
      : this.paused && this.pauseReview
        ? [["pause-review", this.pauseReview]]
        : [];
    const open: JourneyObligation[] = dueDates.map(([kind, dueDate]) => {
      const status = dueDate < today ? "overdue" : dueDate === today ? "due" : "upcoming";
      return { kind, dueDate, dueAt: localMidnightInstant(dueDate, this.timeZone), status };
    });
    open.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.kind.localeCompare(b.kind));
    const done: JourneyObligation[] = [...this.done]
      .map(([kind, { dueDate, doneAt }]) => ({
        kind,
        dueDate,
        dueAt: localMidnightInstant(dueDate, this.timeZone),
        status: "done" as const,
        doneAt,
      }))
      .sort((a, b) => Date.parse(b.doneAt) - Date.parse(a.doneAt) || a.kind.localeCompare(b.kind));

    // Status changes come at local midnights: upcoming → due on the due date, due → overdue the
    // day after. An overdue obligation changes no more (its midnight is past and filtered out).
    const changes: number[] = open.map((o) =>
      Date.parse(localMidnightInstant(o.status === "due" ? addDays(o.dueDate, 1) : o.dueDate, this.timeZone)),
    );
    const placementEnd = running ? this.placementEndDate() : undefined;
    if (placementEnd) changes.push(Date.parse(localMidnightInstant(placementEnd, this.timeZone)));
    if (nextEventAt !== undefined) changes.push(nextEventAt);
    const upcomingChanges = changes.filter((at) => at > now.getTime());

    const firstContact = this.open.get("first-employer-contact");
    const missed =
      this.missedFirstContact || (!this.exited && firstContact !== undefined && this.clockDate(today) > this.dueDateOf(firstContact));

    return {
      phase: this.phase(),
      phaseSince: this.phaseSince,
      obligations: [...open, ...done],
      nextDueAt: open[0]?.dueAt ?? null,
      nextChangeAt: upcomingChanges.length ? new Date(Math.min(...upcomingChanges)).toISOString() : null,
      missedFirstEmployerContact: missed,
      employment: { ...this.employment, ...(this.employment.currentJob ? { currentJob: { ...this.employment.currentJob } } : {}) },
      followUpIntervalDays: this.followUpIntervalDays,
      evaluatedAt: isoInstant(now),
      rulesVersion: rulesVersion(this.rules),
      ...(this.lastEmployerContact ? { lastEmployerContactAt: this.lastEmployerContact.at } : {}),
      ...(this.lastFollowUpContact ? { lastFollowUpContactAt: this.lastFollowUpContact.at } : {}),
      ...(this.lastParticipantContact ? { lastParticipantContactAt: this.lastParticipantContact.at } : {}),
      ...(this.lastBenefitsCounselling
        ? { lastBenefitsCounsellingAt: this.lastBenefitsCounselling.at, lastBenefitsCounsellingStatus: this.lastBenefitsCounselling.status }
        : {}),
      ...(placementEnd ? { placementEndsAt: localMidnightInstant(placementEnd, this.timeZone) } : {}),
      ...(this.paused
        ? {
            held: [...this.open]
              .map(([kind, clock]) => ({ kind, daysLeft: daysBetween(this.paused!.date, this.dueDateOf(clock)) }))
              .sort((a, b) => a.daysLeft - b.daysLeft || a.kind.localeCompare(b.kind)),
          }
        : {}),
      ...(this.exited ? { exitedAt: this.exited.at } : {}),
    };
  }
}
