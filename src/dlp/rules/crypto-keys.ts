import type { DlpRule } from '../rule.ts';
import { KEY_NAME } from './pattern-parts.ts';

const HEADER = String.raw`-----BEGIN ${KEY_NAME}PRIVATE KEY(?: BLOCK)?-----`;
const FOOTER = String.raw`-----END ${KEY_NAME}PRIVATE KEY(?: BLOCK)?-----`;

/** PEM, OpenSSH and PGP private keys. A public key or certificate is not a finding. */
export const CRYPTO_KEY_RULES: readonly DlpRule[] = [
  {
    id: 'private-key-block',
    type: 'private_key',
    keywords: ['-----begin '],
    startsAtKeyword: true,
    // The body may not contain `-----`, so an unterminated header stops at the next one: linear.
    // `\` is allowed so a key inside a JSON string (`\n` escaped) is covered whole.
    pattern: new RegExp(String.raw`${HEADER}(?:[A-Za-z0-9+/=\s:,.\\]|-(?!----)){1,16384}?${FOOTER}`, 'g'),
    confidence: 0.98,
    exempt: () => false,
  },
  {
    // A block cut off (a truncated paste, a log line) still leaks the start of the key.
    id: 'private-key-header',
    type: 'private_key',
    keywords: ['-----begin '],
    startsAtKeyword: true,
    pattern: new RegExp(HEADER, 'g'),
    confidence: 0.9,
    exempt: () => false,
  },
];
