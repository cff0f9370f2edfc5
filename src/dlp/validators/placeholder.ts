// Words that documentation, templates and code put where a secret would go.
const PLACEHOLDER_WORDS = /example|placeholder|changeme|change_me|redacted|dummy|sample|xxxx|\*\*\*|(?:^|[^a-z0-9])your[-_ ]/i;
const PLACEHOLDER_EXACT = new Set([
  'password', 'passwd', 'secret', 'token', 'null', 'none', 'nil', 'undefined', 'true', 'false',
  'string', 'str', 'number', 'any', 'required', 'optional', 'empty', 'hidden', 'masked', 'todo', 'tbd',
]);
const TEMPLATE_REFERENCE = [
  /^\$\{[^}]{0,200}\}$/, // ${VAR}
  /^\$\{\{.{0,200}\}\}$/, // ${{ secrets.X }} (GitHub Actions)
  /^\$[A-Z_][A-Z0-9_]{0,200}$/, // $VAR
  /^\{\{.{0,200}\}\}$/, // {{ var }}
  /^%[A-Z_][A-Z0-9_]{0,200}%$/i, // %VAR%
  /^<[^<>]{0,200}>$/, // <your-key>
  /^(?:process\.env|os\.environ|os\.getenv|env|config|settings|options|opts|args|params|self|this)[.[(]/i,
  /^[A-Za-z_$][\w$]{0,100}(?:\.[A-Za-z_$][\w$]{0,100}){0,10}\([^)]{0,200}\)$/, // getSecret(), z.string()
  /^[A-Za-z_$][\w$]{0,100}(?:\.[A-Za-z_$][\w$]{0,100}){0,10}[[(]$/, // a bare value cut at a quote: os.environ[
  /^[A-Za-z_$][A-Za-z_$]{0,100}(?:\.[A-Za-z_$][A-Za-z_$]{0,100}){1,10}$/, // user.password, form.password.data
];

// Published documentation values: the AWS docs' key pair, Stripe's docs key, jwt.io's token.
const KNOWN_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
]);

/** A value that stands for a secret rather than being one: `changeme`, `<your-key>`, `${VAR}`, `****`, a docs example. */
export function isPlaceholderSecret(value: string): boolean {
  const v = value.replace(/[,;]+$/, '');
  if (v.length === 0 || /^(.)\1*$/s.test(v)) return true;
  if (KNOWN_EXAMPLES.has(v) || PLACEHOLDER_EXACT.has(v.toLowerCase())) return true;
  if (PLACEHOLDER_WORDS.test(v)) return true;
  return TEMPLATE_REFERENCE.some((pattern) => pattern.test(v));
}
