import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sha256Hex } from '../canonical/sha256.ts';
import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';
import { MAX_SCAN_CHARS, scan } from './scan.ts';

/** The one finding in `text`, checked to cover exactly `secret`. */
function only(text: string, secret: string) {
  const findings = scan(text);
  assert.equal(findings.length, 1, `expected one finding in ${JSON.stringify(text)}, got ${JSON.stringify(findings)}`);
  const [finding] = findings;
  assert.ok(finding);
  assert.equal(finding.start, text.indexOf(secret));
  assert.equal(finding.end, text.indexOf(secret) + secret.length);
  assert.equal(text.slice(finding.start, finding.end), secret);
  assert.equal(finding.valueHash, sha256Hex(secret));
  return finding;
}

describe('scan: the five patterns of seed 000', () => {
  it('finds an api key in an assignment, covering only the value', () => {
    const f = only('config:\n  PARTNER_API_KEY=Zq8vR2mN4pL7sT1wX9yB3cD5\n', 'Zq8vR2mN4pL7sT1wX9yB3cD5');
    assert.equal(f.type, 'api_key');
    assert.equal(f.severity, 'high');
    only('{"api_key": "Zq8vR2mN4pL7sT1wX9yB3cD5"}', 'Zq8vR2mN4pL7sT1wX9yB3cD5');
  });

  it('finds a whole PEM private key block, header to END line', () => {
    const block = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\naqDj+oz0rPr0sbDHT7uA8VN+Xd5pY4YJ==\n-----END RSA PRIVATE KEY-----';
    const f = only(`the key is\n${block}\nkeep it safe`, block);
    assert.equal(f.type, 'private_key');
    assert.equal(f.severity, 'critical');
  });

  it('finds a lone private key header when the block is cut off', () => {
    only('pasted: -----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXk...', '-----BEGIN OPENSSH PRIVATE KEY-----');
  });

  it('finds an email address', () => {
    const f = only('Reported by alice.smith+bugs@corp.io, see thread.', 'alice.smith+bugs@corp.io');
    assert.equal(f.type, 'email');
    assert.equal(f.severity, 'medium');
  });

  it('finds AWS access key ids, AKIA and ASIA', () => {
    assert.equal(only('aws: AKIAABCDEFGHIJKLMNOP.', 'AKIAABCDEFGHIJKLMNOP').type, 'aws_access_key_id');
    assert.equal(only('session ASIAQWERTYUIOPASDFGH', 'ASIAQWERTYUIOPASDFGH').severity, 'critical');
  });

  it('finds password assignments, covering only the password', () => {
    assert.equal(only('password=hunter2real!', 'hunter2real!').type, 'password');
    only('db:\n  passwd: s3cr3t-Pa55\n', 's3cr3t-Pa55');
    only('{"password": "correct horse battery"}', 'correct horse battery');
    only('PWD = Tr0ub4dor&3', 'Tr0ub4dor&3');
  });
});

describe('scan: more token formats', () => {
  it('finds GitHub, Slack and Stripe live tokens, and a password in a connection string', () => {
    assert.equal(only(`GITHUB_TOKEN: ghp_${'a1B2'.repeat(9)}`, `ghp_${'a1B2'.repeat(9)}`).type, 'github_token');
    only(`pat github_pat_${'Ab1_'.repeat(20)}`, `github_pat_${'Ab1_'.repeat(20)}`);
    assert.equal(only('slack xoxb-123456789012-abcdefGHIJKL', 'xoxb-123456789012-abcdefGHIJKL').type, 'slack_token');
    assert.equal(only('stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc').type, 'stripe_key');
    assert.equal(only('DATABASE_URL=postgres://app:s3cretpw@db:5432/app', 's3cretpw').type, 'password');
  });
});

describe('scan: what is not a finding', () => {
  it('ignores documentation examples, templates and masks', () => {
    const text = [
      'AWS example key AKIAIOSFODNN7EXAMPLE',
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'api_key: <your-key>',
      'API_KEY=xxxxxxxxxxxxxxxxxxxxxxxx',
      'password=${DB_PASSWORD}',
      'password: changeme',
      'password: ****',
      'password = "example"',
      'password: placeholder',
      'PWD=/home/agent/repo',
      'if (password == confirmation) {}',
      'stripe sk_test_4eC39HqLyjWDarjtT1zdp7dc',
      'xoxb-xxxx-xxxx-xxxxxxxxxxxx',
      'write to alice@example.com',
      'password=[REDACTED:password]',
    ].join('\n');
    assert.deepEqual(scan(text), []);
  });

  it('returns nothing for ordinary prose', () => {
    assert.deepEqual(scan('Fix the off-by-one in the pager; the password field label was wrong.'), []);
  });
});

describe('scan: ordering, overlaps and limits', () => {
  it('returns findings sorted by offset with UTF-16 offsets', () => {
    const text = '🔑 bob@corp.io then AKIAABCDEFGHIJKLMNOP then password=p4ss-w0rd';
    const findings = scan(text);
    assert.deepEqual(
      findings.map((f) => text.slice(f.start, f.end)),
      ['bob@corp.io', 'AKIAABCDEFGHIJKLMNOP', 'p4ss-w0rd'],
    );
    assert.deepEqual(findings.map((f) => f.start), [...findings.map((f) => f.start)].sort((a, b) => a - b));
  });

  it('merges overlapping matches into one finding that keeps the more severe type', () => {
    const token = `ghp_${'Zx9'.repeat(12)}`;
    const f = only(`GITHUB_TOKEN=${token}`, token);
    assert.equal(f.type, 'github_token');
    assert.equal(f.severity, 'critical');
    const aws = only('password=AKIAABCDEFGHIJKLMNOP', 'AKIAABCDEFGHIJKLMNOP');
    assert.equal(aws.type, 'aws_access_key_id');
  });

  it('never returns the secret itself', () => {
    const findings = scan('password=hunter2real!');
    assert.doesNotMatch(JSON.stringify(findings), /hunter2/);
  });

  it('refuses text over the limit, saying the limit', () => {
    assert.throws(
      () => scan('a'.repeat(MAX_SCAN_CHARS + 1)),
      (error: unknown) =>
        error instanceof CountersignError && error.code === ErrorCode.RequestInvalid && error.message.includes(String(MAX_SCAN_CHARS)),
    );
  });

  it('scans adversarial 200 KB inputs quickly (no catastrophic backtracking)', () => {
    const size = 200_000;
    const inputs = [
      'a'.repeat(size),
      '='.repeat(size),
      '-'.repeat(size),
      'password='.repeat(size / 9),
      'password: "'.repeat(size / 11),
      'api_key='.repeat(size / 8),
      'token= '.repeat(size / 7),
      'a@'.repeat(size / 2),
      'a.'.repeat(size / 2),
      `${'a'.repeat(64)}@${'b.'.repeat(126)}`.repeat(size / 317),
      '-----BEGIN PRIVATE KEY-----\n'.repeat(size / 28),
      `-----BEGIN RSA PRIVATE KEY-----\n${'A'.repeat(20_000)}`.repeat(size / 20_032),
      'x://'.repeat(size / 4),
      'AKIA'.repeat(size / 4),
      'Bearer '.repeat(size / 7),
    ];
    for (const input of inputs) {
      const started = performance.now();
      scan(input);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 2000, `${JSON.stringify(input.slice(0, 20))}… took ${elapsed.toFixed(0)} ms`);
    }
  });
});
