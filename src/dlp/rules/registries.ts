import type { DlpRule } from '../rule.ts';
import { isPlaceholderSecret } from '../validators/placeholder.ts';

/** Package-registry publish tokens: a leak is a supply-chain compromise. */
export const REGISTRY_RULES: readonly DlpRule[] = [
  {
    id: 'npm-access-token',
    type: 'npm_token',
    keywords: ['npm_'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
  {
    // `.npmrc`: `//registry.npmjs.org/:_authToken=…`, legacy UUID tokens included.
    id: 'npmrc-auth-token',
    type: 'npm_token',
    keywords: [':_authtoken'],
    startsAtKeyword: true,
    pattern: /:_authToken[ \t]{0,4}=[ \t]{0,4}["']?([A-Za-z0-9_\-+/.=]{20,256})/gi,
    confidence: 0.9,
    exempt: isPlaceholderSecret,
  },
  {
    // Macaroons whose first caveat names pypi.org or test.pypi.org.
    id: 'pypi-token',
    type: 'pypi_token',
    keywords: ['pypi-age'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9_-])pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}(?![A-Za-z0-9_-])/g,
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
];
