import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redact } from './redact.ts';
import { DLP_RULES } from './rules.ts';
import { scan } from './scan.ts';

// Fake values, assembled at run time so no file holds a whole token-shaped literal.
const rep = (unit: string, n: number) => unit.repeat(n);
// Deterministic pseudo-random characters, for values the entropy checks must accept.
let seed = 7;
function rnd(alphabet: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i += 1) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    out += alphabet[Math.floor(seed / 65_536) % alphabet.length] ?? '';
  }
  return out;
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const AWS_SECRET = rnd(`${ALNUM}/+`, 39) + '7';
const AWS_SECRET_2 = rnd(`${ALNUM}/+`, 39) + '3';
const CLIENT_SECRET = rnd(ALNUM, 31) + '5';
const OPAQUE = rnd(`${ALNUM}-`, 39) + '1';
const AGENT_KEY = `csk_${rnd('0123456789abcdef', 12)}_${rnd('0123456789abcdef', 64)}`;
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const JWT = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: '8812', role: 'deployer' })}.${rep('Qm9vT2s', 6)}x`;
const PEM = ['-----BEGIN OPENSSH PRIVATE KEY-----', rep('b3BlbnNzaC1rZXktdjE', 3), rep('QUFBQUJ4', 8), '-----END OPENSSH PRIVATE KEY-----'].join('\n');
const SA_KEY = `-----BEGIN PRIVATE KEY-----\\n${rep('MIIEvQIBADANBgkq', 5)}\\n${rep('hkiG9w0BAQEFAASC', 4)}\\n-----END PRIVATE KEY-----`;

/** [what, text, the exact secret, its type] */
const CASES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['AWS access key id in a diff', '+AWS_ACCESS_KEY_ID=AKIA' + 'Q7ZL4M2XW9RT5BNH', 'AKIA' + 'Q7ZL4M2XW9RT5BNH', 'aws_access_key_id'],
  ['AWS secret key in ~/.aws/credentials', `aws_secret_access_key = ${AWS_SECRET}`, AWS_SECRET, 'aws_secret_access_key'],
  ['AWS secret key after its id in a CSV', `AKIAIOSFODNN7EXAMPLE,${AWS_SECRET_2}`, AWS_SECRET_2, 'aws_secret_access_key'],
  ['GCP API key in JSON', '{"mapsKey": "AIza' + rep('Sy9dK_2mQ', 3) + 'v7x4QzL1"}', 'AIza' + rep('Sy9dK_2mQ', 3) + 'v7x4QzL1', 'gcp_api_key'],
  ['GCP service-account key', `{"type": "service_account", "private_key": "${SA_KEY}\\n"}`, SA_KEY, 'gcp_service_account_key'],
  ['Azure storage connection string', `DefaultEndpointsProtocol=https;AccountName=ledger;AccountKey=${rep('Ab3+', 21)}x9==;EndpointSuffix=core.windows.net`, `${rep('Ab3+', 21)}x9==`, 'azure_storage_key'],
  ['Azure Service Bus connection string', `Endpoint=sb://ledger.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${rep('Zk4/', 10)}q7T=`, `${rep('Zk4/', 10)}q7T=`, 'azure_shared_access_key'],
  ['Azure SAS URL signature', `https://ledger.blob.core.windows.net/x.csv?sv=2022-11-02&sp=r&sig=${rep('Tq8Lm2', 7)}a%3D`, `${rep('Tq8Lm2', 7)}a%3D`, 'azure_sas_token'],
  ['GitHub classic token in a log', `auth with ghp_${rep('R7t2', 9)} ok`, `ghp_${rep('R7t2', 9)}`, 'github_token'],
  ['GitHub OAuth token', `token=gho_${rep('x8Kq', 9)}`, `gho_${rep('x8Kq', 9)}`, 'github_token'],
  ['GitHub app token', `GH_INSTALLATION=ghs_${rep('M3nb', 9)}`, `ghs_${rep('M3nb', 9)}`, 'github_token'],
  ['GitHub fine-grained token', `pat: github_pat_${rep('Ab1c', 5)}Zz_${rep('Q9w8', 15)}`, `github_pat_${rep('Ab1c', 5)}Zz_${rep('Q9w8', 15)}`, 'github_token'],
  ['GitLab token', `GITLAB_TOKEN=glpat-${rep('k2P_', 5)}`, `glpat-${rep('k2P_', 5)}`, 'gitlab_token'],
  ['Slack bot token', `SLACK_BOT_TOKEN: xoxb-${rep('4', 12)}-${rep('7', 13)}-${rep('aB3d', 6)}`, `xoxb-${rep('4', 12)}-${rep('7', 13)}-${rep('aB3d', 6)}`, 'slack_token'],
  ['Slack user token', `xoxp-${rep('1', 12)}-${rep('2', 12)}-${rep('3', 13)}-${rep('9f', 16)}`, `xoxp-${rep('1', 12)}-${rep('2', 12)}-${rep('3', 13)}-${rep('9f', 16)}`, 'slack_token'],
  ['Slack webhook URL', `| hook | https://hooks.slack.com/services/T0${rep('A1', 4)}/B0${rep('C2', 4)}/${rep('z8Y7', 6)} |`, `https://hooks.slack.com/services/T0${rep('A1', 4)}/B0${rep('C2', 4)}/${rep('z8Y7', 6)}`, 'slack_webhook_url'],
  ['Discord bot token', `DISCORD_BOT_TOKEN=MTA${rep('x9Lk', 6)}.Gh7_2a.${rep('Qp3-w', 7)}`, `MTA${rep('x9Lk', 6)}.Gh7_2a.${rep('Qp3-w', 7)}`, 'discord_token'],
  ['Discord webhook URL', `https://discord.com/api/webhooks/${rep('12', 9)}3/${rep('aZ3-k9', 11)}x2`, `https://discord.com/api/webhooks/${rep('12', 9)}3/${rep('aZ3-k9', 11)}x2`, 'discord_webhook_url'],
  ['npm token', `NPM_TOKEN=npm_${rep('Hk3z', 9)}`, `npm_${rep('Hk3z', 9)}`, 'npm_token'],
  ['.npmrc auth token', `//registry.npmjs.org/:_authToken=${rep('0f3c9a1e-', 3)}7b2d`, `${rep('0f3c9a1e-', 3)}7b2d`, 'npm_token'],
  ['PyPI token', `TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc${rep('CJDk3_x', 9)}`, `pypi-AgEIcHlwaS5vcmc${rep('CJDk3_x', 9)}`, 'pypi_token'],
  ['SendGrid key', `SG.${rep('Ab3_x', 4)}Q2.${rep('Zq9-Lm', 7)}K`, `SG.${rep('Ab3_x', 4)}Q2.${rep('Zq9-Lm', 7)}K`, 'sendgrid_api_key'],
  ['Twilio API key', `TWILIO_API_KEY=SK${rep('3f9a', 8)}`, `SK${rep('3f9a', 8)}`, 'twilio_api_key'],
  ['Twilio auth token in context', `"twilioAuthToken": "${rep('a1b2', 8)}"`, rep('a1b2', 8), 'twilio_api_key'],
  ['Countersign agent key pasted into a PR body', `export COUNTERSIGN_API_KEY=${AGENT_KEY} # do not commit`, AGENT_KEY, 'api_key'],
  ['Mailgun key', `MAILGUN_API_KEY=key-${rep('9c1d', 8)}`, `key-${rep('9c1d', 8)}`, 'mailgun_api_key'],
  ['Stripe live secret key', `STRIPE_SECRET_KEY=sk_live_${rep('51Hq', 6)}`, `sk_live_${rep('51Hq', 6)}`, 'stripe_key'],
  ['Stripe test secret key', `sk_test_${rep('9Zp2', 6)}`, `sk_test_${rep('9Zp2', 6)}`, 'stripe_key'],
  ['Stripe restricted key', `rk_live_${rep('Lm4x', 6)}`, `rk_live_${rep('Lm4x', 6)}`, 'stripe_key'],
  ['OpenAI project key', `OPENAI_API_KEY=sk-proj-${rep('aB3_', 10)}`, `sk-proj-${rep('aB3_', 10)}`, 'openai_api_key'],
  ['OpenAI legacy key', `sk-${rep('Xy7q', 5)}T3BlbkFJ${rep('Rt5w', 5)}`, `sk-${rep('Xy7q', 5)}T3BlbkFJ${rep('Rt5w', 5)}`, 'openai_api_key'],
  ['Anthropic key', `sk-ant-api03-${rep('Qw9_e', 19)}AA`, `sk-ant-api03-${rep('Qw9_e', 19)}AA`, 'anthropic_api_key'],
  ['Hugging Face token', `HF_TOKEN=hf_${rep('qWeRtY', 5)}uIoP`, `hf_${rep('qWeRtY', 5)}uIoP`, 'huggingface_token'],
  ['JWT in a header', `Authorization: Bearer ${JWT}`, JWT, 'jwt'],
  ['OpenSSH private key in a PR body', `Oops, pasted:\n${PEM}\nsorry`, PEM, 'private_key'],
  ['database URL password', 'DATABASE_URL=postgres://ledger:W1nter-harb0r@db.internal:5432/ledger', 'W1nter-harb0r', 'password'],
  ['Redis URL password, empty user', 'redis://:Qu4rtz!7555@cache:6379', 'Qu4rtz!7555', 'password'],
  ['password in a Markdown table', '| `DB_PASSWORD` | `Falcon#2291x` |', 'Falcon#2291x', 'password'],
  ['Basic auth header', `Authorization: Basic ${Buffer.from('deploy:Tr0ub4dor&3').toString('base64')}`, Buffer.from('deploy:Tr0ub4dor&3').toString('base64'), 'password'],
  ['client secret in YAML', `  client_secret: ${CLIENT_SECRET}`, CLIENT_SECRET, 'api_key'],
  ['opaque bearer token', `Authorization: Bearer ${OPAQUE}`, OPAQUE, 'api_key'],
  ['email address', 'Reported by dana.whitfield@acme-payments.io on call.', 'dana.whitfield@acme-payments.io', 'email'],
  ['mailto link', '[mail](mailto:olu.haddad@northwind.de)', 'olu.haddad@northwind.de', 'email'],
  ['phone, E.164', 'call +14155550132 now', '+14155550132', 'phone_number'],
  ['phone, international with spaces', 'tel: +44 20 7946 0958', '+44 20 7946 0958', 'phone_number'],
  ['phone, US national', 'cell (415) 555-0132.', '(415) 555-0132', 'phone_number'],
  ['phone, French national', 'portable 06 12 34 56 78', '06 12 34 56 78', 'phone_number'],
  ['payment card, grouped', 'card 4539 1488 0343 6467 exp 12/29', '4539 1488 0343 6467', 'payment_card'],
  ['payment card, plain in JSON', '{"pan": "5389434537091101"}', '5389434537091101', 'payment_card'],
  ['IBAN, grouped', 'IBAN: GB33 BUKB 2020 1555 5555 55.', 'GB33 BUKB 2020 1555 5555 55', 'iban'],
  ['US SSN', 'SSN 219-09-9998 on file', '219-09-9998', 'us_ssn'],
  ['US SSN without dashes, labelled', 'social security number: 219099998', '219099998', 'us_ssn'],
];

describe('scan: coverage, one finding per type in the shapes agents write', () => {
  for (const [what, text, secret, type] of CASES) {
    it(`finds ${what}, exactly`, () => {
      const findings = scan(text);
      assert.equal(findings.length, 1, `${JSON.stringify(text)} → ${JSON.stringify(findings.map((f) => [f.type, text.slice(f.start, f.end)]))}`);
      const [f] = findings;
      assert.equal(f?.type, type);
      assert.equal(text.slice(f?.start, f?.end), secret);
      assert.equal(redact(text, findings), text.replace(secret, `[REDACTED:${type}]`));
    });
  }

  it('reports IP addresses only when asked', () => {
    const text = 'client 34.120.7.19 via 2a01:4f8:1c0c:8013::1, health from 127.0.0.1';
    assert.deepEqual(scan(text), []);
    const findings = scan(text, { ipAddresses: true });
    assert.deepEqual(findings.map((f) => [f.type, text.slice(f.start, f.end)]), [['ip_address', '34.120.7.19'], ['ip_address', '2a01:4f8:1c0c:8013::1']]);
  });
});

describe('rules tried only where their keywords start', () => {
  it('begin every match with one of their keywords, so the scan misses nothing by skipping other positions', () => {
    for (const rule of DLP_RULES.filter((r) => r.startsAtKeyword === true)) {
      assert.ok(rule.keywords.length > 0, rule.id);
      const pattern = new RegExp(rule.pattern); // a copy: the rule's own lastIndex stays untouched
      for (const [, text] of CASES) {
        for (const match of text.matchAll(pattern)) {
          const at = text.slice(match.index).toLowerCase();
          assert.ok(rule.keywords.some((keyword) => at.startsWith(keyword)), `${rule.id} matched ${JSON.stringify(match[0])}, not at a keyword`);
        }
      }
    }
  });
});

describe('scan: hard negatives', () => {
  it('ignores ids, hashes, images, versions and numbers that only look like secrets or PII', () => {
    const text = [
      'REQUEST_ID=7adf1cf1-b6b9-40dc-add2-30d58271c304',
      'GIT_COMMIT=b152868145558a8e3c4aac6a9d7543f6203e4095 (b152868)',
      'CHECKSUM: d59a6645744fd01ce02577df955833b657bfb565bfaafdf2e46784799ff1ea66',
      `![chart](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA${rep('Qk9x+3/a', 40)}=)`,
      'ORDER_ID=4539148803436468 (Luhn fails), ORD-2026-000123, INV-4411-220931',
      'built at 1760042391689, released 2026-11-22 as 10.2.3, ISBN 978-3-16-148410-0',
      'invalid SSNs 000-12-3456 666-12-3456 900-12-3456, IBAN GB00BUKB20201555555555',
      'git@github.com:acme/api.git, noreply@github.com, logo@2x.png',
      'TWILIO_ACCOUNT_SID=AC' + rep('3f9a', 8) + ', STRIPE_PUBLISHABLE_KEY=pk_live_' + rep('51Hq', 6),
      'TOKENIZER=bert-base-uncased MAX_TOKENS=4096 SECRET_NAME=db-credentials',
      'api_key = os.environ["API_KEY"]; password: ${{ secrets.DB_PASSWORD }}; token = getToken();',
      'password: Enter your password', 'Password: required', 'the sk-learn-compatible-estimator-wrapper-class works',
      'sha256:' + rep('ab12', 16), 'Basic usage: see the docs',
    ].join('\n');
    assert.deepEqual(scan(text).map((f) => [f.ruleId, text.slice(f.start, f.end)]), []);
  });
});
