/** How bad a finding is; overlapping findings keep the more severe one. */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 4, high: 3, medium: 2, low: 1 };

/**
 * One detection rule. The secret is the first capture group that took part in the match, or the
 * whole match when the pattern has none, so `password=hunter2` reports only `hunter2`.
 * Every quantifier is bounded: the scanner runs over agent output up to 1,000,000 characters and
 * must not backtrack catastrophically on crafted input.
 */
export interface DlpRule {
  id: string;
  /** What the policy's `dlp.types` keys on (`email: redact`). */
  type: string;
  severity: Severity;
  /** Needs the `g` flag. */
  pattern: RegExp;
  /** 0..1: how sure a match of this rule is a real secret or PII. */
  confidence: number;
  /** True for values that only look like a secret: documentation examples, templates, masks. */
  exempt: (value: string) => boolean;
}

// Values that documentation, templates and code use where a secret would go.
const PLACEHOLDER_WORDS = /example|placeholder|changeme|change_me|redacted|dummy|sample|xxxx|\*\*\*|(?:^|[^a-z0-9])your[-_ ]/i;
const PLACEHOLDER_EXACT = new Set([
  'password', 'passwd', 'secret', 'token', 'null', 'none', 'nil', 'undefined', 'true', 'false',
  'string', 'str', 'number', 'any', 'required', 'optional', 'empty', 'hidden', 'masked', 'todo', 'tbd',
]);
const TEMPLATE_REFERENCE = [
  /^\$\{[^}]{0,200}\}$/, // ${VAR}
  /^\$[A-Z_][A-Z0-9_]{0,200}$/, // $VAR
  /^\{\{.{0,200}\}\}$/, // {{ var }}
  /^%[A-Z_][A-Z0-9_]{0,200}%$/i, // %VAR%
  /^<[^<>]{0,200}>$/, // <your-key>
  /^(?:process\.env|os\.environ|env|config|settings|options|opts|args|params|self|this)[.[(]/i,
  /^[A-Za-z_$][\w$]{0,100}(?:\.[A-Za-z_$][\w$]{0,100}){0,10}\([^)]{0,200}\)$/, // getSecret(), z.string()
];

/** A value that stands for a secret rather than being one: `changeme`, `<your-key>`, `${VAR}`, `****`. */
export function isPlaceholderSecret(value: string): boolean {
  const v = value.replace(/[,;]+$/, '');
  if (v.length === 0 || /^(.)\1*$/s.test(v)) return true;
  if (PLACEHOLDER_EXACT.has(v.toLowerCase())) return true;
  if (PLACEHOLDER_WORDS.test(v)) return true;
  return TEMPLATE_REFERENCE.some((pattern) => pattern.test(v));
}

// RFC 2606 / RFC 6761 names reserved for documentation and testing: no real person behind them.
const DOCUMENTATION_DOMAIN = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$/i;

/** An address at a reserved documentation domain (`alice@example.com`), which is nobody's PII. */
export function isDocumentationEmail(value: string): boolean {
  const at = value.lastIndexOf('@');
  return at >= 0 && DOCUMENTATION_DOMAIN.test(value.slice(at + 1));
}

// Assignment context shared by the key=value rules: `KEY=v`, `key: v`, `"key": "v"`, on one line.
const ASSIGN = String.raw`["']?[ \t]{0,8}[:=][ \t]{0,8}`;
// A value that may be quoted (then it may hold spaces) or bare (then it ends at whitespace or a quote).
const QUOTED_OR_BARE = String.raw`(?:"([^"\r\n]{1,256})"|'([^'\r\n]{1,256})'|["']?([^\s"'=][^\s"']{0,255}))`;
const KEY_NAME = String.raw`(?:[A-Z0-9]{1,16} ){0,4}`;

/** The rules the AUDIT step runs: seed 000's five patterns plus a few high-value token formats. */
export const DLP_RULES: readonly DlpRule[] = [
  {
    id: 'api-key-assignment',
    type: 'api_key',
    severity: 'high',
    pattern: new RegExp(String.raw`api[_-]?key${ASSIGN}["']?([A-Za-z0-9_\-]{20,512})`, 'gi'),
    confidence: 0.8,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'secret-assignment',
    type: 'api_key',
    severity: 'high',
    pattern: new RegExp(String.raw`(?:secret|token)[A-Za-z_\-]{0,20}${ASSIGN}["']?([A-Za-z0-9_\-+/.]{20,512}={0,3})`, 'gi'),
    confidence: 0.7,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'bearer-token',
    type: 'api_key',
    severity: 'high',
    pattern: /\bBearer[ \t]{1,4}([A-Za-z0-9\-._~+/]{20,2048}={0,3})/gi,
    confidence: 0.8,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'private-key-block',
    type: 'private_key',
    severity: 'critical',
    // The body may not contain `-----`, so an unterminated header stops at the next one: linear.
    pattern: new RegExp(
      String.raw`-----BEGIN ${KEY_NAME}PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\s:,.]|-(?!----)){1,16384}?-----END ${KEY_NAME}PRIVATE KEY(?: BLOCK)?-----`,
      'g',
    ),
    confidence: 0.99,
    exempt: () => false,
  },
  {
    id: 'private-key-header',
    type: 'private_key',
    severity: 'critical',
    pattern: new RegExp(String.raw`-----BEGIN ${KEY_NAME}PRIVATE KEY(?: BLOCK)?-----`, 'g'),
    confidence: 0.9,
    exempt: () => false,
  },
  {
    id: 'email',
    type: 'email',
    severity: 'medium',
    // Starts only where a run of address characters starts, so a long run is tried once, not per character.
    pattern: /(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9.\-]{1,253}\.[A-Za-z]{2,24}/g,
    confidence: 0.9,
    exempt: isDocumentationEmail,
  },
  {
    id: 'aws-access-key-id',
    type: 'aws_key',
    severity: 'critical',
    pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'aws-secret-access-key',
    type: 'aws_key',
    severity: 'critical',
    pattern: new RegExp(String.raw`aws_?secret_?(?:access_?)?key${ASSIGN}["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])`, 'gi'),
    confidence: 0.9,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'password-assignment',
    type: 'password',
    severity: 'high',
    // `PWD=/home/me` is the shell's working directory, not a password.
    pattern: new RegExp(String.raw`(?:pass(?:word|wd|phrase)|pwd(?!${ASSIGN}["']?[/~.]))${ASSIGN}${QUOTED_OR_BARE}`, 'gi'),
    confidence: 0.7,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'connection-string-password',
    type: 'password',
    severity: 'high',
    pattern: /(?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]{1,20}:\/\/[^\s:/@]{1,128}:([^\s:/@]{1,256})@/g,
    confidence: 0.85,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'github-token',
    type: 'github_token',
    severity: 'critical',
    pattern: /\bgh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9])/g,
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'github-fine-grained-token',
    type: 'github_token',
    severity: 'critical',
    pattern: /\bgithub_pat_[A-Za-z0-9_]{22,255}(?![A-Za-z0-9_])/g,
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'slack-token',
    type: 'slack_token',
    severity: 'critical',
    pattern: /\bxox[abposr]-[A-Za-z0-9\-]{10,250}/g,
    confidence: 0.9,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'stripe-live-key',
    type: 'stripe_key',
    severity: 'critical',
    pattern: /\b(?:sk|rk)_live_[A-Za-z0-9]{10,247}/g,
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
];
