/**
 * Whether a phone-shaped match is a plausible phone number: 8–15 digits (E.164's maximum), not
 * one digit repeated, and in North American form a real area code and exchange (2–9 first).
 */
export function isPhoneNumber(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 8 || digits.length > 15 || /^(\d)\1+$/.test(digits)) return false;
  if (value.startsWith('+')) return digits[0] !== '0';
  if (digits.length === 10 && !digits.startsWith('0')) return /^[2-9]\d\d[2-9]/.test(digits);
  return true;
}
