import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidOrgNumber } from "../../../core/employers/org-number";
import { createEmployerSchema } from "../../../core/domain/employers";

/**
 * The modulus-11 check of Norwegian organisation numbers, against a reference written here from
 * Brønnøysundregistrene's description: weights 3 2 7 6 5 4 3 2 on the first eight digits,
 * check digit 11 − (sum mod 11), where 11 means 0 and 10 means the number cannot exist.
 */
function reference(number: string): boolean {
  if (number.length !== 9 || /\D/.test(number)) return false;
  const w = [3, 2, 7, 6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(number[i]) * w[i];
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === Number(number[8]);
}

const nineDigits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }).map((digits) => digits.join(""));

describe("organisation numbers", () => {
  it("agree with the reference on any nine digits, and on anything else", () => {
    fc.assert(fc.property(nineDigits, (number) => isValidOrgNumber(number) === reference(number)), { numRuns: 5_000, seed: 14 });
    fc.assert(fc.property(fc.string({ maxLength: 12 }), (text) => isValidOrgNumber(text) === reference(text)), { numRuns: 2_000, seed: 15 });
  });

  it("accept real ones and refuse a changed check digit", () => {
    // Equinor ASA and Brønnøysundregistrene.
    for (const number of ["923609016", "974760673"]) expect(isValidOrgNumber(number), number).toBe(true);
    expect(isValidOrgNumber("923609017")).toBe(false);
    // Exactly one check digit fits the first eight digits, unless the remainder asks for 10.
    fc.assert(
      fc.property(nineDigits, (number) => {
        const fits = [..."0123456789"].filter((digit) => isValidOrgNumber(number.slice(0, 8) + digit));
        expect(fits.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500, seed: 16 },
    );
  });

  it("are refused at the edge with the field named", () => {
    const employer = { name: "Kafé Øst", sector: "hospitality", municipality: "Bergen", specialistId: "s-1" };
    expect(createEmployerSchema.safeParse({ ...employer, orgNumber: "923609016" }).success).toBe(true);
    const wrong = createEmployerSchema.safeParse({ ...employer, orgNumber: "923609017" });
    expect(wrong.success).toBe(false);
    expect(wrong.error!.issues[0].path).toEqual(["orgNumber"]);
    expect(createEmployerSchema.safeParse({ ...employer }).success).toBe(true);
  });
});
