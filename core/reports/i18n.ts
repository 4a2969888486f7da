import type { ExitReason, JobEndReason, Locale } from "../domain/schemas";
import { reasonLabels } from "../domain/reason-labels";
import type { ReportKind } from "./period";

/**
 * Every word of a participant's report, in bokmål (the default) and English. Phases, wage kinds
 * and hours are the emails' words (core/email/i18n.ts); exit and job-end reasons read as in the
 * web app. Nothing here may hint at a diagnosis or a treatment: the report is shared with the
 * participant and with NAV.
 */
export interface ReportWords {
  /** BCP 47 tag for Intl and the document's language. */
  tag: string;
  /** How a date reads in tables and facts (Intl options). */
  dateFormat: Intl.DateTimeFormatOptions;
  title: Record<ReportKind, string>;
  subtitle: string;
  fact: {
    participant: string;
    referredAt: string;
    period: string;
    specialist: string;
    phaseAtStart: string;
    phaseAtEnd: string;
    exitedAt: string;
    exitReason: string;
  };
  heading: {
    counts: string;
    activities: string;
    employerContacts: string;
    placements: string;
    phaseChanges: string;
    exit: string;
  };
  count: {
    participantMeetings: string;
    followUpContacts: string;
    benefitsCounselling: string;
    employerContacts: string;
    jobOffers: string;
    jobStarts: string;
    educationStarts: string;
  };
  column: {
    date: string;
    activity: string;
    employer: string;
    what: string;
    start: string;
    end: string;
    terms: string;
    from: string;
    to: string;
    count: string;
  };
  activity: {
    participantMeeting: string;
    followUpContact: Record<"participant" | "employer", string>;
    benefitsCounselling: Record<"held" | "offered" | "declined", string>;
    jobChange: (employer: string | undefined) => string;
  };
  /** The three cups of tea: which meeting with the employer a contact was. */
  visit: Record<1 | 2 | 3, string>;
  employerContact: string;
  jobOffer: (startsOn: string) => string;
  job: string;
  education: string;
  ongoing: string;
  ended: (date: string, reason: string | undefined) => string;
  exitReason: Record<ExitReason, string>;
  jobEndReason: Record<JobEndReason, string>;
  none: string;
  footer: (createdOn: string) => string;
  page: (n: number, of: number) => string;
}

const nb: ReportWords = {
  tag: "nb-NO",
  dateFormat: { day: "2-digit", month: "2-digit", year: "numeric" },
  title: { interval: "Intervallrapport", end: "Sluttrapport" },
  subtitle: "IPS – Individuell jobbstøtte",
  fact: {
    participant: "Deltaker",
    referredAt: "Henvist",
    period: "Periode",
    specialist: "Jobbspesialist",
    phaseAtStart: "Fase ved periodens start",
    phaseAtEnd: "Fase ved periodens slutt",
    exitedAt: "Avsluttet",
    exitReason: "Årsak til avslutning",
  },
  heading: {
    counts: "Oppsummering",
    activities: "Aktiviteter",
    employerContacts: "Arbeidsgiverkontakter",
    placements: "Jobb og skole",
    phaseChanges: "Faseendringer",
    exit: "Avslutning",
  },
  count: {
    participantMeetings: "Møter med deltakeren",
    followUpContacts: "Oppfølgingskontakter",
    benefitsCounselling: "Veiledning om trygd og økonomi",
    employerContacts: "Arbeidsgiverkontakter",
    jobOffers: "Jobbtilbud",
    jobStarts: "Jobbstarter",
    educationStarts: "Skolestarter",
  },
  column: {
    date: "Dato",
    activity: "Aktivitet",
    employer: "Arbeidsgiver",
    what: "Hva",
    start: "Start",
    end: "Slutt",
    terms: "Vilkår",
    from: "Fra",
    to: "Til",
    count: "Antall",
  },
  activity: {
    participantMeeting: "Møte med deltakeren",
    followUpContact: { participant: "Oppfølgingskontakt med deltakeren", employer: "Oppfølgingskontakt med arbeidsgiveren" },
    benefitsCounselling: {
      held: "Veiledning om trygd og økonomi: gjennomført",
      offered: "Veiledning om trygd og økonomi: tilbudt",
      declined: "Veiledning om trygd og økonomi: takket nei",
    },
    jobChange: (employer) => (employer ? `Nye vilkår i jobben hos ${employer}` : "Nye vilkår i jobben"),
  },
  visit: { 1: "1. møte: be om en samtale", 2: "2. møte: bli kjent med bedriften", 3: "3. møte: presentere en jobbsøker" },
  employerContact: "Kontakt",
  jobOffer: (startsOn) => `Jobbtilbud, oppstart ${startsOn}`,
  job: "Jobb",
  education: "Skole eller utdanning",
  ongoing: "pågår",
  ended: (date, reason) => (reason ? `${date} (${reason})` : date),
  exitReason: reasonLabels.nb.exit,
  jobEndReason: reasonLabels.nb.jobEnd,
  none: "Ingen i perioden.",
  footer: (createdOn) =>
    `Laget ${createdOn}. Deltakeren er nevnt med kode. Rapporten viser bare aktiviteter, arbeidsgiverkontakter, jobb og skole, faser og kodet årsak til avslutning.`,
  page: (n, of) => `Side ${n} av ${of}`,
};

const en: ReportWords = {
  tag: "en-GB",
  dateFormat: { day: "numeric", month: "short", year: "numeric" },
  title: { interval: "Interval report", end: "End report" },
  subtitle: "IPS – Individual Placement and Support",
  fact: {
    participant: "Participant",
    referredAt: "Referred",
    period: "Period",
    specialist: "Job specialist",
    phaseAtStart: "Phase at the start of the period",
    phaseAtEnd: "Phase at the end of the period",
    exitedAt: "Exited",
    exitReason: "Reason for exit",
  },
  heading: {
    counts: "Summary",
    activities: "Activities",
    employerContacts: "Employer contacts",
    placements: "Work and school",
    phaseChanges: "Phase changes",
    exit: "Exit",
  },
  count: {
    participantMeetings: "Meetings with the participant",
    followUpContacts: "Follow-up contacts",
    benefitsCounselling: "Benefits counselling",
    employerContacts: "Employer contacts",
    jobOffers: "Job offers",
    jobStarts: "Job starts",
    educationStarts: "School starts",
  },
  column: {
    date: "Date",
    activity: "Activity",
    employer: "Employer",
    what: "What",
    start: "Start",
    end: "End",
    terms: "Terms",
    from: "From",
    to: "To",
    count: "Number",
  },
  activity: {
    participantMeeting: "Meeting with the participant",
    followUpContact: { participant: "Follow-up contact with the participant", employer: "Follow-up contact with the employer" },
    benefitsCounselling: {
      held: "Benefits counselling: held",
      offered: "Benefits counselling: offered",
      declined: "Benefits counselling: declined",
    },
    jobChange: (employer) => (employer ? `New terms in the job at ${employer}` : "New terms in the job"),
  },
  visit: { 1: "1st meeting: ask for a talk", 2: "2nd meeting: learn the business", 3: "3rd meeting: present a job seeker" },
  employerContact: "Contact",
  jobOffer: (startsOn) => `Job offer, starting ${startsOn}`,
  job: "Job",
  education: "School or education",
  ongoing: "ongoing",
  ended: (date, reason) => (reason ? `${date} (${reason})` : date),
  exitReason: reasonLabels.en.exit,
  jobEndReason: reasonLabels.en.jobEnd,
  none: "None in this period.",
  footer: (createdOn) =>
    `Made on ${createdOn}. The participant is named by code. The report shows only activities, employer contacts, work and school, phases and the coded reason for exit.`,
  page: (n, of) => `Page ${n} of ${of}`,
};

export const reportCatalogues: Record<Locale, ReportWords> = { nb, en };

export function reportWords(locale: Locale): ReportWords {
  const found = reportCatalogues[locale];
  if (!found) throw new Error(`no report wording for locale "${String(locale)}"`);
  return found;
}
