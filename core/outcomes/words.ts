import type { Locale } from "../domain/schemas";
import { reasonLabels } from "../domain/reason-labels";
import type { ExitReasonCount } from "./columns";

/**
 * The outcome report's words in bokmål and English: the CSV's column headers and the web app's
 * figure names are the same words, so a spreadsheet and the page read alike.
 */
export type FigureKey =
  | "referrals"
  | "active"
  | "activeAtEnd"
  | "firstContactCohort"
  | "firstContactWithin30Days"
  | "firstContactShare"
  | "jobStarts"
  | "firstJobs"
  | "inWork"
  | "inSchool"
  | "inWorkOrSchool"
  | "inWorkShare"
  | "inWorkOrSchoolShare"
  | "jobsHeld"
  | "medianHoursPerWeek"
  | "wageOrdinary"
  | "wageSubsidised"
  | "wageUnknown"
  | "permanent"
  | "temporary"
  | "termsUnknown"
  | "endedJobs"
  | "medianJobDays"
  | "exits";

export interface OutcomeWords {
  quarter: string;
  team: string;
  teamId: string;
  /** The row (and heading) of the whole deployment. */
  allTeams: string;
  figure: Record<FigureKey, string>;
  /** "Exits: moved" and so on: one column per coded reason. */
  exitReason: Record<ExitReasonCount, string>;
  exitColumn: (reason: string) => string;
  /** The downloaded file's name, without the extension. */
  fileName: string;
}

const nb: OutcomeWords = {
  quarter: "Kvartal",
  team: "Team",
  teamId: "Team-ID",
  allTeams: "Alle team",
  figure: {
    referrals: "Henvisninger",
    active: "Deltakere i kvartalet",
    activeAtEnd: "Deltakere ved kvartalets slutt",
    firstContactCohort: "30-dagersfrist i kvartalet",
    firstContactWithin30Days: "Første arbeidsgiverkontakt innen 30 dager",
    firstContactShare: "Første arbeidsgiverkontakt innen 30 dager (%)",
    jobStarts: "Jobbstarter",
    firstJobs: "I jobb for første gang",
    inWork: "I jobb ved kvartalets slutt",
    inSchool: "I utdanning ved kvartalets slutt",
    inWorkOrSchool: "I jobb eller utdanning ved kvartalets slutt",
    inWorkShare: "I jobb ved kvartalets slutt (%)",
    inWorkOrSchoolShare: "I jobb eller utdanning ved kvartalets slutt (%)",
    jobsHeld: "Jobber ved kvartalets slutt",
    medianHoursPerWeek: "Timer per uke, median",
    wageOrdinary: "Jobbstarter med ordinær lønn",
    wageSubsidised: "Jobbstarter med lønnstilskudd fra NAV",
    wageUnknown: "Jobbstarter, lønn ikke kjent",
    permanent: "Jobbstarter, fast stilling",
    temporary: "Jobbstarter, midlertidig stilling",
    termsUnknown: "Jobbstarter, stillingstype ikke kjent",
    endedJobs: "Avsluttede jobber",
    medianJobDays: "Varighet av avsluttede jobber, median dager",
    exits: "Avsluttet i IPS",
  },
  exitReason: { ...reasonLabels.nb.exit, unknown: "Årsak ikke kjent (slettet)" },
  exitColumn: (reason) => `Avsluttet: ${reason}`,
  fileName: "ips-resultater",
};

const en: OutcomeWords = {
  quarter: "Quarter",
  team: "Team",
  teamId: "Team ID",
  allTeams: "All teams",
  figure: {
    referrals: "Referrals",
    active: "Participants in the quarter",
    activeAtEnd: "Participants at the quarter's end",
    firstContactCohort: "30-day deadline in the quarter",
    firstContactWithin30Days: "First employer contact within 30 days",
    firstContactShare: "First employer contact within 30 days (%)",
    jobStarts: "Job starts",
    firstJobs: "Into work for the first time",
    inWork: "In work at the quarter's end",
    inSchool: "In school at the quarter's end",
    inWorkOrSchool: "In work or school at the quarter's end",
    inWorkShare: "In work at the quarter's end (%)",
    inWorkOrSchoolShare: "In work or school at the quarter's end (%)",
    jobsHeld: "Jobs at the quarter's end",
    medianHoursPerWeek: "Hours per week, median",
    wageOrdinary: "Job starts at ordinary wage",
    wageSubsidised: "Job starts with NAV wage subsidy",
    wageUnknown: "Job starts, wage not known",
    permanent: "Job starts, permanent",
    temporary: "Job starts, temporary",
    termsUnknown: "Job starts, terms not known",
    endedJobs: "Jobs ended",
    medianJobDays: "Length of ended jobs, median days",
    exits: "Exits from IPS",
  },
  exitReason: { ...reasonLabels.en.exit, unknown: "Reason not known (erased)" },
  exitColumn: (reason) => `Exit: ${reason}`,
  fileName: "ips-outcomes",
};

export const outcomeWords: Record<Locale, OutcomeWords> = { nb, en };

/** The CSV's file name: the quarter and the team's id, or "alle"/"all" for the whole deployment. */
export function outcomeCsvFileName(report: { quarter: string; teamId?: string }, locale: Locale): string {
  return `${outcomeWords[locale].fileName}-${report.quarter}-${report.teamId ?? (locale === "nb" ? "alle" : "all")}.csv`;
}
