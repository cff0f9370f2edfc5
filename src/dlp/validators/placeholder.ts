// Words that documentation, templates and code put where a secret would go.
const PLACEHOLDER_WORDS = /example|placeholder|changeme|change_me|redacted|dummy|sample|xxxx|\*\*\*|(?:^|[^a-z0-9])your[-_ ]/i;
const PLACEHOLDER_EXACT = new Set([
  'password', 'passwd', 'secret', 'token', 'null', 'none', 'nil', 'undefined', 'true', 'false',
  'string', 'str', 'number', 'any', 'required', 'optional', 'empty', 'hidden', 'masked', 'todo', 'tbd',
]);
// Template syntax: each opens with `$`, `{`, `%` or `<`.
const TEMPLATE_SYNTAX = [
  /^\$\{[^}]{0,200}\}$/, // ${VAR}
  /^\$\{\{.{0,200}\}\}$/, // ${{ secrets.X }} (GitHub Actions)
  /^\$[A-Z_][A-Z0-9_]{0,200}$/, // $VAR
  /^\{\{.{0,200}\}\}$/, // {{ var }}
  /^%[A-Z_][A-Z0-9_]{0,200}%$/i, // %VAR%
  /^<[^<>]{0,200}>$/, // <your-key>
];
// A reference in code: each holds a `.`, `(` or `[`, so a token without one (most candidates)
// skips them.
const CODE_REFERENCE = [
  /^(?:process\.env|os\.environ|os\.getenv|env|config|settings|options|opts|args|params|self|this)[.[(]/i,
  /^[A-Za-z_$][A-Za-z_$]{0,100}(?:\.[A-Za-z_$][A-Za-z_$]{0,100}){1,10}$/, // user.password, form.password.data
];
const CODE_PUNCTUATION = /[.([]/;
// A call, or a value cut at a quote, ends in `)`, `(` or `[`. These patterns backtrack over
// every character of a long dotted token (a JWT), so they run only on values that end so.
const CALL_OR_CUT = [
  /^[A-Za-z_$][\w$]{0,100}(?:\.[A-Za-z_$][\w$]{0,100}){0,10}\([^)]{0,200}\)$/, // getSecret(), z.string()
  /^[A-Za-z_$][\w$]{0,100}(?:\.[A-Za-z_$][\w$]{0,100}){0,10}[[(]$/, // a bare value cut at a quote: os.environ[
];
const CALL_OR_CUT_END = /[)[(]$/;

// Published documentation values: the AWS docs' key pair, Stripe's docs key, jwt.io's token.
const KNOWN_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
]);

const LONGEST_EXACT = Math.max(...[...PLACEHOLDER_EXACT].map((word) => word.length));

/** `value` without trailing `,` and `;` (a value cut from a list or a statement). */
function withoutTrailingSeparators(value: string): string {
  let end = value.length;
  while (end > 0 && (value[end - 1] === ',' || value[end - 1] === ';')) end -= 1;
  return end === value.length ? value : value.slice(0, end);
}

/** A value that stands for a secret rather than being one: `changeme`, `<your-key>`, `${VAR}`, `****`, a docs example. */
export function isPlaceholderSecret(value: string): boolean {
  const v = withoutTrailingSeparators(value);
  if (v.length === 0 || /^(.)\1*$/s.test(v)) return true;
  if (KNOWN_EXAMPLES.has(v)) return true;
  if (v.length <= LONGEST_EXACT && PLACEHOLDER_EXACT.has(v.toLowerCase())) return true;
  if (PLACEHOLDER_WORDS.test(v)) return true;
  if (TEMPLATE_SYNTAX.some((pattern) => pattern.test(v))) return true;
  if (CODE_PUNCTUATION.test(v) && CODE_REFERENCE.some((pattern) => pattern.test(v))) return true;
  return CALL_OR_CUT_END.test(v) && CALL_OR_CUT.some((pattern) => pattern.test(v));
}
