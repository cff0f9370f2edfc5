import type { DlpRule } from '../rule.ts';
import { isImpersonalEmail } from '../validators/email.ts';
import { isIban } from '../validators/iban.ts';
import { isReportableIpAddress } from '../validators/ip-address.ts';
import { isPaymentCardNumber } from '../validators/luhn.ts';
import { isPhoneNumber } from '../validators/phone.ts';
import { isUsSsn } from '../validators/us-ssn.ts';

const notPhone = (value: string) => !isPhoneNumber(value);
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;

/**
 * Personal data: email, phone, payment card, IBAN, US SSN, and (on request) IP addresses. The
 * number-shaped rules run on every text (digits are everywhere), so each match is checked
 * (Luhn, mod 97, SSA ranges, digit counts) before it counts.
 */
export const PII_RULES: readonly DlpRule[] = [
  {
    id: 'email',
    type: 'email',
    keywords: ['@'],
    startsAtKeyword: true,
    // The match starts at its `@` (a fast literal search); the lookbehind reads the local part
    // back to a delimiter, so a `p4ss!word@host` password is not read as an address, nor the
    // password of `scheme://user:password@host`, which the connection-string rule reports.
    pattern: /@(?<=(?<=^|[\s"'`<>()[\]{},;:=|*])(?<!:\/\/[^\s/@]{0,128}:)([A-Za-z0-9._%+\-]{1,64})@)[A-Za-z0-9.\-]{1,253}\.[A-Za-z]{2,24}(?![A-Za-z0-9])/g,
    secretSpan: 'group-to-match-end',
    confidence: 0.9,
    exempt: isImpersonalEmail,
  },
  {
    id: 'phone-e164',
    type: 'phone_number',
    keywords: ['+'],
    startsAtKeyword: true,
    pattern: /(?<![\w+])\+[1-9]\d{7,14}(?![\w])/g,
    confidence: 0.75,
    exempt: notPhone,
  },
  {
    // `+44 20 7946 0958`, `+1 (415) 555-0132`: every group after the country code starts with a separator.
    id: 'phone-international',
    type: 'phone_number',
    keywords: ['+'],
    startsAtKeyword: true,
    pattern: /(?<![\w+])\+[1-9]\d{0,2}(?:[ .-](?:\(\d{1,5}\)|\d{1,8})){2,6}(?![\w]|[.-]\d)/g,
    confidence: 0.75,
    exempt: notPhone,
  },
  {
    // North American `(415) 555-0132`, `415-555-0132`, `415.555.0132`.
    id: 'phone-north-american',
    type: 'phone_number',
    keywords: [],
    pattern: /(?<![\w(+.-]|\d )(?:\(\d{3}\)[ .-]?|\d{3}[.-])\d{3}[.-]\d{4}(?![\w]|[ .-]\d)/g,
    confidence: 0.6,
    exempt: notPhone,
  },
  {
    // National forms with a trunk 0: UK `020 7946 0958`, `07700 900123`; FR `06 12 34 56 78`; DE `030 12345678`.
    id: 'phone-national',
    type: 'phone_number',
    keywords: [],
    pattern: /(?<![\w+.,/-]|\d )(?:0[1-9](?:[ .]\d{2}){4}|0\d{2,4}[ /-]\d{3,8}(?:[ -]\d{3,4})?)(?![\w/-]|[ .,]\d)/g,
    confidence: 0.55,
    exempt: notPhone,
  },
  {
    // Plain or in groups of four (Amex 4-6-5), then issuer, length and Luhn are checked. The
    // outer group is the secret; the inner ones only make the separators consistent.
    id: 'payment-card',
    type: 'payment_card',
    keywords: [],
    pattern: /(?<![\w.+-])(\d{13,19}|\d{4}([ -])\d{4}\2\d{4}\2\d{1,7}|\d{4}([ -])\d{6}\3\d{4,5})(?![\w]|[.-]\d)/g,
    confidence: 0.9,
    exempt: (value) => !isPaymentCardNumber(value),
  },
  {
    id: 'iban',
    type: 'iban',
    keywords: [],
    pattern: /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g,
    confidence: 0.95,
    exempt: (value) => !isIban(value),
  },
  {
    id: 'us-ssn',
    type: 'us_ssn',
    keywords: [],
    pattern: /(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])/g,
    confidence: 0.7,
    exempt: (value) => !isUsSsn(value),
  },
  {
    // Nine digits without dashes only where the text says what they are.
    id: 'us-ssn-labelled',
    type: 'us_ssn',
    keywords: ['ssn', 'social security', 'social_security'],
    pattern: /(?:\bssn|social[ _-]?security(?:[ _-]?(?:number|no))?)["']?[ \t]{0,3}[:=#]?[ \t]{0,3}["']?(\d{3}[ -]?\d{2}[ -]?\d{4})(?![\w])/gi,
    confidence: 0.9,
    exempt: (value) => !isUsSsn(value),
  },
  {
    id: 'ipv4-address',
    type: 'ip_address',
    keywords: ['.'],
    pattern: new RegExp(String.raw`(?<![\w.])(?:${OCTET}\.){3}${OCTET}(?![\w]|\.\d)`, 'g'),
    confidence: 0.6,
    exempt: (value) => !isReportableIpAddress(value),
    optIn: 'ipAddresses',
  },
  {
    id: 'ipv6-address',
    type: 'ip_address',
    keywords: [':'],
    pattern: /(?<![\w:.])(?:[0-9A-Fa-f]{1,4}:){1,7}(?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?|[0-9A-Fa-f]{1,4})(?![\w:.])/g,
    confidence: 0.6,
    exempt: (value) => !isReportableIpAddress(value),
    optIn: 'ipAddresses',
  },
];
