import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSystem } from "../support/system";
import { capturedMail } from "../support/deps";
import { digestLines, oslo, type TestSystem } from "../workflow/scenario";

/**
 * The demo a new user meets on `npm start`: on the morning it starts, every reminder in the
 * specialists' digests is one a job specialist would agree with. The expected digests are written
 * out by hand from the seed (local/seed.ts), item by item, with the reason each is right.
 */
let system: TestSystem;

beforeAll(async () => {
  // Monday 2 November 2026, 07:30 in Oslo: the seed is laid down, then the 08:00 digest goes out.
  system = await startTestSystem({ seed: true, start: new Date(oslo("2026-11-02T07:30")) });
  await system.api.advance({ to: oslo("2026-11-02T08:30") });
});
afterAll(() => system?.stop());

const digestTo = async (email: string) => {
  const mails = (await capturedMail(email)).filter((mail) => mail.body.text?.startsWith("IPS-oppgaver mandag 2. november\n"));
  expect(mails.length, `digests to ${email}`).toBeLessThanOrEqual(1);
  return mails[0];
};

describe("the demo seed on the morning it starts", () => {
  it("reminds Ingrid of exactly what is due: an overdue follow-up first, today's check after a start, the deadlines coming up", async () => {
    const digest = await digestTo("ingrid@example.org");
    expect(digest?.subject).toBe("IPS: 2 over fristen, 1 i dag");
    expect(digestLines(digest!.body.text!)).toEqual([
      // E.N. has worked at Posten for five months; the last contact with them was 40 days ago,
      // so the monthly follow-up and the 30-day outreach are both 10 days late.
      {
        code: "E.N.",
        flagged: true,
        tasks: [
          { task: "Ta oppfølgingskontakt med deltaker eller arbeidsgiver", status: "10 dager over fristen" },
          { task: "Nå ut til deltakeren – ingen kontakt på 30 dager", status: "10 dager over fristen" },
        ],
      },
      // P-0231 started at Vinmonopolet three days ago: the check with the participant is due today.
      { code: "P-0231", tasks: [{ task: "Følg opp oppstarten", status: "i dag" }] },
      // P-0193 was referred 24 days ago, met once, no employer contact yet: both 30-day deadlines in 6 days.
      {
        code: "P-0193",
        tasks: [
          { task: "Tilby rådgivning om økonomi og ytelser", status: "om 6 dager" },
          { task: "Ta første arbeidsgiverkontakt", status: "om 6 dager" },
        ],
      },
    ]);
    // Not listed, and rightly so: K.L. (referred 4 days ago), T.H. (employer contact 3 days ago).
    expect(digest!.body.text).not.toMatch(/K\.L\.|T\.H\./);
  });

  it("sends Ola nothing: all his participants are on track", async () => {
    // P-0207 had an employer contact 2 days ago; M.R. a follow-up 2 days ago; J.O. one 8 days ago
    // on a 14-day interval; R.S. has left.
    expect(await digestTo("ola@example.org")).toBeUndefined();
  });

  it("reminds Sara of the missed 30-day deadline first, and of nothing that is not due", async () => {
    const digest = await digestTo("sara@example.org");
    expect(digest?.subject).toBe("IPS: 2 over fristen, 1 i dag");
    expect(digestLines(digest!.body.text!)).toEqual([
      // A.M. was referred 38 days ago and met once 30 days ago: both deadlines are 8 days late,
      // the employer contact first; outreach comes due today.
      {
        code: "A.M.",
        flagged: true,
        tasks: [
          { task: "Ta første arbeidsgiverkontakt", status: "8 dager over fristen" },
          { task: "Tilby rådgivning om økonomi og ytelser", status: "8 dager over fristen" },
          { task: "Nå ut til deltakeren – ingen kontakt på 30 dager", status: "i dag" },
        ],
      },
    ]);
    // S.B.'s job offer (start in 12 days) asks for a contact in 5 days; P-0150's pause runs 20 more
    // days; L.K.'s follow-up is due in 5: none of it is due today.
    expect(digest!.body.text).not.toMatch(/S\.B\.|P-0150|L\.K\./);
  });
});
