import { describe, expect, it } from "vitest";
import { digestOn, useWorkflowSystem } from "../workflow/scenario";

/**
 * The employer register through the local system: the three cups' stages move with the contacts
 * and a hire, a contact about a job seeker is recorded once (the participant's event and the
 * employer's contact are one), a cold employer and a new hire's employer come up in the
 * responsible specialist's digest, and no participant code stands next to an employer.
 */
const { system, s, seedTeam } = useWorkflowSystem({ start: "2026-11-02T10:00" });

describe("employers", () => {
  it("registers employers with a checked organisation number, moves through the three cups and reminds the specialist", async () => {
    const api = system().api;
    const team = await seedTeam();
    const other = await seedTeam();
    const employer = {
      name: "Bakeriet Nord",
      orgNumber: "923609016",
      sector: "retail",
      municipality: "Oslo",
      specialistId: team.specialist.id,
      contactRole: "general-manager",
    };

    // The check digit is checked; the message names the field.
    const wrong = await api.post("/employers", { ...employer, orgNumber: "923609017" }, team.specialistToken);
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/^orgNumber: /);
    // A team member does not register employers; a specialist registers only their own.
    expect((await api.post("/employers", employer, team.teamToken)).status).toBe(403);
    expect((await api.post("/employers", employer, other.specialistToken)).status).toBe(403);

    const created = await api.post("/employers", employer, team.specialistToken, { "Idempotency-Key": "employer-1" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...employer, relationship: 0 });
    const id = created.body.id as string;
    expect((await api.post("/employers", employer, team.specialistToken, { "Idempotency-Key": "employer-1" })).body.id).toBe(id);
    const relationship = async () => (await api.get(`/employers/${id}`, team.teamToken)).body.relationship;

    // Cup 1: a general job-development contact, face to face with the manager.
    const contact = (body: Record<string, unknown>, key: string) =>
      api.post(`/employers/${id}/contacts`, { at: "2026-11-02T09:00:00Z", mode: "face-to-face", decisionMaker: true, ...body }, team.specialistToken, {
        "Idempotency-Key": key,
      });
    expect((await contact({ stage: 1 }, "c-1")).status).toBe(201);
    expect(await relationship()).toBe(1);

    // Two weeks without contact: listed once in the specialist's digest, as "Besøk … igjen".
    // Referred in October: by mid-November their first employer contact is overdue, so the digest has their row too.
    const participant = await s.refer(team, "K.L.", "2026-10-10T10:00:00Z");
    await s.advanceTo("2026-11-13T09:00");
    expect(JSON.stringify((await digestOn(team, "2026-11-13"))?.body.text ?? "")).not.toContain("Bakeriet Nord");
    await s.advanceTo("2026-11-16T09:00");
    const cold = (await digestOn(team, "2026-11-16"))!.body.text!;
    const lines = cold.split("\n").filter((line) => line.includes("Bakeriet Nord"));
    expect(lines).toEqual(["- Besøk Bakeriet Nord igjen (sist kontakt for 14 dager siden)"]);
    // The participant's own row is elsewhere in the digest; no code stands next to the employer.
    expect(cold).toContain("- K.L.");
    expect(lines[0]).not.toContain("K.L.");

    // Cup 2 by phone; cup 3 about the job seeker, recorded once for both of them.
    expect((await contact({ at: "2026-11-16T07:30:00Z", mode: "phone", stage: 2 }, "c-2")).status).toBe(201);
    expect(await relationship()).toBe(2);
    const presented = await contact({ at: "2026-11-16T07:40:00Z", stage: 3, participantId: participant, made: "specialist" }, "c-3");
    expect(presented.status).toBe(201);
    const again = await contact({ at: "2026-11-16T07:40:00Z", stage: 3, participantId: participant, made: "specialist" }, "c-3");
    expect(again.body.contact.id).toBe(presented.body.contact.id);
    await system().clock.settle();
    expect(await relationship()).toBe(3);
    const events = (await s.participant(participant)).events as Array<{ type: string; id: string; employerId?: string }>;
    expect(events.filter((e) => e.type === "employer-contact")).toEqual([
      expect.objectContaining({ id: presented.body.contact.id, employerId: id, visit: 3, mode: "face-to-face" }),
    ]);
    // The first-employer-contact obligation is met by it.
    expect(await s.open(participant, "first-employer-contact")).toBeUndefined();
    const shown = (await api.get(`/employers/${id}`, team.teamToken)).body;
    expect(shown.contacts.map((c: { id: string }) => c.id)).toEqual([expect.any(String), expect.any(String), presented.body.contact.id]);
    expect(shown.contacts.map((c: { forParticipant: boolean }) => c.forParticipant)).toEqual([false, false, true]);
    expect(JSON.stringify(shown)).not.toContain(participant);

    // A contact recorded as the participant's event, naming the employer, is the employer's too.
    const viaEvent = await s.record(team, participant, { type: "employer-contact", employer: "Bakeriet Nord", employerId: id, mode: "digital" });
    expect((await api.get(`/employers/${id}`, team.teamToken)).body.contacts.at(-1).id).toBe(viaEvent.event.id);
    const unknown = await api.post(`/participants/${participant}/events`, { type: "employer-contact", at: await s.now(), employer: "X", employerId: "NOPE" }, team.specialistToken, {
      "Idempotency-Key": "unknown-employer",
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/^employerId: /);

    // A job start there: hired, and the employer is due a contact within the first week.
    await s.advanceTo("2026-11-17T09:00");
    await s.record(team, participant, { type: "job-start", employer: "Bakeriet Nord", employerId: id, hoursPerWeek: 20, wage: "ordinary", temporary: false });
    expect(await relationship()).toBe("hired");
    await s.advanceTo("2026-11-18T09:00");
    const hire = (await digestOn(team, "2026-11-18"))!.body.text!;
    expect(hire.split("\n").filter((line) => line.includes("Bakeriet Nord"))).toEqual([
      "- Ta kontakt med Bakeriet Nord etter oppstarten (innen tirsdag 24. november)",
    ]);
    await contact({ at: await s.now(), mode: "face-to-face", stage: 3 }, "c-4");
    await s.advanceTo("2026-11-19T09:00");
    expect((await digestOn(team, "2026-11-19"))?.body.text ?? "").not.toContain("Bakeriet Nord");

    // The register lists it for the team, without any participant.
    const listed = (await api.get(`/employers?specialistId=${team.specialist.id}`, team.teamToken)).body;
    expect(listed.employers.map((e: { name: string; relationship: unknown }) => [e.name, e.relationship])).toEqual([["Bakeriet Nord", "hired"]]);

    // Erasing the participant leaves the employer its contacts, no longer saying whose they were.
    const before = (await api.get(`/employers/${id}`, team.teamToken)).body.contacts as Array<{ id: string }>;
    expect((await api.call("DELETE", `/participants/${participant}`, { token: "dev:admin" })).status).toBe(200);
    const after = (await api.get(`/employers/${id}`, team.teamToken)).body.contacts as Array<{ id: string; forParticipant: boolean }>;
    expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id));
    expect(after.every((c) => !c.forParticipant)).toBe(true);
  });
});
