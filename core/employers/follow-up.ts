import type { Employer } from "../domain/employers";
import { addDays, daysBetween, localDateOf, type LocalDate } from "../calendar/local-dates";

/**
 * Employers a specialist should contact again, for their morning digest. Job development is
 * relationship work (the three cups of tea): an employer the specialist has started on (stage 1
 * or 2, no hire yet) and not contacted for `followUpDays` has gone cold, and is listed on every
 * digest until the next contact; an employer where a participant has just started gets a contact
 * within `newHireContactDays` of the start (follow-along support starts with the workplace too).
 */
export interface EmployerFollowUp {
  employerId: string;
  name: string;
  reason: "cold" | "new-hire";
  /** The local date by which to get in touch (cold: already passed or today). */
  dueDate: LocalDate;
  /** Whole days since the last contact (cold), or since the start (new hire). */
  days: number;
}

export interface EmployerFollowUpSettings {
  followUpDays: number;
  newHireContactDays: number;
}

export function employerFollowUps(employers: readonly Employer[], now: Date, timeZone: string, settings: EmployerFollowUpSettings): EmployerFollowUp[] {
  const today = localDateOf(now, timeZone);
  const followUps: EmployerFollowUp[] = [];
  for (const employer of employers) {
    const lastContact = employer.lastContactAt ? localDateOf(employer.lastContactAt, timeZone) : undefined;
    if (employer.hiredAt) {
      const hired = localDateOf(employer.hiredAt, timeZone);
      // Contacted since the start (the same day counts): nothing to do.
      if (employer.lastContactAt !== undefined && employer.lastContactAt > employer.hiredAt) continue;
      if (hired > today) continue;
      followUps.push({
        employerId: employer.id,
        name: employer.name,
        reason: "new-hire",
        dueDate: addDays(hired, settings.newHireContactDays),
        days: daysBetween(hired, today),
      });
      continue;
    }
    if (employer.stage !== 1 && employer.stage !== 2) continue;
    if (lastContact === undefined) continue;
    const days = daysBetween(lastContact, today);
    if (days < settings.followUpDays) continue;
    followUps.push({ employerId: employer.id, name: employer.name, reason: "cold", dueDate: addDays(lastContact, settings.followUpDays), days });
  }
  // The longest silence first; new hires by their due date.
  return followUps.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.name.localeCompare(b.name, "nb"));
}
