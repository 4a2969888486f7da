import type { Locale } from "../domain/schemas";
import type {
  CaseloadFigures,
  CompetitiveJobsFigures,
  DiversityFigures,
  EmployerContactFigures,
  FollowAlongFigures,
  RapidJobSearchFigures,
  WorkIncentivesFigures,
  ZeroExclusionFigures,
} from "./figures";

/**
 * The IPS fidelity scale (IPS-25) as one table: every one of its 25 items with its source in the
 * scale, and for the items ipsflow's records can measure, the five anchors (the manual's, in
 * short), the rule ipsflow scores each anchor by, how the figures are measured, where that is an
 * approximation of the manual and how, and the scoring itself (pure). The other items need the
 * review's interviews and observation and are listed with no score.
 *
 * Source: the IPS Supported Employment Fidelity Scale (the 25-item scale of 2008) and its manual,
 * Becker, Swanson, Reese, Bond & McLeman, Supported Employment Fidelity Review Manual, 4th edition
 * (IPS Employment Center, Westat, formerly Dartmouth, 2019); in Norwegian IPS-kvalitetsskalaen as
 * used by NAV and KORUS. Items are numbered within their section (staffing, organization,
 * services), as the scale numbers them. Where the manual's anchors are words ("most", "some"),
 * the thresholds are ipsflow's and say so in `approximation`.
 */

export type Score = 1 | 2 | 3 | 4 | 5;
export const scores: readonly Score[] = [5, 4, 3, 2, 1];

/** A text in each of the app's languages. */
export type Words = Record<Locale, string>;

export const fidelitySections = ["staffing", "organization", "services"] as const;
export type FidelitySection = (typeof fidelitySections)[number];

export const sectionNames: Record<FidelitySection, Words> = {
  staffing: { nb: "Bemanning", en: "Staffing" },
  organization: { nb: "Organisering", en: "Organization" },
  services: { nb: "Tjenester", en: "Services" },
};

export const scaleSource =
  "IPS Supported Employment Fidelity Scale (25 items); Becker, Swanson, Reese, Bond & McLeman, Supported Employment Fidelity Review Manual, 4th ed., IPS Employment Center (Westat, formerly Dartmouth), 2019; Norwegian: IPS-kvalitetsskalaen (NAV, KORUS)";

interface ItemBase {
  id: string;
  section: FidelitySection;
  /** The item's number within its section, as the scale numbers it. */
  number: number;
  /** The item's title in the manual. */
  title: string;
  name: Words;
}

/** One anchor: what the manual says (in short), and the rule ipsflow scores it by. */
export interface Anchor {
  text: Words;
  rule: Words;
}

export interface MeasuredItem<F> extends ItemBase {
  measured: true;
  /** What the item asks, in one sentence. */
  criterion: Words;
  anchors: Record<Score, Anchor>;
  /** What the figures are and how they are counted. */
  measure: Words;
  /** Where the measure departs from the manual's anchor, and how. */
  approximation: Words;
  /** The score the figures reach; null when the quarter has nothing to score. */
  score(figures: F): Score | null;
}

export interface ReviewItem extends ItemBase {
  measured: false;
  /** What the review looks at, which ipsflow's records cannot show. */
  review: Words;
}

/** "Services, item 4: Rapid search for competitive job". */
export const sourceOf = (item: ItemBase): string =>
  `${sectionNames[item.section].en}, item ${item.number}: ${item.title}`;

// Floating-point shares and rates (14/20, 78/13) land on the bounds exactly; the margin only
// absorbs a last-bit rounding of a division.
const margin = 1e-9;

/** 5 at or below the first bound, 4 at or below the second, ..., 1 above the last. */
export function atMost(value: number, bounds: readonly [number, number, number, number]): Score {
  const index = bounds.findIndex((bound) => value <= bound + margin);
  return index === -1 ? 1 : ((5 - index) as Score);
}

/** 5 at or above the first bound, 4 at or above the second, ..., 1 below the last. */
export function atLeast(value: number, bounds: readonly [number, number, number, number]): Score {
  const index = bounds.findIndex((bound) => value >= bound - margin);
  return index === -1 ? 1 : ((5 - index) as Score);
}

/**
 * One specialist's score on frequent employer contact, from their face-to-face contacts a week
 * per full-time share: 6 or more → 5, 5 → 4, 4 → 3, 2 → 2, fewer than 2 → 1 (the manual's
 * anchors). A rate between anchors scores the lower one, except that 3 (as near to the manual's 2
 * as to its 4) scores 3.
 */
export const contactScore = (perWeekFullTime: number): Score => atLeast(perWeekFullTime, [6, 5, 3, 2]);

/** A mean of scores to the nearest whole point, a half rounded up (the manual: "use the closest scale point"). */
export const nearestScore = (mean: number): Score => Math.min(5, Math.max(1, Math.floor(mean + 0.5 + margin))) as Score;

const percentAnchors = (manual: [string, string, string, string, string], nbManual: [string, string, string, string, string]) =>
  ({
    5: { text: { nb: nbManual[0], en: manual[0] }, rule: { nb: "85–100 %", en: "85–100%" } },
    4: { text: { nb: nbManual[1], en: manual[1] }, rule: { nb: "70–84 %", en: "70–84%" } },
    3: { text: { nb: nbManual[2], en: manual[2] }, rule: { nb: "60–69 %", en: "60–69%" } },
    2: { text: { nb: nbManual[3], en: manual[3] }, rule: { nb: "50–59 %", en: "50–59%" } },
    1: { text: { nb: nbManual[4], en: manual[4] }, rule: { nb: "Under 50 %", en: "Under 50%" } },
  }) satisfies Record<Score, Anchor>;

const diversityScore = (figures: DiversityFigures): Score | null => (figures.share === null ? null : atLeast(figures.share, [0.85, 0.7, 0.6, 0.5]));

/** The follow-along kinds, in the order of a job: before the start, after it, the first month, after that, after a loss. */
export const followAlongKinds = ["pre-start-contact", "job-start-follow-up", "placement-follow-up", "follow-up", "job-loss-follow-up"] as const;
/** The ongoing rhythm: weekly in the first month, then the participant's interval. */
export const rhythmKinds = ["placement-follow-up", "follow-up"] as const;

/** Exit reasons before job search that may hide an exclusion: the service did not get the person started. */
export const exclusionReasons = ["declined-further-support", "no-contact", "other"] as const;

const caseloadSize: MeasuredItem<CaseloadFigures> = {
  id: "caseload-size",
  measured: true,
  section: "staffing",
  number: 1,
  title: "Caseload size",
  name: { nb: "Antall deltakere per jobbspesialist", en: "Caseload size" },
  criterion: {
    nb: "En jobbspesialist i full stilling følger 20 deltakere eller færre.",
    en: "A full-time employment specialist has a caseload of 20 participants or fewer.",
  },
  anchors: {
    5: { text: { nb: "20 eller færre deltakere per jobbspesialist", en: "20 or fewer participants per specialist" }, rule: { nb: "≤ 20 per hele stilling", en: "≤ 20 per full-time share" } },
    4: { text: { nb: "21–25 deltakere per jobbspesialist", en: "21–25 participants per specialist" }, rule: { nb: "Over 20 og ≤ 25", en: "Over 20 and ≤ 25" } },
    3: { text: { nb: "26–30 deltakere per jobbspesialist", en: "26–30 participants per specialist" }, rule: { nb: "Over 25 og ≤ 30", en: "Over 25 and ≤ 30" } },
    2: { text: { nb: "31–40 deltakere per jobbspesialist", en: "31–40 participants per specialist" }, rule: { nb: "Over 30 og ≤ 40", en: "Over 30 and ≤ 40" } },
    1: { text: { nb: "41 eller flere deltakere per jobbspesialist", en: "41 or more participants per specialist" }, rule: { nb: "Over 40", en: "Over 40" } },
  },
  measure: {
    nb: "Deltakerne jobbspesialistene i teamet fulgte ved kvartalets slutt (alle faser unntatt avsluttet, pause medregnet, i alle teamene deres), delt på summen av stillingsandelene deres.",
    en: "The participants the team's specialists followed at the quarter's end (every phase but exited, paused included, in all their teams), divided by the sum of their working shares (fte).",
  },
  approximation: {
    nb: "Håndbokens intervaller er hele tall; et forhold mellom dem (20,4) får intervallet over (4). Stillingsandel og teamtilhørighet er slik de er nå: ipsflow har ingen historikk for dem.",
    en: "The manual's ranges are whole numbers; a ratio between them (20.4) scores the range above (4). Working shares and team membership are as they are now: ipsflow keeps no history of them.",
  },
  score: (f) => (f.perFullTime === null ? null : atMost(f.perFullTime, [20, 25, 30, 40])),
};

const zeroExclusion: MeasuredItem<ZeroExclusionFigures> = {
  id: "zero-exclusion",
  measured: true,
  section: "organization",
  number: 6,
  title: "Zero exclusion criteria",
  name: { nb: "Ingen utelukkelse", en: "Zero exclusion criteria" },
  criterion: {
    nb: "Alle som vil jobbe, får IPS uansett «jobbklarhet», rus, symptomer eller tidligere atferd, og får hjelp til en ny jobb når en jobb tar slutt.",
    en: "Everyone who wants to work gets IPS, whatever their 'job readiness', substance use, symptoms or history, and gets help to another job when one ends.",
  },
  anchors: {
    5: {
      text: {
        nb: "Alle som vil jobbe, har tilgang; behandlerne oppmuntrer til arbeid og henvisninger kommer fra mange kilder",
        en: "Everyone who wants to work has access; practitioners encourage work and referrals come from many sources",
      },
      rule: { nb: "≤ 10 % av henvisningene endte før jobbsøk av slike grunner", en: "≤ 10% of the referrals ended before job search for such reasons" },
    },
    4: {
      text: { nb: "Ingen tegn til utelukkelse, formell eller uformell; henvisninger søkes ikke fra mange kilder", en: "No sign of exclusion, formal or informal; referrals are not sought from many sources" },
      rule: { nb: "Over 10 % og ≤ 20 %", en: "Over 10% and ≤ 20%" },
    },
    3: {
      text: { nb: "Noen holdes utenfor etter flere kriterier", en: "Some people are kept out by several criteria" },
      rule: { nb: "Over 20 % og ≤ 50 %", en: "Over 20% and ≤ 50%" },
    },
    2: {
      text: { nb: "De fleste holdes utenfor etter flere kriterier", en: "Most people are kept out by several criteria" },
      rule: { nb: "Over 50 %", en: "Over 50%" },
    },
    1: {
      text: { nb: "En formell regel utelukker folk som ikke regnes som jobbklare", en: "A formal policy excludes people who are not deemed job ready" },
      rule: { nb: "Synes ikke i registreringene: egenvurderingen går ikke under 2", en: "Not visible in the records: the self-score goes no lower than 2" },
    },
  },
  measure: {
    nb: "Henvisninger der henvist-tiden endte i kvartalet: de som begynte jobbsøk (første arbeidsgiverkontakt, jobb- eller skolestart) og de som ble avsluttet før det. Avsluttet før jobbsøk fordi de ikke ønsket mer oppfølging, uten kontakt eller av annen grunn regnes som ikke startet; fikk jobb uten behov for støtte, flyttet og overført regnes ikke.",
    en: "Referrals whose time as referred ended in the quarter: those who began job search (a first employer contact, job or school start) and those who exited before it. Those who exited before job search having declined further support, with no contact or for another reason count as not started; got work needing no support, moved and transferred do not.",
  },
  approximation: {
    nb: "Registreringene kan ikke vise en regel, uformell siling eller hvor henvisningene kommer fra; avslutninger før jobbsøk er sporet de etterlater. Grensene er ipsflows. Avslutninger for slettede deltakere har ingen grunn og holdes utenfor andelen.",
    en: "Records cannot show a policy, informal screening or where referrals come from; exits before job search are the trace they leave. The thresholds are ipsflow's. Exits of erased participants have no reason and are left out of the share.",
  },
  score: (f) => (f.share === null ? null : atMost(f.share, [0.1, 0.2, 0.5, 1])),
};

const workIncentivesPlanning: MeasuredItem<WorkIncentivesFigures> = {
  id: "work-incentives-planning",
  measured: true,
  section: "services",
  number: 1,
  title: "Work incentives planning",
  name: { nb: "Rådgivning om økonomi og ytelser", en: "Work incentives planning" },
  criterion: {
    nb: "Alle tilbys individuell rådgivning om økonomi og ytelser før de begynner i en ny jobb, og igjen når timetall eller lønn endres.",
    en: "Everyone is offered individual work incentives planning (benefits counselling) before starting a new job, and again when hours or pay change.",
  },
  anchors: {
    5: {
      text: { nb: "Tilbys før hver jobbstart og når endringer i timer eller lønn skal avgjøres", en: "Offered before every job start and when changes in hours or pay are decided" },
      rule: { nb: "≥ 90 % av jobbstartene og ≥ 90 % av endringene i timer eller lønn", en: "≥ 90% of the job starts and ≥ 90% of the changes in hours or pay" },
    },
    4: {
      text: { nb: "Tilbys før hver jobbstart", en: "Offered before every job start" },
      rule: { nb: "≥ 90 % av jobbstartene", en: "≥ 90% of the job starts" },
    },
    3: {
      text: { nb: "Tilbys de fleste, men ikke fast før hver jobbstart", en: "Offered to most, but not as a rule before each start" },
      rule: { nb: "75–89 % av jobbstartene", en: "75–89% of the job starts" },
    },
    2: {
      text: { nb: "Tilbys noen", en: "Offered to some" },
      rule: { nb: "50–74 % av jobbstartene", en: "50–74% of the job starts" },
    },
    1: {
      text: { nb: "Ikke lett tilgjengelig for de fleste", en: "Not readily available to most participants" },
      rule: { nb: "Under 50 % av jobbstartene", en: "Under 50% of the job starts" },
    },
  },
  measure: {
    nb: "Jobbstarter i kvartalet med rådgivning (holdt, tilbudt eller avslått) før starten og etter forrige jobbstart; endringer i timer eller lønn med frist i kvartalet med rådgivning fra regelens antall dager før endringen til fristen.",
    en: "Job starts in the quarter with counselling (held, offered or declined) before the start and after the previous job start; changes in hours or pay falling due in the quarter with counselling from the rule's number of days before the change to its due date.",
  },
  approximation: {
    nb: "Håndbokens ankere er ord; andelene er ipsflows. «Tilbudt» og «avslått» teller, siden punktet spør om rådgivning ble tilbudt. Om rådgiveren har opplæring i ytelser, vurderes i gjennomgangen.",
    en: "The manual's anchors are words; the shares are ipsflow's. 'Offered' and 'declined' count, since the item asks whether planning was offered. Whether the counsellor is trained in work incentives is for the review.",
  },
  score: (f) => {
    if (f.startShare === null) return null;
    const everyStart = f.startShare >= 0.9 - margin;
    if (everyStart && (f.changeShare === null || f.changeShare >= 0.9 - margin)) return 5;
    return everyStart ? 4 : atLeast(f.startShare, [Infinity, Infinity, 0.75, 0.5]);
  },
};

const rapidJobSearch: MeasuredItem<RapidJobSearchFigures> = {
  id: "rapid-job-search",
  measured: true,
  section: "services",
  number: 4,
  title: "Rapid search for competitive job",
  name: { nb: "Rask jobbsøking", en: "Rapid search for competitive job" },
  criterion: {
    nb: "Første møte ansikt til ansikt med en arbeidsgiver om en ordinær jobb, av deltakeren eller jobbspesialisten, skjer innen 30 dager etter henvisning.",
    en: "The first face-to-face contact with an employer about a competitive job, by the participant or the specialist, comes within 30 days of entry.",
  },
  anchors: {
    5: { text: { nb: "I snitt innen 30 dager (en måned)", en: "On average within 30 days (one month)" }, rule: { nb: "Snitt ≤ 30 dager", en: "Mean ≤ 30 days" } },
    4: { text: { nb: "I snitt 31–60 dager (1–2 måneder)", en: "On average 31–60 days (1–2 months)" }, rule: { nb: "Over 30 og ≤ 60", en: "Over 30 and ≤ 60" } },
    3: { text: { nb: "I snitt 61–150 dager (2–5 måneder)", en: "On average 61–150 days (2–5 months)" }, rule: { nb: "Over 60 og ≤ 150", en: "Over 60 and ≤ 150" } },
    2: { text: { nb: "I snitt 151–270 dager (5–9 måneder)", en: "On average 151–270 days (5–9 months)" }, rule: { nb: "Over 150 og ≤ 270", en: "Over 150 and ≤ 270" } },
    1: { text: { nb: "I snitt 271 dager eller mer (over 9 måneder)", en: "On average 271 days or more (over 9 months)" }, rule: { nb: "Over 270", en: "Over 270" } },
  },
  measure: {
    nb: "Deltakere med første arbeidsgiverkontakt ansikt til ansikt (eller jobbstart) i kvartalet: snittet av kalenderdager fra henvisning til den. De som fortsatt venter ved kvartalets slutt, vises for seg.",
    en: "Participants whose first face-to-face employer contact (or job start) fell in the quarter: the mean of the calendar days from referral to it. Those still waiting at the quarter's end are shown apart.",
  },
  approximation: {
    nb: "Grunnlaget er de med første kontakt i kvartalet; de som venter, er ikke med i snittet. En jobbstart uten kontakt før regnes som første kontakt. Kontakter registrert uten kontaktform (fra før den ble lagret) regnes som ansikt til ansikt, slik forløpet regner dem. Et nytt forløp etter avslutning måles fra første henvisning.",
    en: "The cohort is those whose first contact fell in the quarter; those waiting are not in the mean. A job start with no contact before it counts as the first contact. Contacts recorded without a mode (before it was kept) count as face to face, as the journey counts them. A return after exit is measured from the first referral.",
  },
  score: (f) => (f.meanDays === null ? null : atMost(f.meanDays, [30, 60, 150, 270])),
};

const frequentEmployerContact: MeasuredItem<EmployerContactFigures> = {
  id: "frequent-employer-contact",
  measured: true,
  section: "services",
  number: 6,
  title: "Job development—Frequent employer contact",
  name: { nb: "Jobbutvikling: hyppig arbeidsgiverkontakt", en: "Job development: frequent employer contact" },
  criterion: {
    nb: "Hver jobbspesialist har minst 6 møter ansikt til ansikt med arbeidsgivere i uken for jobbsøkerne, med eller uten deltakeren, om en jobbsøker eller generelt.",
    en: "Each specialist makes at least 6 face-to-face employer contacts a week for the participants looking for work, with or without the participant, about one job seeker or general.",
  },
  anchors: {
    5: {
      text: { nb: "6 eller flere i uken, på et skjema leder går gjennom hver uke", en: "6 or more a week, on a tracking form the supervisor reviews weekly" },
      rule: { nb: "≥ 6 i uken per hele stilling", en: "≥ 6 a week per full-time share" },
    },
    4: { text: { nb: "5 i uken, skjema gjennomgått hver uke", en: "5 a week, tracking form reviewed weekly" }, rule: { nb: "≥ 5 og under 6", en: "≥ 5 and under 6" } },
    3: { text: { nb: "4 i uken, skjema gjennomgått hver måned", en: "4 a week, tracking form reviewed monthly" }, rule: { nb: "≥ 3 og under 5", en: "≥ 3 and under 5" } },
    2: { text: { nb: "2 i uken, eller ingen oversikt", en: "2 a week, or no tracking" }, rule: { nb: "≥ 2 og under 3", en: "≥ 2 and under 3" } },
    1: { text: { nb: "Færre enn 2 i uken", en: "Fewer than 2 a week" }, rule: { nb: "Under 2", en: "Under 2" } },
  },
  measure: {
    nb: "Hver jobbspesialists arbeidsgiverkontakter ansikt til ansikt i kvartalet (registerets og deltakernes, talt én gang; med eller uten deltaker; i alle teamene), per uke i kvartalet og per hel stilling. Hver spesialist får en skår, og teamet får snittet av dem rundet til nærmeste hele poeng, slik håndboken sier.",
    en: "Each specialist's face-to-face employer contacts in the quarter (the register's and the participants', counted once; with or without a participant; in all their teams), per week of the quarter and per full-time share. Each specialist is scored, and the team gets the mean of those scores to the nearest whole point, as the manual says.",
  },
  approximation: {
    nb: "ipsflow er skjemaet; om leder går gjennom det, vurderes i gjennomgangen. Ankrene er hele kontakter: et snitt mellom dem får det laveste, bortsett fra at 3 (like nær håndbokens 2 som 4) gir 3. Kontakter deltakeren tok alene telles ikke; kontakter uten kontaktform regnes som ansikt til ansikt. Håndbokens unntak for færre enn 3 jobbsøkere brukes ikke. Delt på stillingsandel, så en deltidsansatt måles mot sin andel av 6; en som begynte i løpet av kvartalet, måles over hele.",
    en: "ipsflow is the tracking form; whether a supervisor reviews it is for the review. The anchors are whole contacts: a rate between them scores the lower one, except that 3 (as near to the manual's 2 as to its 4) scores 3. Contacts the participant made alone are left out; contacts without a mode count as face to face. The manual's exception for fewer than 3 job seekers is not applied. Divided by the working share, so a part-timer is measured against their share of 6; a specialist who began during the quarter is measured over all of it.",
  },
  score: (f) => (f.averageScore === null ? null : nearestScore(f.averageScore)),
};

const diversityOfJobTypes: MeasuredItem<DiversityFigures> = {
  id: "diversity-of-job-types",
  measured: true,
  section: "services",
  number: 8,
  title: "Diversity of job types",
  name: { nb: "Ulike typer jobber", en: "Diversity of job types" },
  criterion: { nb: "Jobbspesialistene hjelper deltakerne inn i ulike typer jobber.", en: "Specialists help participants into different types of jobs." },
  anchors: percentAnchors(
    [
      "Different types of jobs 85–100% of the time",
      "Different types of jobs 70–84% of the time",
      "Different types of jobs 60–69% of the time",
      "Different types of jobs 50–59% of the time",
      "Different types of jobs less than 50% of the time",
    ],
    [
      "Ulike typer jobber i 85–100 % av tilfellene",
      "Ulike typer jobber i 70–84 % av tilfellene",
      "Ulike typer jobber i 60–69 % av tilfellene",
      "Ulike typer jobber i 50–59 % av tilfellene",
      "Ulike typer jobber i under 50 % av tilfellene",
    ],
  ),
  measure: {
    nb: "Jobber startet i de fire kvartalene fram til kvartalets slutt: antall ulike typer delt på antall jobber.",
    en: "Jobs started in the four quarters up to the quarter's end: the number of different types divided by the number of jobs.",
  },
  approximation: {
    nb: "ipsflow lagrer ingen stillingstittel: en jobbs type er arbeidsgiverens næring (SN2007-hovedområdet i arbeidsgiverregisteret). Jobber hos arbeidsgivere utenfor registeret har ingen type og holdes utenfor. Fire kvartaler, siden ett kvartals starter er for få til å vise spredning.",
    en: "ipsflow keeps no job title: a job's type is its employer's industry (the SN2007 section in the employer register). Jobs at employers outside the register have no type and are left out. Four quarters, since one quarter's starts are too few to show a spread.",
  },
  score: diversityScore,
};

const diversityOfEmployers: MeasuredItem<DiversityFigures> = {
  id: "diversity-of-employers",
  measured: true,
  section: "services",
  number: 9,
  title: "Diversity of employers",
  name: { nb: "Ulike arbeidsgivere", en: "Diversity of employers" },
  criterion: { nb: "Jobbspesialistene hjelper deltakerne til jobber hos ulike arbeidsgivere.", en: "Specialists help participants into jobs with different employers." },
  anchors: percentAnchors(
    [
      "Jobs with different employers 85–100% of the time",
      "Jobs with different employers 70–84% of the time",
      "Jobs with different employers 60–69% of the time",
      "Jobs with different employers 50–59% of the time",
      "Jobs with different employers less than 50% of the time",
    ],
    [
      "Jobber hos ulike arbeidsgivere i 85–100 % av tilfellene",
      "Jobber hos ulike arbeidsgivere i 70–84 % av tilfellene",
      "Jobber hos ulike arbeidsgivere i 60–69 % av tilfellene",
      "Jobber hos ulike arbeidsgivere i 50–59 % av tilfellene",
      "Jobber hos ulike arbeidsgivere i under 50 % av tilfellene",
    ],
  ),
  measure: {
    nb: "Jobber startet i de fire kvartalene fram til kvartalets slutt: antall ulike arbeidsgivere (registerets id, ellers navnet uten hensyn til store bokstaver og mellomrom) delt på antall jobber.",
    en: "Jobs started in the four quarters up to the quarter's end: the number of different employers (the register's id, else the name ignoring case and spaces) divided by the number of jobs.",
  },
  approximation: {
    nb: "Jobber til slettede deltakere (uten arbeidsgiver) holdes utenfor. Fire kvartaler, siden ett kvartals starter er for få til å vise spredning.",
    en: "Jobs of erased participants (no employer kept) are left out. Four quarters, since one quarter's starts are too few to show a spread.",
  },
  score: diversityScore,
};

const competitiveJobs: MeasuredItem<CompetitiveJobsFigures> = {
  id: "competitive-jobs",
  measured: true,
  section: "services",
  number: 10,
  title: "Competitive jobs",
  name: { nb: "Ordinære jobber", en: "Competitive jobs" },
  criterion: {
    nb: "Jobbspesialistene tilbyr ordinære jobber: åpne for alle, med vanlig lønn, ikke satt av til personer med nedsatt funksjonsevne.",
    en: "Specialists offer competitive jobs: open to anyone, at ordinary pay, not set aside for people with disabilities.",
  },
  anchors: {
    5: { text: { nb: "95 % eller mer av jobbene er ordinære", en: "95% or more of the jobs are competitive" }, rule: { nb: "≥ 95 %", en: "≥ 95%" } },
    4: { text: { nb: "85–94 % er ordinære", en: "85–94% are competitive" }, rule: { nb: "85–94 %", en: "85–94%" } },
    3: { text: { nb: "75–84 % er ordinære", en: "75–84% are competitive" }, rule: { nb: "75–84 %", en: "75–84%" } },
    2: { text: { nb: "65–74 % er ordinære", en: "65–74% are competitive" }, rule: { nb: "65–74 %", en: "65–74%" } },
    1: { text: { nb: "Under 65 % er ordinære", en: "Under 65% are competitive" }, rule: { nb: "Under 65 %", en: "Under 65%" } },
  },
  measure: {
    nb: "Jobber startet i de fire kvartalene fram til kvartalets slutt: andelen med ordinær lønn, ikke lønnstilskudd fra NAV.",
    en: "Jobs started in the four quarters up to the quarter's end: the share at ordinary wage rather than with a NAV wage subsidy.",
  },
  approximation: {
    nb: "Håndboken spør etter faste, ordinære jobber (ikke tiltaksplasser eller tidsbegrensede plasser i virksomheten selv); ipsflow teller lønnen: en jobb med lønnstilskudd regnes som ikke ordinær (et lokalt valg). Vikariater og engasjementer i det åpne markedet regnes som ordinære, og antallet vises. Lønnen slik den var ved start.",
    en: "The manual asks for permanent competitive jobs (not the agency's own or time-limited placements); ipsflow counts the wage: a NAV-subsidised job counts as not competitive (a local decision). Temporary posts in the open market count as competitive, and their number is shown. The wage as at the start.",
  },
  score: (f) => (f.share === null ? null : atLeast(f.share, [0.95, 0.85, 0.75, 0.65])),
};

const timeUnlimitedFollowAlong: MeasuredItem<FollowAlongFigures> = {
  id: "time-unlimited-follow-along",
  measured: true,
  section: "services",
  number: 12,
  title: "Time-unlimited follow-along supports",
  name: { nb: "Oppfølging uten tidsbegrensning", en: "Time-unlimited follow-along supports" },
  criterion: {
    nb: "Kontakt innen en uke før en jobbstart, innen 3 dager etter, hver uke første måned, så minst hver måned så lenge deltakeren ønsker, og innen 3 dager etter at en jobb tok slutt.",
    en: "Contact within a week before a job start, within 3 days after it, weekly in the first month, then at least monthly for as long as the participant wants, and within 3 days of learning of a job loss.",
  },
  anchors: {
    5: {
      text: {
        nb: "Som 4, og kontakt innen en uke før start, innen 3 dager etter og innen 3 dager etter jobbslutt",
        en: "As 4, and contact within a week before a start, within 3 days after it and within 3 days of a job loss",
      },
      rule: { nb: "≥ 90 % i tide av hver av de fem typene", en: "≥ 90% on time of each of the five kinds" },
    },
    4: {
      text: { nb: "Hver uke første måned og minst hver måned i et år eller mer, om deltakeren ønsker", en: "Weekly in the first month and at least monthly for a year or more, if the participant wants" },
      rule: { nb: "≥ 90 % i tide av både ukentlig oppfølging og senere oppfølging", en: "≥ 90% on time of both the weekly and the later follow-up" },
    },
    3: {
      text: { nb: "Kontakt med minst halvparten av dem i jobb i minst 4 måneder etter start", en: "Contact with at least half of those working for at least 4 months after the start" },
      rule: { nb: "≥ 50 % av den løpende oppfølgingen i tide", en: "≥ 50% of the ongoing follow-up on time" },
    },
    2: {
      text: { nb: "Kontakt med under halvparten av dem i jobb i minst 4 måneder etter start", en: "Contact with fewer than half of those working for at least 4 months after the start" },
      rule: { nb: "Noe av den løpende oppfølgingen i tide, under 50 %", en: "Some of the ongoing follow-up on time, under 50%" },
    },
    1: {
      text: { nb: "Ingen kontakt ansikt til ansikt etter første måned i jobb", en: "No face-to-face contact after the first month in a job" },
      rule: { nb: "Ingen løpende oppfølging i tide", en: "None of the ongoing follow-up on time" },
    },
  },
  measure: {
    nb: "Fristene som forfalt i kvartalet for kontakt før start, oppfølging av oppstarten, ukentlig oppfølging første måned, oppfølging etter det og kontakt etter jobbslutt, regnet fra de registrerte hendelsene med forløpets egne regler: hvor mange som ble nådd i tide. Løpende oppfølging er ukentlig første måned og oppfølgingen etter det.",
    en: "The obligations that fell due in the quarter for a contact before a start, the follow-up of the start, weekly follow-up in the first month, follow-up after it and the contact after a job end, computed from the recorded events with the journey's own rules: how many were met on time. Ongoing follow-up is the weekly follow-up of the first month and the follow-up after it.",
  },
  approximation: {
    nb: "Talt per frist, ikke per deltaker. Enhver oppfølgingskontakt teller (ipsflow lagrer ikke om den var ansikt til ansikt), og oppfølging etter oppstarten kan være med arbeidsgiver, slik forløpets regler tillater. Deltakerens eget intervall gir rytmen etter første måned, der håndboken sier hver måned. Fire måneder og ett år er ikke egne mål: hver frist i kvartalet teller.",
    en: "Counted per obligation, not per participant. Any follow-up contact counts (ipsflow does not record whether it was face to face), and follow-up after the start may be with the employer, as the journey's rules allow. The participant's own interval sets the rhythm after the first month, where the manual says monthly. Four months and a year are not measured apart: every obligation due in the quarter counts.",
  },
  score: (f) => {
    const share = (kinds: readonly string[]) => {
      const of = f.kinds.filter((k) => kinds.includes(k.kind));
      const due = of.reduce((sum, k) => sum + k.due, 0);
      return due === 0 ? null : { due, onTime: of.reduce((sum, k) => sum + k.onTime, 0) };
    };
    const rhythm = share(rhythmKinds);
    if (rhythm === null) return null;
    const eachAtLeast = (kinds: readonly string[], bound: number) =>
      f.kinds.filter((k) => kinds.includes(k.kind) && k.due > 0).every((k) => k.onTime / k.due >= bound - margin);
    if (eachAtLeast(followAlongKinds, 0.9)) return 5;
    if (eachAtLeast(rhythmKinds, 0.9)) return 4;
    if (rhythm.onTime / rhythm.due >= 0.5 - margin) return 3;
    return rhythm.onTime > 0 ? 2 : 1;
  },
};

/** The items ipsflow scores, by id. */
export const measuredItems = {
  "caseload-size": caseloadSize,
  "zero-exclusion": zeroExclusion,
  "work-incentives-planning": workIncentivesPlanning,
  "rapid-job-search": rapidJobSearch,
  "frequent-employer-contact": frequentEmployerContact,
  "diversity-of-job-types": diversityOfJobTypes,
  "diversity-of-employers": diversityOfEmployers,
  "competitive-jobs": competitiveJobs,
  "time-unlimited-follow-along": timeUnlimitedFollowAlong,
} as const;
export type MeasuredItemId = keyof typeof measuredItems;

const review = (section: FidelitySection, number: number, id: string, title: string, name: Words, what: Words): ReviewItem => ({
  id,
  measured: false,
  section,
  number,
  title,
  name,
  review: what,
});

/** The items that need the review's interviews, observation and documents. */
export const reviewItems: readonly ReviewItem[] = [
  review("staffing", 2, "employment-services-staff", "Employment services staff", { nb: "Jobbspesialistene gir bare arbeidsrettede tjenester", en: "Employment services staff" }, {
    nb: "Om jobbspesialistene bare gir arbeidsrettet oppfølging, ikke annen saksbehandling.",
    en: "Whether the specialists provide employment services only, not case management.",
  }),
  review("staffing", 3, "vocational-generalists", "Vocational generalists", { nb: "Jobbspesialistene har alle fasene", en: "Vocational generalists" }, {
    nb: "Om hver jobbspesialist har alle fasene selv: kontakt, kartlegging, jobbutvikling, oppstart og oppfølging.",
    en: "Whether each specialist carries out every phase: engagement, assessment, job development, placement and follow-along.",
  }),
  review(
    "organization",
    1,
    "team-assignment",
    "Integration of rehabilitation with mental health treatment through team assignment",
    { nb: "Integrering i behandlingsteam", en: "Integration with treatment through team assignment" },
    { nb: "Om jobbspesialistene hører til ett eller to behandlingsteam og deltakerne deres får behandling der.", en: "Whether specialists are attached to one or two treatment teams whose patients make up their caseloads." },
  ),
  review(
    "organization",
    2,
    "team-contact",
    "Integration of rehabilitation with mental health treatment through frequent team member contact",
    { nb: "Hyppig kontakt med behandlingsteamet", en: "Integration through frequent team member contact" },
    { nb: "Om jobbspesialistene er på teammøtene hver uke og samarbeider tett med behandlerne.", en: "Whether specialists attend the team's weekly meetings and work closely with its practitioners." },
  ),
  review(
    "organization",
    3,
    "nav-collaboration",
    "Collaboration between employment specialists and Vocational Rehabilitation counselors",
    { nb: "Samarbeid med NAV-veileder", en: "Collaboration with NAV (vocational rehabilitation) counsellors" },
    { nb: "Om jobbspesialistene og NAV-veilederne møtes jevnlig og deler deltakere.", en: "Whether specialists and NAV counsellors meet regularly and share participants." },
  ),
  review("organization", 4, "vocational-unit", "Vocational unit", { nb: "Jobbspesialistene er en egen enhet", en: "Vocational unit" }, {
    nb: "Om jobbspesialistene er en gruppe med felles veiledning og dekker for hverandre.",
    en: "Whether the specialists form a unit with group supervision and cover for one another.",
  }),
  review("organization", 5, "supervisor-role", "Role of employment supervisor", { nb: "IPS-lederens rolle", en: "Role of employment supervisor" }, {
    nb: "Om IPS-lederen leder få nok jobbspesialister, gir veiledning og følger opp resultater.",
    en: "Whether the supervisor leads a small enough unit, supervises and reviews outcomes.",
  }),
  review("organization", 7, "competitive-employment-focus", "Agency focus on competitive employment", { nb: "Virksomhetens fokus på ordinært arbeid", en: "Agency focus on competitive employment" }, {
    nb: "Om virksomheten spør alle om arbeid, viser fram resultater og snakker om ordinært arbeid.",
    en: "Whether the agency asks everyone about work, shows its outcomes and promotes competitive work.",
  }),
  review("organization", 8, "executive-support", "Executive team support for SE", { nb: "Ledelsens støtte til IPS", en: "Executive team support" }, {
    nb: "Om ledelsen kjenner IPS, følger med på kvaliteten og rydder vei for tjenesten.",
    en: "Whether the executive team knows IPS, follows its fidelity and removes barriers.",
  }),
  review("services", 2, "disclosure", "Disclosure", { nb: "Åpenhet om helse", en: "Disclosure" }, {
    nb: "Om jobbspesialistene hjelper deltakeren å velge hva arbeidsgiveren skal få vite, før jobbsøket.",
    en: "Whether specialists help the participant decide what to disclose to employers, before the search.",
  }),
  review("services", 3, "work-based-assessment", "Ongoing, work-based vocational assessment", { nb: "Løpende, arbeidsrettet kartlegging", en: "Ongoing, work-based vocational assessment" }, {
    nb: "Om kartleggingen skjer i arbeid og oppdateres av erfaringene, ikke i tester før jobbsøk.",
    en: "Whether assessment happens through work and is updated by experience, not tested before the search.",
  }),
  review("services", 5, "individualized-job-search", "Individualized job search", { nb: "Individuell jobbsøking", en: "Individualized job search" }, {
    nb: "Om jobbsøket følger deltakerens ønsker, styrker og erfaring, ikke de ledige jobbene.",
    en: "Whether the search follows the participant's preferences, strengths and experience, not the openings at hand.",
  }),
  review("services", 7, "employer-contact-quality", "Job development—Quality of employer contact", { nb: "Jobbutvikling: kvaliteten på arbeidsgiverkontakten", en: "Job development: quality of employer contact" }, {
    nb: "Om jobbspesialistene bygger relasjoner med arbeidsgivere over flere møter (tre kopper kaffe); sees ved å følge dem.",
    en: "Whether specialists build relationships with employers over several meetings (three cups of tea); seen by observing them.",
  }),
  review("services", 11, "individualized-follow-along", "Individualized follow-along supports", { nb: "Individuell oppfølging", en: "Individualized follow-along supports" }, {
    nb: "Om oppfølgingen i jobb er tilpasset deltakeren og arbeidsgiveren, og gis av flere enn jobbspesialisten.",
    en: "Whether support in work is tailored to the participant and the employer, and given by more than the specialist.",
  }),
  review("services", 13, "community-based-services", "Community-based services", { nb: "Tjenester ute i samfunnet", en: "Community-based services" }, {
    nb: "Om jobbspesialistene bruker minst 65 % av tiden ute, hos deltakere og arbeidsgivere; ipsflow registrerer ikke tid.",
    en: "Whether specialists spend 65% or more of their time out of the office; ipsflow records no time.",
  }),
  review(
    "services",
    14,
    "assertive-engagement",
    "Assertive engagement and outreach by integrated treatment team",
    { nb: "Oppsøkende arbeid fra behandlingsteamet", en: "Assertive engagement and outreach" },
    {
      nb: "Om teamet når ut flere ganger, på flere måter, før noen regnes som ikke interessert; ipsflow minner om kontakt, men ikke om teamets innsats.",
      en: "Whether the team reaches out several times, in several ways, before anyone is deemed not interested; ipsflow reminds of contact but cannot see the team's effort.",
    },
  ),
];

export type FidelityItem = (typeof measuredItems)[MeasuredItemId] | ReviewItem;

/** All 25 items in the scale's order: by section, then number. */
export const fidelityItems: readonly FidelityItem[] = [...Object.values(measuredItems), ...reviewItems].sort(
  (a, b) => fidelitySections.indexOf(a.section) - fidelitySections.indexOf(b.section) || a.number - b.number,
);

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\u00a0/g, " ");

/**
 * The README's tables of the items, generated from this table (a test compares them): the scored
 * items with what they are measured from, the rule of each anchor and the approximation, and the
 * items left to the review.
 */
export function fidelityTables(): string {
  const scored = Object.values(measuredItems).map((item) =>
    [
      `${item.title}`,
      `${sectionNames[item.section].en} ${item.number}`,
      item.measure.en,
      scores.map((score) => `${score}: ${item.anchors[score].rule.en}`).join("; "),
      item.approximation.en,
    ]
      .map(cell)
      .join(" | "),
  );
  const review = reviewItems.map((item) => [item.title, `${sectionNames[item.section].en} ${item.number}`, item.review.en].map(cell).join(" | "));
  return [
    "| item | source | measured from | score by | where it approximates the manual |",
    "|---|---|---|---|---|",
    ...scored.map((row) => `| ${row} |`),
    "",
    "| item (review only, no score) | source | what the review looks at |",
    "|---|---|---|",
    ...review.map((row) => `| ${row} |`),
  ].join("\n");
}
