import type { ExitReason, JobEndReason, Locale } from "./schemas";

/**
 * The words for the coded reasons (why a participant left, why a job ended), once for everything
 * that shows them: the web app, the participant reports and the outcome report.
 */
export const reasonLabels: Record<Locale, { exit: Record<ExitReason, string>; jobEnd: Record<JobEndReason, string> }> = {
  nb: {
    exit: {
      "got-work-no-support-needed": "Har jobb og trenger ikke mer støtte",
      moved: "Flyttet",
      "declined-further-support": "Ønsker ikke mer oppfølging",
      transferred: "Overført til annet tilbud",
      "no-contact": "Ikke fått kontakt",
      other: "Annet",
    },
    jobEnd: {
      "temporary-ended": "Midlertidig stilling tok slutt",
      quit: "Sa opp selv",
      dismissed: "Ble sagt opp",
      "changed-job": "Byttet jobb",
      other: "Annet",
    },
  },
  en: {
    exit: {
      "got-work-no-support-needed": "In work, needs no more support",
      moved: "Moved",
      "declined-further-support": "Declined further support",
      transferred: "Transferred to another service",
      "no-contact": "No contact",
      other: "Other",
    },
    jobEnd: {
      "temporary-ended": "Temporary post ended",
      quit: "Quit",
      dismissed: "Dismissed",
      "changed-job": "Changed jobs",
      other: "Other",
    },
  },
};
