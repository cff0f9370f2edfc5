import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditDraft } from './audit-draft.ts';
import { DlpPolicySchema } from './dlp-policy.ts';

const policy = (input: unknown) => DlpPolicySchema.parse(input);

describe('auditDraft', () => {
  it('keeps at rest only what every acted-on finding has redacted, whatever its mode; allowlisted values stay', () => {
    const draft = 'Set password=hunter2real! and mail bob@corp.io; ping 34.120.7.19';
    const params = { env: { pw: 'password=s3cretValue9' }, note: 'ops@corp.io' };
    const audit = auditDraft(draft, params, policy({ types: { email: 'warn', password: 'block' }, ipAddresses: true, allow: [{ valueSha256: auditDraft('ops@corp.io', {}, policy({})).findings[0]?.valueHash }] }));
    assert.equal(audit.verdict, 'block');
    assert.equal(audit.draft, draft, 'a blocked draft is never published, so it is not rewritten');
    assert.equal(audit.atRest.draft, 'Set password=[REDACTED:password] and mail [REDACTED:email]; ping [REDACTED:ip_address]');
    assert.deepEqual(audit.atRest.params, { env: { pw: 'password=[REDACTED:password]' }, note: 'ops@corp.io' });
  });

  it('passes a clean draft and params unchanged', () => {
    const params = { title: 'Fix pager', labels: ['bug'] };
    const audit = auditDraft('Fixes the off-by-one.', params, policy({}));
    assert.equal(audit.verdict, 'pass');
    assert.deepEqual(audit.findings, []);
    assert.equal(audit.draft, 'Fixes the off-by-one.');
    assert.deepEqual(audit.params, params);
  });

  it('blocks by default and returns the original draft', () => {
    const draft = 'Set password=hunter2real! in prod';
    const audit = auditDraft(draft, {}, policy({}));
    assert.equal(audit.verdict, 'block');
    assert.equal(audit.draft, draft);
    const [finding] = audit.findings;
    assert.equal(finding?.location, 'draft');
    assert.equal(finding?.mode, 'block');
  });

  it('redacts the draft and params at any depth when the mode is redact', () => {
    const audit = auditDraft(
      'Contact bob@corp.io',
      { body: { sections: [{ text: 'cc carol@corp.io' }, 'plain'], count: 3, ok: true, none: null } },
      policy({ default: 'redact' }),
    );
    assert.equal(audit.verdict, 'redact');
    assert.equal(audit.draft, 'Contact [REDACTED:email]');
    assert.deepEqual(audit.params, {
      body: { sections: [{ text: 'cc [REDACTED:email]' }, 'plain'], count: 3, ok: true, none: null },
    });
    assert.deepEqual(
      audit.findings.map((f) => f.location),
      ['draft', 'params.body.sections[0].text'],
    );
  });

  it('uses the per-type mode before the default', () => {
    const audit = auditDraft('bob@corp.io', {}, policy({ default: 'block', types: { email: 'warn' } }));
    assert.equal(audit.verdict, 'pass');
    assert.equal(audit.findings[0]?.mode, 'warn');
  });

  it('reports warn findings and changes nothing for them', () => {
    const draft = 'bob@corp.io and password=hunter2real!';
    const audit = auditDraft(draft, {}, policy({ default: 'redact', types: { email: 'warn' } }));
    assert.equal(audit.verdict, 'redact');
    assert.equal(audit.findings.length, 2);
    assert.equal(audit.draft, 'bob@corp.io and password=[REDACTED:password]');
  });

  it('lets block win over redact and warn, and redact over warn', () => {
    const draft = 'bob@corp.io password=hunter2real! AKIAABCDEFGHIJKLMNOP';
    const modes = { email: 'warn', password: 'redact', aws_key: 'block' } as const;
    assert.equal(auditDraft(draft, {}, policy({ types: modes })).verdict, 'block');
    assert.equal(auditDraft(draft, {}, policy({ types: { ...modes, aws_key: 'warn' } })).verdict, 'redact');
    assert.equal(auditDraft(draft, {}, policy({ types: { email: 'warn', password: 'warn', aws_key: 'warn' } })).verdict, 'pass');
  });

  it('blocks on a secret found only in a nested param', () => {
    const audit = auditDraft('clean', { env: [{ name: 'KEY', value: 'AKIAABCDEFGHIJKLMNOP' }] }, policy({}));
    assert.equal(audit.verdict, 'block');
    assert.equal(audit.findings[0]?.location, 'params.env[0].value');
  });

  it('names keys that are not plain identifiers unambiguously', () => {
    const audit = auditDraft('', { files: { 'config/prod.env': 'password=hunter2real!' } }, policy({ default: 'redact' }));
    assert.equal(audit.findings[0]?.location, 'params.files["config/prod.env"]');
    assert.deepEqual(audit.params, { files: { 'config/prod.env': 'password=[REDACTED:password]' } });
  });

  it("uses each type's own default mode when the policy sets no default: secrets block, email redacts", () => {
    assert.equal(auditDraft('mail bob@corp.io', {}, policy({})).verdict, 'redact');
    assert.equal(auditDraft('mail bob@corp.io', {}, policy({ default: 'block' })).verdict, 'block');
    assert.equal(auditDraft('key AKIAABCDEFGHIJKLMNOP', {}, policy({})).verdict, 'block');
  });

  it('sets allowlisted findings apart, acting on none of them', () => {
    const draft = 'docs by bob@corp.io, key AKIAABCDEFGHIJKLMNOP';
    const audit = auditDraft(draft, {}, policy({ allow: [{ rule: 'aws-access-key-id', reason: 'test fixture' }] }));
    assert.equal(audit.verdict, 'redact');
    assert.deepEqual(audit.findings.map((f) => f.type), ['email']);
    assert.deepEqual(audit.allowed.map((f) => [f.type, f.allowedBy, draft.slice(f.start, f.end)]), [['aws_access_key_id', 0, 'AKIAABCDEFGHIJKLMNOP']]);
    assert.equal(audit.draft, 'docs by [REDACTED:email], key AKIAABCDEFGHIJKLMNOP');
  });

  it("allows by value hash, and by the action's resource glob only on that resource", () => {
    const draft = 'key AKIAABCDEFGHIJKLMNOP';
    const [finding] = auditDraft(draft, {}, policy({})).findings;
    assert.ok(finding);
    assert.equal(auditDraft(draft, {}, policy({ allow: [{ valueSha256: finding.valueHash }] })).verdict, 'pass');
    const byResource = policy({ allow: [{ resource: 'github.com/acme/fixtures/**' }] });
    assert.equal(auditDraft(draft, {}, byResource, 'github.com/acme/fixtures/pull/7').verdict, 'pass');
    assert.equal(auditDraft(draft, {}, byResource, 'github.com/acme/api/pull/7').verdict, 'block');
  });

  it('reports IP addresses only when the policy asks, as warnings by default', () => {
    const draft = 'the client at 34.120.7.19 retried';
    assert.deepEqual(auditDraft(draft, {}, policy({})).findings, []);
    const audit = auditDraft(draft, {}, policy({ ipAddresses: true }));
    assert.equal(audit.verdict, 'pass');
    assert.deepEqual(audit.findings.map((f) => [f.type, f.mode]), [['ip_address', 'warn']]);
  });
});
