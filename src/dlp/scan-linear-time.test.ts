import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DLP_RULES } from './rules.ts';
import { MAX_SCAN_CHARS, scan } from './scan.ts';

const SMALL = 100_000;
const LARGE = MAX_SCAN_CHARS;

/** `unit` repeated to exactly `size` characters. */
const fill = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

// Inputs crafted against the rules: runs that a pattern may start on and then fail at the end,
// keywords glued together, long bodies after a prefix, separators everywhere.
const ADVERSARIAL: ReadonlyArray<[string, (size: number) => string]> = [
  ['letters', (n) => fill('a', n)],
  ['digits', (n) => fill('1', n)],
  ['digit groups', (n) => fill('4539 ', n)],
  ['phone-like groups', (n) => fill('+1 2 ', n)],
  ['trunk-zero groups', (n) => fill('01 ', n)],
  ['at signs', (n) => fill('a@', n)],
  ['dotted domains', (n) => `x@${fill('b.', n - 2)}`],
  ['address runs', (n) => fill(` ${'a'.repeat(64)}@${'b'.repeat(250)}`, n)],
  ['password keys', (n) => fill('password=', n)],
  ['open quotes', (n) => fill('password: "', n)],
  ['secret keys', (n) => fill('secret', n)],
  ['token is', (n) => fill('token is ', n)],
  ['api keys', (n) => fill('api_key=', n)],
  ['pem headers', (n) => fill('-----BEGIN PRIVATE KEY-----\n', n)],
  ['unterminated pem', (n) => `-----BEGIN RSA PRIVATE KEY-----\n${fill('A', n - 32)}`],
  ['jwt starts', (n) => fill('eyJ', n)],
  ['jwt segments', (n) => fill(`eyJ${'a'.repeat(40)}.`, n)],
  ['schemes', (n) => fill('x://', n)],
  ['long userinfo', (n) => fill(`x://u:${'p'.repeat(300)}`, n)],
  ['bearer', (n) => fill('Bearer ', n)],
  ['iban-like', (n) => fill('GB33 ABCD ', n)],
  ['ipv6-like', (n) => fill('1:', n)],
  ['ipv4-like', (n) => fill('1.', n)],
  ['dotted local parts', (n) => fill(' a.a.a.a@b', n)],
  ['long openai-like tails', (n) => fill(` sk-proj-${'a'.repeat(300)}`, n)],
  ['card-like groups', (n) => fill('4539-1488-', n)],
  ['every keyword', (n) => fill(DLP_RULES.flatMap((r) => r.keywords).join(''), n)],
  ['every keyword, spaced', (n) => fill(DLP_RULES.flatMap((r) => r.keywords).join(' 0 '), n)],
];

function fastest(text: string, runs: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    scan(text, { ipAddresses: true });
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe('scan: linear time on crafted input', () => {
  it('scans 1 MB of each adversarial input in at most 40× the time of 100 KB (10× the input; quadratic would be 100×)', () => {
    const slow: string[] = [];
    for (const [name, make] of ADVERSARIAL) {
      const small = make(SMALL);
      const large = make(LARGE);
      assert.equal(large.length, LARGE);
      // A floor of 5 ms keeps timer noise on tiny timings from reading as a ratio; a quadratic
      // scan would still take 100× that on 1 MB.
      const smallMs = Math.max(5, fastest(small, 3));
      const largeMs = fastest(large, 2);
      const ratio = largeMs / smallMs;
      // Generous against a loaded machine; backtracking blow-ups are far beyond it.
      if (ratio >= 40) slow.push(`${name}: 100 KB ${smallMs.toFixed(1)} ms, 1 MB ${largeMs.toFixed(1)} ms (×${ratio.toFixed(1)})`);
    }
    assert.deepEqual(slow, []);
  });
});
