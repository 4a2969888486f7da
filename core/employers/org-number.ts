/**
 * Norwegian organisation numbers (organisasjonsnummer, Enhetsregisteret): nine digits, the last a
 * modulus-11 check digit over the first eight with the weights 3 2 7 6 5 4 3 2. A remainder of 0
 * gives check digit 0; a check digit of 10 is never issued, so such a number is invalid.
 */
const weights = [3, 2, 7, 6, 5, 4, 3, 2];

export function isValidOrgNumber(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = weights.reduce((total, weight, i) => total + weight * digits[i], 0);
  const remainder = sum % 11;
  const check = remainder === 0 ? 0 : 11 - remainder;
  return check !== 10 && check === digits[8];
}
