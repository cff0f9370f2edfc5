import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { z } from 'zod';
import { DlpOverrideSectionSchema, DlpSectionSchema } from './dlp-policy-section.ts';

const HASH = 'ab'.repeat(32);

function issues(schema: z.ZodType, input: unknown): string[] {
  const parsed = schema.safeParse(input);
  assert.equal(parsed.success, false, 'expected the section to be refused');
  return parsed.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];
}

describe('the dlp section of the governance file', () => {
  it('keeps the old shape working and fills the new keys', () => {
    assert.deepEqual(DlpSectionSchema.parse({ default: 'block', types: { email: 'redact', aws_key: 'block' } }), {
      default: 'block',
      types: { email: 'redact', aws_key: 'block' },
      allow: [],
      ipAddresses: false,
    });
    assert.deepEqual(DlpSectionSchema.parse({}), { types: {}, allow: [], ipAddresses: false });
  });

  it('reads allow entries and ip_addresses into the plan shape', () => {
    const dlp = DlpSectionSchema.parse({
      ip_addresses: true,
      types: { pii: 'warn' },
      allow: [{ rule: 'email', resource: 'github.com/acme/docs/**', reason: 'public maintainers list' }, { value_sha256: HASH }, { type: 'jwt' }],
    });
    assert.equal(dlp.ipAddresses, true);
    assert.deepEqual(dlp.allow, [{ rule: 'email', resource: 'github.com/acme/docs/**', reason: 'public maintainers list' }, { valueSha256: HASH }, { type: 'jwt' }]);
  });

  it('names the field of each mistake', () => {
    assert.deepEqual(issues(DlpSectionSchema, { types: { emial: 'redact' } }).map((m) => m.split(';')[0]), ['types.emial: unknown finding type "emial"']);
    assert.match(issues(DlpSectionSchema, { types: { email: 'hide' } })[0] ?? '', /^types\.email: expected one of block, redact, warn, got "hide"/);
    assert.match(issues(DlpSectionSchema, { allow: [{ rule: 'emails' }] })[0] ?? '', /^allow\.0\.rule: unknown DLP rule "emails"; use one of: .*aws-access-key-id/);
    assert.match(issues(DlpSectionSchema, { allow: [{ value_sha256: 'abc' }] })[0] ?? '', /^allow\.0\.value_sha256: expected 64 lowercase hex digits/);
    assert.match(issues(DlpSectionSchema, { allow: [{ reason: 'nothing else' }] })[0] ?? '', /^allow\.0: an allow entry needs at least one of rule, type, value_sha256, resource/);
    assert.match(issues(DlpSectionSchema, { allow: [{ rules: 'email' }] })[0] ?? '', /^allow\.0: unknown key; the keys allowed here are: rule, type, value_sha256, resource, reason/);
    assert.match(issues(DlpSectionSchema, { ip_addresses: 'yes' })[0] ?? '', /^ip_addresses: expected true or false, got "yes"/);
  });

  it('keeps only what an action override writes', () => {
    assert.deepEqual(DlpOverrideSectionSchema.parse({ types: { email: 'block' } }), { types: { email: 'block' } });
    assert.deepEqual(DlpOverrideSectionSchema.parse({ allow: [{ type: 'email' }], ip_addresses: true }), { allow: [{ type: 'email' }], ipAddresses: true });
  });
});
