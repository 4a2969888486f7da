import { describe, expect, it } from "vitest";
import { employerFollowUps } from "../../../core/employers/follow-up";
import type { Employer } from "../../../core/domain/employers";

const oslo = "Europe/Oslo";
const settings = { followUpDays: 14, newHireContactDays: 7 };
const employer = (fields: Partial<Employer>): Employer => ({
  id: "e-1",
  name: "Bakeriet Nord",
  sector: "retail",
  municipality: "Oslo",
  specialistId: "s-1",
  createdAt: "2026-10-01T08:00:00Z",
  ...fields,
});
const at = (iso: string) => new Date(iso);

describe("employers to contact again", () => {
  it("lists an employer at cup 1 or 2 from the 14th day without contact, counted in local dates", () => {
    const lastContact = "2026-11-02T22:30:00Z"; // 23:30 on 2 November in Oslo
    // 23:30 on 15 November in Oslo: the 13th day.
    expect(employerFollowUps([employer({ stage: 1, lastContactAt: lastContact })], at("2026-11-15T22:30:00Z"), oslo, settings)).toEqual([]);
    // 00:30 on 16 November in Oslo: the 14th.
    expect(employerFollowUps([employer({ stage: 1, lastContactAt: lastContact })], at("2026-11-15T23:30:00Z"), oslo, settings)).toEqual([
      { employerId: "e-1", name: "Bakeriet Nord", reason: "cold", dueDate: "2026-11-16", days: 14 },
    ]);
    expect(employerFollowUps([employer({ stage: 2, lastContactAt: lastContact })], at("2026-11-20T08:00:00Z"), oslo, settings)[0].days).toBe(18);
  });

  it("leaves out employers not yet started on, at cup 3, or hired and contacted since", () => {
    const lastContactAt = "2026-10-01T08:00:00Z";
    const now = at("2026-11-20T08:00:00Z");
    expect(employerFollowUps([employer({ lastContactAt })], now, oslo, settings)).toEqual([]);
    expect(employerFollowUps([employer({ stage: 3, lastContactAt })], now, oslo, settings)).toEqual([]);
    expect(employerFollowUps([employer({ stage: 2, hiredAt: "2026-09-30T08:00:00Z", lastContactAt })], now, oslo, settings)).toEqual([]);
  });

  it("asks for a contact within the first week after a hire, until there is one", () => {
    const hired = employer({ stage: 3, lastContactAt: "2026-11-10T08:00:00Z", hiredAt: "2026-11-17T08:00:00Z" });
    expect(employerFollowUps([hired], at("2026-11-18T08:00:00Z"), oslo, settings)).toEqual([
      { employerId: "e-1", name: "Bakeriet Nord", reason: "new-hire", dueDate: "2026-11-24", days: 1 },
    ]);
    expect(employerFollowUps([{ ...hired, lastContactAt: "2026-11-18T09:00:00Z" }], at("2026-11-19T08:00:00Z"), oslo, settings)).toEqual([]);
  });
});
