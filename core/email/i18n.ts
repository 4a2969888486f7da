import type { Locale, ObligationKind, Phase } from "../domain/schemas";

/**
 * Every word the emails use, in Norwegian bokmål (the default) and English. Keeping the wording
 * in one catalogue lets a translator or a program reviewer read all of it in one place.
 *
 * Obligations are phrased as plain instructions to the job specialist; none of the wording may
 * hint at a diagnosis or a treatment.
 */

type Count = (n: number) => string;

const day: Intl.DateTimeFormatOptions = { weekday: "long", day: "numeric", month: "long" };

export interface Catalogue {
  /** BCP 47 tag for Intl. */
  tag: string;
  /** Intl options for a calendar day, e.g. "mandag 23. november" / "Monday 23 November". */
  dayFormat: Intl.DateTimeFormatOptions;
  obligation: Record<ObligationKind, string>;
  phase: Record<Phase, string>;
  digest: {
    /** Counts of items (obligations): `today` includes what falls due on the coming days off. */
    subject: (counts: { overdue: number; today: number; upcoming: number }) => string;
    title: (day: string) => string;
    intro: string;
    /**
     * A participant's row stands under the heading of their most urgent item. "due" also holds
     * what falls due before the next digest (a weekend, a holiday): do it today.
     */
    section: { overdue: string; due: string; upcoming: string };
    column: { participant: string; tasks: string };
    /** One item in a participant's row: the instruction, then its status. */
    task: (instruction: string, status: string) => string;
    daysOverdue: Count;
    dueIn: Count;
    /** Employers to contact again (job development), listed without any participant. */
    employers: {
      section: string;
      column: string;
      /** An employer at the first or second cup with no contact for `days` days. */
      visitAgain: (employer: string, days: number) => string;
      /** An employer where a participant started: get in touch by `by`. */
      afterHire: (employer: string, by: string) => string;
      /** The subject's part for the employers when nothing else is listed. */
      subject: Count;
    };
    footer: string;
  };
  summary: {
    subject: (figures: { week: number; participants: number; newJobs: number }) => string;
    title: (week: number) => string;
    period: (team: string, from: string, to: string) => string;
    intro: string;
    heading: {
      outcomes: string;
      phases: string;
      referrals: string;
      employerContacts: string;
      starts: string;
      ends: string;
      missedDeadlines: string;
      overdue: string;
      comingFollowUps: string;
      caseloads: string;
    };
    /** The outcome figures' names, as the team's page shows them. */
    figure: {
      active: string;
      inWork: string;
      inSchool: string;
      inWorkOrSchool: string;
      employmentRate: string;
      inWorkOrSchoolRate: string;
    };
    /** Among the active participants; `inWorkOrSchool` is left out of the sentence when not given. */
    outcomes: (o: { inWork: number; active: number; inSchool: number; inWorkOrSchool?: number }) => string;
    employmentRate: (percent: string) => string;
    inWorkOrSchoolRate: (percent: string) => string;
    /** Who counts as active, under the outcome figures. */
    activeMeans: string;
    /** The team's own contacts this week, and the full-time target. */
    employerContactsTotal: (total: number, target: number) => string;
    /** Under the per-specialist table: whose contacts count, and that the target follows the working share. */
    contactsPerSpecialist: string;
    /** A specialist's contacts in all teams, with this team's share: "6 (3 i dette teamet)". */
    contactsWithTeamShare: (all: number, inTeam: number) => string;
    /** A target or limit of a part-time specialist, with the working share: "3 (50 % stilling)". */
    partTime: (value: string, share: string) => string;
    /** Rapid job search; `days` formats a number of days in the catalogue's language. */
    rapidJobSearch: (r: { count: number; medianDays: number | null }, days: (n: number) => string) => string;
    column: {
      participant: string;
      specialist: string;
      referredAt: string;
      contacts: string;
      target: string;
      start: string;
      end: string;
      what: string;
      terms: string;
      task: string;
      due: string;
      status: string;
      caseload: string;
      limit: string;
    };
    belowTarget: string;
    targetMet: string;
    overLimit: string;
    job: string;
    jobAt: (employer: string) => string;
    education: string;
    hoursPerWeek: (hours: string) => string;
    wage: { ordinary: string; subsidised: string };
    temporary: string;
    permanent: string;
    daysOverdue: Count;
    none: string;
    footer: string;
  };
}

/** "1 oppgave", "3 oppgaver": both languages pick the form by the language's plural rules. */
const counter = (tag: string) => {
  const rules = new Intl.PluralRules(tag);
  return (one: string, other: string): Count =>
    (n) => `${n} ${rules.select(n) === "one" ? one : other}`;
};

const nbCount = counter("nb-NO");
const enCount = counter("en-GB");

const nbFigure: Catalogue["summary"]["figure"] = {
  active: "Aktive deltakere",
  inWork: "I jobb",
  inSchool: "I skole",
  inWorkOrSchool: "I jobb eller skole",
  employmentRate: "Andel i jobb",
  inWorkOrSchoolRate: "Andel i jobb eller skole",
};

const enFigure: Catalogue["summary"]["figure"] = {
  active: "Active participants",
  inWork: "In work",
  inSchool: "In school",
  inWorkOrSchool: "In work or school",
  employmentRate: "Employment rate",
  inWorkOrSchoolRate: "Share in work or school",
};

const nb: Catalogue = {
  tag: "nb-NO",
  dayFormat: day,
  obligation: {
    "first-employer-contact": "Ta første arbeidsgiverkontakt",
    "benefits-counselling": "Tilby rådgivning om økonomi og ytelser",
    "job-development": "Jobbutvikling: ta ny arbeidsgiverkontakt",
    "job-start-follow-up": "Følg opp oppstarten",
    "placement-follow-up": "Ukentlig oppfølging første måned",
    "follow-up": "Ta oppfølgingskontakt med deltaker eller arbeidsgiver",
    "job-loss-follow-up": "Ta kontakt etter jobbslutt",
    outreach: "Nå ut til deltakeren – ingen kontakt på 30 dager",
    "pause-review": "Ta kontakt: pausen er over",
    "pre-start-contact": "Ta kontakt før jobbstart",
  },
  phase: {
    referral: "Henvist",
    "job-search": "Jobbsøk",
    placement: "Ny i jobb eller skole",
    "follow-up": "Oppfølging",
    paused: "Pause",
    exited: "Avsluttet",
  },
  digest: {
    subject: ({ overdue, today, upcoming }) => {
      const parts: string[] = [];
      if (overdue > 0) parts.push(`${overdue} over fristen`);
      if (today > 0) parts.push(`${today} i dag`);
      // Coming deadlines are news only on a morning with nothing else to do.
      if (parts.length === 0 && upcoming > 0) parts.push(`${nbCount("frist", "frister")(upcoming)} nærmer seg`);
      return `IPS: ${parts.join(", ")}`;
    },
    title: (day) => `IPS-oppgaver ${day}`,
    intro: "God morgen! Her er det som venter i dag, det som haster mest først. Deltakerne er nevnt med kode; åpne lenken for å se mer.",
    section: { overdue: "Over fristen", due: "Å gjøre i dag", upcoming: "Frister som nærmer seg" },
    column: { participant: "Deltaker", tasks: "Oppgaver" },
    task: (instruction, status) => `${instruction} (${status})`,
    daysOverdue: (n) => `${nbCount("dag", "dager")(n)} over fristen`,
    dueIn: (n) => (n <= 0 ? "i dag" : `om ${nbCount("dag", "dager")(n)}`),
    employers: {
      section: "Arbeidsgivere å kontakte",
      column: "Arbeidsgiver",
      visitAgain: (employer, days) => `Besøk ${employer} igjen (sist kontakt for ${nbCount("dag", "dager")(days)} siden)`,
      afterHire: (employer, by) => `Ta kontakt med ${employer} etter oppstarten (innen ${by})`,
      subject: (n) => `${nbCount("arbeidsgiver", "arbeidsgivere")(n)} å kontakte`,
    },
    footer:
      "Du får denne e-posten som jobbspesialist i IPS. Av personvernhensyn inneholder den bare deltakerkoder, ingen navn eller helseopplysninger.",
  },
  summary: {
    subject: ({ week, participants, newJobs }) =>
      `IPS-oppsummering uke ${week}: ${nbCount("deltaker", "deltakere")(participants)}, ${nbCount("ny jobb", "nye jobber")(newJobs)}`,
    title: (week) => `IPS-oppsummering uke ${week}`,
    period: (team, from, to) => `${team}: ${from} – ${to}`,
    intro: "Til behandlingsteamets møte. Deltakerne er nevnt med kode; åpne lenken for å se mer.",
    heading: {
      outcomes: "Resultater",
      phases: "Deltakere etter fase",
      referrals: "Nye henvisninger",
      employerContacts: "Arbeidsgiverkontakter",
      starts: "Nye jobber og utdanninger",
      ends: "Avsluttede jobber og utdanninger",
      missedDeadlines: "30-dagersfristen for første arbeidsgiverkontakt er overskredet",
      overdue: "Andre forfalte oppgaver",
      comingFollowUps: "Oppfølging den kommende uken",
      caseloads: "Deltakere per jobbspesialist",
    },
    figure: nbFigure,
    outcomes: ({ inWork, active, inSchool, inWorkOrSchool }) =>
      active === 0
        ? "Ingen aktive deltakere."
        : inWorkOrSchool === undefined
        ? `Av ${active} aktive deltakere er ${inWork} i jobb og ${inSchool} i skole.`
        : `Av ${active} aktive deltakere er ${inWork} i jobb, ${inSchool} i skole og ${inWorkOrSchool} i jobb eller skole.`,
    employmentRate: (percent) => `${nbFigure.employmentRate}: ${percent}`,
    inWorkOrSchoolRate: (percent) => `${nbFigure.inWorkOrSchoolRate}: ${percent}`,
    activeMeans:
      "Aktive deltakere er henvist før perioden og verken på pause eller avsluttet. Den som både jobber og går på skole, telles i begge.",
    employerContactsTotal: (total, target) =>
      `${nbCount("arbeidsgiverkontakt", "arbeidsgiverkontakter")(total)} for teamets deltakere denne uken. Mål: ${target} per uke for en jobbspesialist i full stilling.`,
    contactsPerSpecialist:
      "Kontaktene per jobbspesialist gjelder alle deltakerne deres, også i andre team. Målet og grensen for antall deltakere følger stillingsandelen.",
    contactsWithTeamShare: (all, inTeam) => `${all} (${inTeam} i dette teamet)`,
    partTime: (value, share) => `${value} (${share} stilling)`,
    rapidJobSearch: ({ count, medianDays }, days) =>
      medianDays === null
        ? "Ingen deltakere fikk sin første arbeidsgiverkontakt i perioden."
        : `Fra henvisning til første arbeidsgiverkontakt: median ${days(medianDays)} ${medianDays === 1 ? "dag" : "dager"} (${nbCount("deltaker", "deltakere")(count)} med første arbeidsgiverkontakt i perioden).`,
    column: {
      participant: "Deltaker",
      specialist: "Jobbspesialist",
      referredAt: "Henvist",
      contacts: "Kontakter",
      target: "Mål",
      start: "Start",
      end: "Slutt",
      what: "Hva",
      terms: "Vilkår",
      task: "Oppgave",
      due: "Frist",
      status: "Status",
      caseload: "Deltakere",
      limit: "Grense",
    },
    belowTarget: "under målet",
    targetMet: "målet nådd",
    overLimit: "over grensen",
    job: "Jobb",
    jobAt: (employer) => `Jobb hos ${employer}`,
    education: "Utdanning",
    hoursPerWeek: (hours) => `${hours} timer per uke`,
    wage: { ordinary: "ordinær lønn", subsidised: "lønnstilskudd (NAV)" },
    temporary: "midlertidig",
    permanent: "fast",
    daysOverdue: (n) => `${nbCount("dag", "dager")(n)} over fristen`,
    none: "Ingen.",
    footer:
      "Sendt til behandlingsteamet før møtet. Av personvernhensyn inneholder e-posten bare deltakerkoder, ingen navn eller helseopplysninger.",
  },
};

const en: Catalogue = {
  tag: "en-GB",
  dayFormat: day,
  obligation: {
    "first-employer-contact": "Make the first employer contact",
    "benefits-counselling": "Offer advice on income and benefits",
    "job-development": "Job development: make a new employer contact",
    "job-start-follow-up": "Follow up the start",
    "placement-follow-up": "Weekly follow-up in the first month",
    "follow-up": "Make a follow-up contact with the participant or employer",
    "job-loss-follow-up": "Get in touch after the job ended",
    outreach: "Reach out to the participant – no contact for 30 days",
    "pause-review": "Get in touch: the pause is over",
    "pre-start-contact": "Get in touch before the job starts",
  },
  phase: {
    referral: "Referred",
    "job-search": "Job search",
    placement: "New in work or school",
    "follow-up": "Follow-up",
    paused: "Paused",
    exited: "Exited",
  },
  digest: {
    subject: ({ overdue, today, upcoming }) => {
      const parts: string[] = [];
      if (overdue > 0) parts.push(`${overdue} overdue`);
      if (today > 0) parts.push(`${today} due today`);
      // Coming deadlines are news only on a morning with nothing else to do.
      if (parts.length === 0 && upcoming > 0) parts.push(`${enCount("deadline", "deadlines")(upcoming)} coming up`);
      return `IPS: ${parts.join(", ")}`;
    },
    title: (day) => `IPS tasks for ${day}`,
    intro: "Good morning! Here is what needs doing today, the most urgent first. Participants are shown by code; open the link to see more.",
    section: { overdue: "Overdue", due: "To do today", upcoming: "Deadlines coming up" },
    column: { participant: "Participant", tasks: "Tasks" },
    task: (instruction, status) => `${instruction} (${status})`,
    daysOverdue: (n) => `${enCount("day", "days")(n)} overdue`,
    dueIn: (n) => (n <= 0 ? "today" : `in ${enCount("day", "days")(n)}`),
    employers: {
      section: "Employers to contact",
      column: "Employer",
      visitAgain: (employer, days) => `Visit ${employer} again (last contact ${enCount("day", "days")(days)} ago)`,
      afterHire: (employer, by) => `Get in touch with ${employer} after the start (by ${by})`,
      subject: (n) => `${enCount("employer", "employers")(n)} to contact`,
    },
    footer:
      "You receive this email as an IPS job specialist. To protect privacy it contains participant codes only, no names or health information.",
  },
  summary: {
    subject: ({ week, participants, newJobs }) =>
      `IPS summary week ${week}: ${enCount("participant", "participants")(participants)}, ${enCount("new job", "new jobs")(newJobs)}`,
    title: (week) => `IPS summary week ${week}`,
    period: (team, from, to) => `${team}: ${from} – ${to}`,
    intro: "For the treatment team's meeting. Participants are shown by code; open the link to see more.",
    heading: {
      outcomes: "Outcomes",
      phases: "Participants by phase",
      referrals: "New referrals",
      employerContacts: "Employer contacts",
      starts: "New jobs and education",
      ends: "Jobs and education ended",
      missedDeadlines: "The 30-day deadline for the first employer contact is missed",
      overdue: "Other overdue tasks",
      comingFollowUps: "Follow-ups in the coming week",
      caseloads: "Caseload per specialist",
    },
    figure: enFigure,
    outcomes: ({ inWork, active, inSchool, inWorkOrSchool }) =>
      active === 0
        ? "No active participants."
        : inWorkOrSchool === undefined
        ? `Of ${active} active participants, ${inWork} are in work and ${inSchool} in school.`
        : `Of ${active} active participants, ${inWork} are in work, ${inSchool} in school and ${inWorkOrSchool} in work or school.`,
    employmentRate: (percent) => `${enFigure.employmentRate}: ${percent}`,
    inWorkOrSchoolRate: (percent) => `${enFigure.inWorkOrSchoolRate}: ${percent}`,
    activeMeans:
      "Active participants were referred before this period and are neither paused nor exited. Someone both working and at school counts in both.",
    employerContactsTotal: (total, target) =>
      `${enCount("employer contact", "employer contacts")(total)} for the team's participants this week. Target: ${target} a week for a full-time specialist.`,
    contactsPerSpecialist:
      "Each specialist's contacts count all their participants, in other teams too. The target and the caseload limit follow the working share.",
    contactsWithTeamShare: (all, inTeam) => `${all} (${inTeam} for this team)`,
    partTime: (value, share) => `${value} (${share} FTE)`,
    rapidJobSearch: ({ count, medianDays }, days) =>
      medianDays === null
        ? "No participant had their first employer contact in this period."
        : `From referral to first employer contact: median ${days(medianDays)} ${medianDays === 1 ? "day" : "days"} (${enCount("participant", "participants")(count)} with their first employer contact in this period).`,
    column: {
      participant: "Participant",
      specialist: "Specialist",
      referredAt: "Referred",
      contacts: "Contacts",
      target: "Target",
      start: "Start",
      end: "End",
      what: "What",
      terms: "Terms",
      task: "Task",
      due: "Due",
      status: "Status",
      caseload: "Participants",
      limit: "Limit",
    },
    belowTarget: "below target",
    targetMet: "target met",
    overLimit: "over the limit",
    job: "Job",
    jobAt: (employer) => `Job at ${employer}`,
    education: "Education",
    hoursPerWeek: (hours) => `${hours} hours per week`,
    wage: { ordinary: "ordinary wage", subsidised: "wage subsidy (NAV)" },
    temporary: "temporary",
    permanent: "permanent",
    daysOverdue: (n) => `${enCount("day", "days")(n)} overdue`,
    none: "None.",
    footer:
      "Sent to the treatment team before its meeting. To protect privacy it contains participant codes only, no names or health information.",
  },
};

export const catalogues: Record<Locale, Catalogue> = { nb, en };

export function catalogue(locale: Locale): Catalogue {
  const found = catalogues[locale];
  if (!found) throw new Error(`no email wording for locale "${String(locale)}"`);
  return found;
}
