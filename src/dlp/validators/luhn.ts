/** The Luhn (mod 10) check every payment card number passes; `digits` holds only 0-9. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// Issuer prefixes and lengths: a Luhn-valid number outside them (a 13-digit millisecond
// timestamp, a snowflake id) is not a card.
const ISSUERS: ReadonlyArray<{ prefix: RegExp; lengths: readonly number[] }> = [
  { prefix: /^4/, lengths: [13, 16, 19] }, // Visa
  { prefix: /^(?:5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] }, // Mastercard
  { prefix: /^3[47]/, lengths: [15] }, // American Express
  { prefix: /^(?:6011|65|64[4-9])/, lengths: [16, 19] }, // Discover
  { prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16, 19] }, // JCB
  { prefix: /^3(?:0[0-5]|[68])/, lengths: [14, 16, 19] }, // Diners Club
  { prefix: /^62/, lengths: [16, 17, 18, 19] }, // UnionPay
];

// The issuers' published test numbers: documentation, not anyone's card.
const TEST_CARDS = new Set([
  '4242424242424242', '4000056655665556', '4111111111111111', '4012888888881881', '4222222222222',
  '5555555555554444', '5105105105105100', '2223003122003222', '378282246310005', '371449635398431',
  '6011111111111117', '6011000990139424', '3056930009020004', '30569309025904', '3566002020360505', '6200000000000005',
]);

/** A payment card number: a known issuer's prefix and length, Luhn-valid, not a published test number. */
export function isPaymentCardNumber(value: string): boolean {
  const digits = value.replace(/[ -]/g, '');
  if (TEST_CARDS.has(digits) || !passesLuhn(digits)) return false;
  if (/^(\d)\1+$/.test(digits)) return false;
  return ISSUERS.some((issuer) => issuer.prefix.test(digits) && issuer.lengths.includes(digits.length));
}
