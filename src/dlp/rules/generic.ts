import type { DlpRule } from '../rule.ts';
import { isBasicCredential } from '../validators/basic-auth.ts';
import { hasEntropy, looksRandom } from '../validators/entropy.ts';
import { isJwt } from '../validators/jwt.ts';
import { isPlaceholderSecret } from '../validators/placeholder.ts';
import { ASSIGN, OPEN_QUOTE, QUOTED_OR_BARE } from './pattern-parts.ts';

// A value under a generic name (`token`, `secret`) counts only when it looks generated.
const notRandom = (value: string) => isPlaceholderSecret(value) || !looksRandom(value, 3);

// Passwords are chosen by people, so no entropy bar beyond "not a word": a lone lowercase or
// capitalised word after `password:` is prose or a field name far more often than a password.
function notAPassword(value: string): boolean {
  return isPlaceholderSecret(value) || value.length < 6 || /^(?:[a-z]+|[A-Z][a-z]+)$/.test(value) || !hasEntropy(value, 2);
}

/** Shapes any secret takes: JWTs, Authorization headers, `name=value` assignments, URLs with a password. */
export const GENERIC_RULES: readonly DlpRule[] = [
  {
    id: 'jwt',
    type: 'jwt',
    keywords: ['eyj'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,2048}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{16,2048}(?![A-Za-z0-9_-])/g,
    confidence: 0.95,
    exempt: (value) => isPlaceholderSecret(value) || !isJwt(value),
  },
  {
    id: 'bearer-token',
    type: 'api_key',
    keywords: ['bearer'],
    startsAtKeyword: true,
    pattern: /\bBearer[ \t]{1,4}([A-Za-z0-9\-._~+/]{20,2048}={0,3})/gi,
    confidence: 0.8,
    exempt: notRandom,
  },
  {
    id: 'basic-auth-header',
    type: 'password',
    keywords: ['basic'],
    startsAtKeyword: true,
    pattern: /\bBasic[ \t]{1,4}([A-Za-z0-9+/]{8,1024}={0,2})(?![A-Za-z0-9+/=])/g,
    confidence: 0.8,
    exempt: (value) => isPlaceholderSecret(value) || !isBasicCredential(value),
  },
  {
    id: 'api-key-assignment',
    type: 'api_key',
    keywords: ['api_key', 'api-key', 'apikey', 'access_key', 'access-key', 'accesskey', 'auth_key', 'auth-key', 'authkey'],
    startsAtKeyword: true,
    pattern: new RegExp(String.raw`(?:api|access|auth)[_-]?key${ASSIGN}${OPEN_QUOTE}([A-Za-z0-9_\-+/.]{16,512}={0,3})`, 'gi'),
    confidence: 0.8,
    exempt: notRandom,
  },
  {
    id: 'secret-assignment',
    type: 'api_key',
    keywords: ['secret', 'token', 'credential'],
    startsAtKeyword: true,
    pattern: new RegExp(String.raw`(?:secret|token|credential)[A-Za-z_\-]{0,20}${ASSIGN}${OPEN_QUOTE}([A-Za-z0-9_\-+/.]{16,512}={0,3})`, 'gi'),
    confidence: 0.7,
    exempt: notRandom,
  },
  {
    id: 'password-assignment',
    type: 'password',
    keywords: ['pass', 'pwd'],
    startsAtKeyword: true,
    // `PWD=/home/me` is the shell's working directory, not a password.
    pattern: new RegExp(String.raw`(?:pass(?:word|wd|phrase)|pwd(?!${ASSIGN}${OPEN_QUOTE}[/~.]))${ASSIGN}${QUOTED_OR_BARE}`, 'gi'),
    confidence: 0.7,
    exempt: notAPassword,
  },
  {
    // `postgres://app:s3cret@db/app`, `redis://:s3cret@cache`: only the password is the secret.
    // The match starts at `://` (a fast literal search) and the lookbehind checks the scheme.
    id: 'connection-string-password',
    type: 'password',
    keywords: ['://'],
    startsAtKeyword: true,
    pattern: /:\/\/(?<=(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/)[^\s:/@]{0,128}:([^\s:/@]{1,256})@/g,
    confidence: 0.85,
    exempt: isPlaceholderSecret,
  },
];
