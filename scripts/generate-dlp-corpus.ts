// `npx tsx scripts/generate-dlp-corpus.ts`: writes test/fixtures/dlp/corpus.jsonl, the labelled
// DLP corpus, from a fixed seed. Every secret and person in it is fake: random characters in the
// shape of the real thing (checksums made valid where the format has one), so nothing real is
// ever committed. Each line is one document: its text, the exact span and type of every secret
// or piece of PII in it (`labels`), and the look-alikes that must not be reported (`negatives`).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CORPUS_SEED = 20_261_122;
export const CORPUS_PATH = fileURLToPath(new URL('../test/fixtures/dlp/corpus.jsonl', import.meta.url));

export interface Label {
  type: string;
  start: number;
  end: number;
}
export interface NegativeSpan {
  kind: string;
  start: number;
  end: number;
}
export interface CorpusDocument {
  id: string;
  shape: Shape;
  text: string;
  labels: Label[];
  negatives: NegativeSpan[];
}

const SHAPES = ['env', 'json', 'yaml', 'log', 'diff', 'markdown-table', 'pr-body'] as const;
type Shape = (typeof SHAPES)[number];

// mulberry32: small, seedable, and the same on every machine.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const HEX = '0123456789abcdef';
const B64 = `${ALNUM}+/`;
const B64URL = `${ALNUM}-_`;

class Fake {
  readonly #random: () => number;
  constructor(seed: number) {
    this.#random = prng(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.#random() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  chars(alphabet: string, n: number): string {
    let out = '';
    for (let i = 0; i < n; i += 1) out += alphabet[this.int(0, alphabet.length - 1)] ?? '';
    return out;
  }
  /** Random characters with at least one digit and one letter, as generated tokens have. */
  token(alphabet: string, n: number): string {
    for (;;) {
      const value = this.chars(alphabet, n);
      if (/\d/.test(value) && /[A-Za-z]/.test(value) && !/xxxx|example|sample|dummy/i.test(value)) return value;
    }
  }
  digits(n: number): string {
    return this.chars(DIGITS, n);
  }
  chance(p: number): boolean {
    return this.#random() < p;
  }
}

function luhnComplete(partial: string): string {
  for (let d = 0; d <= 9; d += 1) {
    const candidate = partial + String(d);
    let sum = 0;
    for (let i = 0; i < candidate.length; i += 1) {
      let n = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
      sum += n;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

function mod97(numeric: string): number {
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder;
}

function ibanWithCheck(country: string, bban: string): string {
  const numeric = [...`${bban}${country}00`].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
  const check = String(98 - mod97(numeric)).padStart(2, '0');
  return `${country}${check}${bban}`;
}

const b64url = (value: string) => Buffer.from(value).toString('base64url');

/** One secret or look-alike, with the text around it that gives it its context. */
interface Item {
  kind: 'positive' | 'negative';
  /** The type (positive) or what it is (negative). */
  name: string;
  /** Env-style name it is assigned to, if any; shapes render it as `KEY=`, `"key":`, a table cell. */
  key?: string;
  before?: string;
  value: string;
  after?: string;
  /** Spans several lines: only the shapes that keep line breaks take it. */
  multiline?: boolean;
}

function positives(f: Fake): Array<() => Item> {
  const person = () => `${f.pick(['dana', 'liam', 'noor', 'kenji', 'marta', 'olu', 'ines', 'pavel'])}.${f.pick(['whitfield', 'okafor', 'tanaka', 'silva', 'novak', 'haddad', 'berg'])}`;
  const company = () => `${f.pick(['acme-payments', 'northwind', 'bluepeak', 'vantage-labs', 'corvid'])}.${f.pick(['io', 'com', 'co.uk', 'de', 'dev'])}`;
  const pem = (name: string, lines: number) =>
    `-----BEGIN ${name}PRIVATE KEY-----\n${Array.from({ length: lines }, () => f.chars(B64, 64)).join('\n')}\n${f.chars(B64, f.int(8, 40))}==\n-----END ${name}PRIVATE KEY-----`;
  const jwt = () =>
    `${b64url(JSON.stringify({ alg: f.pick(['HS256', 'RS256', 'ES256']), typ: 'JWT' }))}.${b64url(JSON.stringify({ sub: f.digits(8), name: person(), iat: 1_760_000_000 + f.int(0, 9_999_999), role: f.pick(['admin', 'deployer', 'reader']) }))}.${f.chars(B64URL, 43)}`;
  const password = () => `${f.pick(['Winter', 'Falcon', 'harbor', 'Quartz', 'nimbus', 'Cobalt'])}${f.pick(['#', '!', '-', '_', '.', '$'])}${f.digits(f.int(2, 4))}${f.chars(ALNUM, f.int(2, 6))}`;
  const card = () => {
    const [prefix, length] = f.pick([['4', 16], ['51', 16], ['53', 16], ['2221', 16], ['34', 15], ['37', 15], ['6011', 16]] as const);
    const number = luhnComplete(prefix + f.digits(length - prefix.length - 1));
    if (length === 15) return f.pick([number, `${number.slice(0, 4)} ${number.slice(4, 10)} ${number.slice(10)}`]);
    const sep = f.pick(['', ' ', '-']);
    return sep === '' ? number : number.match(/.{4}/g)?.join(sep) ?? number;
  };
  const iban = () => {
    const value = f.pick([
      () => ibanWithCheck('DE', f.digits(18)),
      () => ibanWithCheck('GB', `${f.chars(UPPER, 4)}${f.digits(14)}`),
      () => ibanWithCheck('FR', `${f.digits(10)}${f.chars(UPPER + DIGITS, 11)}${f.digits(2)}`),
      () => ibanWithCheck('NL', `${f.chars(UPPER, 4)}${f.digits(10)}`),
      () => ibanWithCheck('ES', f.digits(20)),
    ])();
    return f.chance(0.5) ? value.match(/.{1,4}/g)?.join(' ') ?? value : value;
  };
  const ssn = () => `${String(f.int(1, 665)).padStart(3, '0')}-${String(f.int(1, 99)).padStart(2, '0')}-${String(f.int(1, 9999)).padStart(4, '0')}`;
  const phone = () =>
    f.pick([
      () => `+1 (${f.int(2, 9)}${f.digits(2)}) ${f.int(2, 9)}${f.digits(2)}-${f.digits(4)}`,
      () => `+44 20 ${f.int(3, 8)}${f.digits(3)} ${f.digits(4)}`,
      () => `+49 30 ${f.digits(8)}`,
      () => `+33 6 ${f.digits(2)} ${f.digits(2)} ${f.digits(2)} ${f.digits(2)}`,
      () => `+1${f.int(2, 9)}${f.digits(2)}${f.int(2, 9)}${f.digits(6)}`,
      () => `(${f.int(2, 9)}${f.digits(2)}) ${f.int(2, 9)}${f.digits(2)}-${f.digits(4)}`,
      () => `${f.int(2, 9)}${f.digits(2)}-${f.int(2, 9)}${f.digits(2)}-${f.digits(4)}`,
      () => `07${f.digits(3)} ${f.digits(6)}`,
      () => `06 ${f.digits(2)} ${f.digits(2)} ${f.digits(2)} ${f.digits(2)}`,
    ])();
  const ip = () => (f.chance(0.7) ? `${f.pick([34, 52, 85, 142, 185, 212])}.${f.int(1, 254)}.${f.int(1, 254)}.${f.int(1, 254)}` : `2a01:4f8:${f.chars(HEX, 4)}:${f.chars(HEX, 4)}::${f.int(1, 99)}`);

  const p = (name: string, value: string, extra: Partial<Item> = {}): Item => ({ kind: 'positive', name, value, ...extra });
  return [
    () => p('aws_access_key_id', `AKIA${f.chars(`${UPPER}234567`, 16)}`, { key: 'AWS_ACCESS_KEY_ID' }),
    () => p('aws_access_key_id', `ASIA${f.chars(`${UPPER}234567`, 16)}`),
    () => p('aws_secret_access_key', f.token(B64, 40), { key: 'AWS_SECRET_ACCESS_KEY' }),
    () => p('gcp_api_key', `AIza${f.chars(B64URL, 35)}`, { key: f.pick(['GOOGLE_API_KEY', 'MAPS_KEY', 'FIREBASE_KEY']) }),
    () => p('gcp_service_account_key', pem('', 12).replace(/\n/g, '\\n'), { before: `{"type": "service_account", "project_id": "ledger-${f.digits(6)}", "private_key_id": "${f.chars(HEX, 40)}", "private_key": "`, after: `\\n", "client_email": "deployer@ledger.iam.gserviceaccount.com"}` }),
    () => p('azure_storage_key', `${f.chars(B64, 86)}==`, { key: 'AZURE_STORAGE_CONNECTION_STRING', before: `DefaultEndpointsProtocol=https;AccountName=ledger${f.digits(3)};AccountKey=`, after: ';EndpointSuffix=core.windows.net' }),
    () => p('azure_shared_access_key', `${f.chars(B64, 43)}=`, { key: 'SERVICEBUS_CONNECTION', before: `Endpoint=sb://ledger-${f.digits(3)}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=` }),
    () => p('azure_sas_token', `${f.token(B64, 43)}%3D`, { before: `https://ledger${f.digits(3)}.blob.core.windows.net/exports/report.csv?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-12-01T00:00:00Z&sig=` }),
    () => p('github_token', `${f.pick(['ghp', 'gho', 'ghu', 'ghs', 'ghr'])}_${f.token(ALNUM, 36)}`, { key: 'GITHUB_TOKEN' }),
    () => p('github_token', `github_pat_${f.token(ALNUM, 22)}_${f.token(ALNUM, 59)}`, { key: 'GH_PAT' }),
    () => p('gitlab_token', `glpat-${f.token(`${ALNUM}_-`, 20)}`, { key: 'GITLAB_TOKEN' }),
    () => p('slack_token', `xoxb-${f.digits(12)}-${f.digits(13)}-${f.token(ALNUM, 24)}`, { key: 'SLACK_BOT_TOKEN' }),
    () => p('slack_token', `xoxp-${f.digits(12)}-${f.digits(12)}-${f.digits(13)}-${f.chars(HEX, 32)}`, { key: 'SLACK_USER_TOKEN' }),
    () => p('slack_webhook_url', `https://hooks.slack.com/services/T${f.chars(UPPER + DIGITS, 10)}/B${f.chars(UPPER + DIGITS, 10)}/${f.token(ALNUM, 24)}`, { key: 'SLACK_WEBHOOK_URL' }),
    () => p('discord_token', `M${f.chars(ALNUM, 25)}.${f.chars(B64URL, 6)}.${f.chars(B64URL, 38)}`, { key: 'DISCORD_BOT_TOKEN' }),
    () => p('discord_webhook_url', `https://discord.com/api/webhooks/${f.digits(19)}/${f.chars(B64URL, 68)}`, { key: 'DISCORD_WEBHOOK' }),
    () => p('npm_token', `npm_${f.token(ALNUM, 36)}`, { key: 'NPM_TOKEN' }),
    () => p('npm_token', f.token(ALNUM, 36).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5').toLowerCase(), { before: '//registry.npmjs.org/:_authToken=' }),
    () => p('pypi_token', `pypi-AgEIcHlwaS5vcmc${f.chars(B64URL, f.int(60, 160))}`, { key: 'TWINE_PASSWORD' }),
    () => p('sendgrid_api_key', `SG.${f.chars(B64URL, 22)}.${f.chars(B64URL, 43)}`, { key: 'SENDGRID_API_KEY' }),
    () => p('twilio_api_key', `SK${f.chars(HEX, 32)}`, { key: 'TWILIO_API_KEY' }),
    () => p('twilio_api_key', f.chars(HEX, 32), { key: 'TWILIO_AUTH_TOKEN' }),
    () => p('mailgun_api_key', `key-${f.chars(HEX, 32)}`, { key: 'MAILGUN_API_KEY' }),
    () => p('stripe_key', `${f.pick(['sk_live', 'sk_test', 'rk_live', 'rk_test'])}_${f.token(ALNUM, f.int(24, 99))}`, { key: 'STRIPE_SECRET_KEY' }),
    () => p('stripe_key', `whsec_${f.token(ALNUM, 32)}`, { key: 'STRIPE_WEBHOOK_SECRET' }),
    () => p('openai_api_key', `sk-proj-${f.chars(B64URL, 74)}T3BlbkFJ${f.chars(B64URL, 74)}`, { key: 'OPENAI_API_KEY' }),
    () => p('openai_api_key', `sk-${f.token(ALNUM, 20)}T3BlbkFJ${f.token(ALNUM, 20)}`),
    () => p('anthropic_api_key', `sk-ant-api03-${f.chars(B64URL, 93)}AA`, { key: 'ANTHROPIC_API_KEY' }),
    () => p('huggingface_token', `hf_${f.chars(UPPER + LOWER, 34)}`, { key: 'HF_TOKEN' }),
    () => p('jwt', jwt(), { key: 'SESSION_JWT' }),
    () => p('jwt', jwt(), { before: 'Authorization: Bearer ' }),
    () => p('private_key', pem(f.pick(['RSA ', 'EC ', 'OPENSSH ', '']), f.int(4, 14)), { multiline: true }),
    () => p('password', password(), { key: f.pick(['DB_PASSWORD', 'PASSWORD', 'SMTP_PASSWORD', 'REDIS_PASSWORD']) }),
    () => p('password', password(), { key: 'DATABASE_URL', before: `${f.pick(['postgres', 'postgresql', 'mysql', 'mongodb+srv'])}://${f.pick(['app', 'ledger', 'admin'])}:`, after: `@db-${f.digits(2)}.internal:5432/ledger` }),
    () => p('password', password(), { key: 'REDIS_URL', before: 'redis://:', after: '@cache.internal:6379/0' }),
    () => p('api_key', f.token(ALNUM, 32), { key: f.pick(['X_API_KEY', 'PARTNER_API_KEY', 'CLIENT_SECRET', 'WEBHOOK_SECRET', 'SERVICE_TOKEN']) }),
    () => p('api_key', f.token(`${ALNUM}-_`, 40), { before: 'Authorization: Bearer ' }),
    () => p('email', `${person()}@${company()}`, { key: 'ONCALL_EMAIL' }),
    () => p('email', `${person()}@${company()}`),
    () => p('phone_number', phone(), { key: 'ONCALL_PHONE' }),
    () => p('phone_number', phone()),
    () => p('payment_card', card(), { key: 'CARD_NUMBER' }),
    () => p('iban', iban(), { key: 'PAYOUT_IBAN' }),
    () => p('us_ssn', ssn(), { key: 'SSN' }),
    () => p('us_ssn', ssn().replace(/-/g, ''), { before: 'SSN: ' }),
    () => p('ip_address', ip(), { key: 'CLIENT_IP' }),
  ];
}

function negatives(f: Fake): Array<() => Item> {
  const n = (name: string, value: string, extra: Partial<Item> = {}): Item => ({ kind: 'negative', name, value, ...extra });
  const notLuhn = () => {
    for (;;) {
      const value = `4${f.digits(15)}`;
      if (luhnComplete(value.slice(0, 15)) !== value) return value;
    }
  };
  const uuid = () => `${f.chars(HEX, 8)}-${f.chars(HEX, 4)}-4${f.chars(HEX, 3)}-${f.pick(['8', '9', 'a', 'b'])}${f.chars(HEX, 3)}-${f.chars(HEX, 12)}`;
  return [
    () => n('uuid', uuid(), { key: 'REQUEST_ID' }),
    () => n('uuid', uuid()),
    () => n('git_sha', f.chars(HEX, 40), { key: 'GIT_COMMIT' }),
    () => n('git_sha', f.chars(HEX, f.int(7, 12))),
    () => n('sha256', createHash('sha256').update(f.chars(ALNUM, 12)).digest('hex'), { key: 'CHECKSUM' }),
    () => n('md5', createHash('md5').update(f.chars(ALNUM, 12)).digest('hex'), { key: 'ETAG' }),
    () => n('base64_image', `data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA${f.chars(B64, f.int(200, 600))}=`),
    () => n('example_key', 'AKIAIOSFODNN7EXAMPLE', { key: 'AWS_ACCESS_KEY_ID' }),
    () => n('example_key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', { key: 'AWS_SECRET_ACCESS_KEY' }),
    () => n('example_key', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc', { key: 'STRIPE_KEY' }),
    () => n('example_key', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'),
    () => n('example_key', 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', { key: 'SLACK_WEBHOOK_URL' }),
    () => n('example_key', `ghp_${'x'.repeat(36)}`, { key: 'GITHUB_TOKEN' }),
    () => n('example_card', f.pick(['4242 4242 4242 4242', '4111111111111111', '5555-5555-5555-4444'])),
    () => n('placeholder', f.pick(['changeme', '<your-key>', '${API_KEY}', 'xxxx', '${{ secrets.DEPLOY_TOKEN }}', 'your-api-key-here', '********']), { key: f.pick(['API_KEY', 'PASSWORD', 'SECRET', 'AUTH_TOKEN']) }),
    () => n('placeholder', 'password', { key: 'DATABASE_URL', before: 'postgres://user:', after: '@localhost:5432/app' }),
    () => n('code_reference', f.pick(['os.environ["API_KEY"]', 'process.env.DB_PASSWORD', 'getToken()', 'config.secret', 'settings.STRIPE_KEY']), { key: f.pick(['api_key', 'password', 'token']) }),
    () => n('order_number', notLuhn(), { key: 'ORDER_ID' }),
    () => n('order_number', `${f.pick(['ORD', 'INV', 'PO'])}-${f.digits(4)}-${f.digits(6)}`),
    () => n('timestamp', String(1_760_000_000_000 + f.int(0, 99_999_999))),
    () => n('date', `2026-${String(f.int(1, 12)).padStart(2, '0')}-${String(f.int(1, 28)).padStart(2, '0')}`),
    () => n('semver', `${f.int(0, 20)}.${f.int(0, 30)}.${f.int(0, 99)}`),
    () => n('isbn', `978-${f.int(0, 9)}-${f.digits(2)}-${f.digits(6)}-${f.int(0, 9)}`),
    () => n('invalid_ssn', `${f.pick(['000', '666', '9' + f.digits(2)])}-${f.digits(2)}-${f.digits(4)}`),
    () => n('invalid_iban', `GB00${f.chars(UPPER, 4)}${f.digits(14)}`),
    () => n('not_personal_email', f.pick(['git@github.com', 'noreply@github.com', 'logo@2x.png', 'alice@example.com'])),
    () => n('reserved_ip', f.pick(['127.0.0.1', '0.0.0.0', '192.0.2.15', '::1'])),
    () => n('twilio_account_sid', `AC${f.chars(HEX, 32)}`, { key: 'TWILIO_ACCOUNT_SID' }),
    () => n('stripe_publishable_key', `pk_live_${f.token(ALNUM, 24)}`, { key: 'STRIPE_PUBLISHABLE_KEY' }),
    () => n('word_value', f.pick(['bert-base-uncased', 'db-credentials', 'strict', 'required']), { key: f.pick(['TOKENIZER', 'SECRET_NAME', 'PASSWORD_POLICY']) }),
    () => n('count', String(f.int(256, 8192)), { key: 'MAX_TOKENS' }),
  ];
}

/** Builds a document's text while recording where each item's value lands. */
class Doc {
  text = '';
  labels: Label[] = [];
  negatives: NegativeSpan[] = [];
  add(part: string): void {
    this.text += part;
  }
  item(item: Item, render: () => [string, string]): void {
    const [before, after] = render();
    const start = this.text.length + before.length + (item.before ?? '').length;
    const span = { start, end: start + item.value.length };
    if (item.kind === 'positive') this.labels.push({ type: item.name, ...span });
    else this.negatives.push({ kind: item.name, ...span });
    this.text += `${before}${item.before ?? ''}${item.value}${item.after ?? ''}${after}`;
  }
}

const camel = (key: string) => key.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function render(f: Fake, shape: Shape, item: Item, doc: Doc): void {
  const key = item.key;
  const at = () => `2026-11-${String(f.int(1, 28)).padStart(2, '0')}T${String(f.int(0, 23)).padStart(2, '0')}:${String(f.int(10, 59))}:${String(f.int(10, 59))}.${f.digits(3)}Z`;
  const wrap = (before: string, after: string) => doc.item(item, () => [before, after]);
  switch (shape) {
    case 'env': {
      const quote = f.chance(0.3) ? '"' : '';
      return key ? wrap(`${key}=${quote}`, `${quote}\n`) : wrap('# seen in the logs: ', '\n');
    }
    case 'json':
      return wrap(`  "${key ? camel(key) : 'note'}": "`, '",\n');
    case 'yaml':
      return wrap(`  ${key ? key.toLowerCase() : 'comment'}: ${key ? '' : 'saw '}`, '\n');
    case 'log':
      return wrap(`${at()} ${f.pick(['INFO ', 'DEBUG', 'WARN '])} [${f.pick(['worker', 'api', 'billing', 'deploy'])}] ${key ? `config ${key}=` : 'request from '}`, f.pick([' ok\n', '\n', ` (${f.int(2, 900)} ms)\n`]));
    case 'diff':
      return wrap(key ? `+${f.chance(0.5) ? 'export ' : ''}${key}=` : `+    // reproduced with `, '\n');
    case 'markdown-table':
      return wrap(`| ${key ? `\`${key}\`` : f.pick(['owner', 'contact', 'ref'])} | \``, `\` | ${f.pick(['staging', 'prod', 'rotated', 'n/a'])} |\n`);
    case 'pr-body':
      return wrap(`${f.pick(['While debugging I found', 'The failing request used', 'For reference,', 'Reproduced locally with'])} ${key ? `\`${key}\` set to ` : ''}\``, `\`${f.pick(['.', ' in the config.', ', see the logs.', '; it should be rotated.'])}\n`);
  }
}

const FILLER: Record<Shape, (f: Fake) => string> = {
  env: (f) => f.pick(['NODE_ENV=production\n', `PORT=${f.int(3000, 9000)}\n`, 'LOG_LEVEL=info\n', '# rotated quarterly\n', `FEATURE_FLAGS=search,export\n`]),
  json: (f) => f.pick([`  "retries": ${f.int(1, 9)},\n`, '  "region": "eu-west-1",\n', `  "timeoutMs": ${f.int(100, 9000)},\n`, '  "enabled": true,\n']),
  yaml: (f) => f.pick(['  replicas: 3\n', '  image: ghcr.io/acme/ledger:1.4.2\n', `  port: ${f.int(3000, 9000)}\n`, '  region: eu-west-1\n']),
  log: (f) => `2026-11-${String(f.int(10, 28))}T10:${String(f.int(10, 59))}:00.000Z ${f.pick(['INFO  [api] GET /health 200', 'DEBUG [worker] job done', 'WARN  [billing] retrying charge', 'INFO  [deploy] rollout 3/3 ready'])} (${f.int(1, 400)} ms)\n`,
  diff: (f) => f.pick(['@@ -12,6 +12,8 @@ export const config = {\n', ' const retries = 3;\n', '-  timeout: 30,\n', ' // keep in sync with the docs\n', `+  maxBatch: ${f.int(10, 500)},\n`]),
  'markdown-table': (f) => f.pick(['| name | value | env |\n', '|---|---|---|\n', `| replicas | ${f.int(1, 9)} | prod |\n`, '| region | eu-west-1 | all |\n']),
  'pr-body': (f) => f.pick(['## Summary\n', 'This fixes the retry loop in the billing worker.\n', '- [x] tests pass\n', 'Closes #123.\n', '### Notes\n']),
};

function frame(shape: Shape, body: string): string {
  switch (shape) {
    case 'json':
      return `{\n${body}  "version": 2\n}\n`;
    case 'yaml':
      return `service:\n${body}`;
    case 'diff':
      return `diff --git a/.env.example b/.env.example\nindex 3f2a1c4..9b8e7d0 100644\n--- a/.env.example\n+++ b/.env.example\n${body}`;
    default:
      return body;
  }
}

/** The whole corpus, the same for the same seed. */
export function generateCorpus(seed = CORPUS_SEED, documentCount = 180): CorpusDocument[] {
  const f = new Fake(seed);
  const makePositive = positives(f);
  const makeNegative = negatives(f);
  const documents: CorpusDocument[] = [];
  for (let i = 0; i < documentCount; i += 1) {
    const shape = SHAPES[i % SHAPES.length] ?? 'env';
    const items: Item[] = [];
    // Every positive maker in turn, so each type appears in every shape over the corpus.
    const positiveCount = i % 9 === 8 ? 0 : f.int(1, 3);
    for (let k = 0; k < positiveCount; k += 1) items.push((makePositive[(i * 3 + k) % makePositive.length] ?? makePositive[0])?.() as Item);
    for (let k = f.int(1, 3); k > 0; k -= 1) items.push(f.pick(makeNegative)());
    const doc = new Doc();
    let body = '';
    for (const item of items) {
      body += FILLER[shape](f);
      // JSON and Markdown tables cannot hold a raw multi-line block: the block goes into a prose shape instead.
      const itemShape: Shape = item.multiline && (shape === 'json' || shape === 'markdown-table' || shape === 'yaml') ? 'pr-body' : shape;
      const sub = new Doc();
      render(f, itemShape, item, sub);
      const offset = body.length;
      body += sub.text;
      for (const label of sub.labels) doc.labels.push({ ...label, start: label.start + offset, end: label.end + offset });
      for (const neg of sub.negatives) doc.negatives.push({ ...neg, start: neg.start + offset, end: neg.end + offset });
    }
    body += FILLER[shape](f);
    const text = frame(shape, body);
    const shift = text.indexOf(body);
    documents.push({
      id: `doc-${String(i).padStart(3, '0')}`,
      shape,
      text,
      labels: doc.labels.map((l) => ({ ...l, start: l.start + shift, end: l.end + shift })),
      negatives: doc.negatives.map((n) => ({ ...n, start: n.start + shift, end: n.end + shift })),
    });
  }
  return documents;
}

export function corpusJsonl(documents: readonly CorpusDocument[]): string {
  return documents.map((d) => JSON.stringify(d)).join('\n') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const documents = generateCorpus();
  writeFileSync(CORPUS_PATH, corpusJsonl(documents));
  const labels = documents.reduce((n, d) => n + d.labels.length, 0);
  const negativeSpans = documents.reduce((n, d) => n + d.negatives.length, 0);
  console.log(`wrote ${documents.length} documents, ${labels} labelled findings, ${negativeSpans} hard negatives to ${CORPUS_PATH}`);
}
