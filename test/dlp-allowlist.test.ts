import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { statusQuery } from '../workflows/messages.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { auditEvents, ledgerEntries } from './support/queries.ts';
import { request, testPolicy } from './support/test-policy.ts';

// A fake key in the shape agents leak it, allowed only on the fixtures repository.
const AWS_KEY = 'AKIAZ7Q3M4N5P6R7S8T2';
const DLP = 'dlp:\n  default: block\n  types: { email: redact }\n';

function policyWithAllowlist(): string {
  const base = testPolicy({ rollbackWindow: '1s' });
  assert.ok(base.includes(DLP), 'the test policy changed its dlp section; update this test');
  return base.replace(DLP, `${DLP}  allow:\n    - { resource: "github.com/acme/fixtures/**", reason: "fake keys for tests" }\n`);
}

describe('AUDIT step: DLP allowlist by resource', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness(policyWithAllowlist());
  });
  after(async () => {
    await h.close();
  });

  it("publishes a draft whose finding the allowlist covers for the action's resource, and audits it as allowed", async () => {
    const draft = `Adds a fixture.\n\nAWS_ACCESS_KEY_ID=${AWS_KEY}\n`;
    const started = await h.startAction(request({ resource: 'github.com/acme/fixtures/pull/9', draft }));
    assert.ok(started.kind === 'governed');
    assert.equal(await started.result(), 'published');
    assert.equal((await ledgerEntries(h.db.pool, started.actionId)).length, 1);
    const status = await started.handle.query(statusQuery);
    assert.deepEqual(status.findings, []);
    const audited = (await auditEvents(h.db.pool, started.actionId)).find((e) => e.type === 'audited');
    assert.equal(audited?.payload.verdict, 'pass');
    assert.deepEqual(
      (audited?.payload.allowed as Array<{ type: string; start: number; end: number; allowedBy: number }>).map((f) => [f.type, draft.slice(f.start, f.end), f.allowedBy]),
      [['aws_access_key_id', AWS_KEY, 0]],
    );
    assert.equal(JSON.stringify(audited).includes(AWS_KEY), false);
  });

  it('still blocks the same draft on any other resource', async () => {
    const started = await h.startAction(request({ resource: 'github.com/acme/api/pull/9', draft: `AWS_ACCESS_KEY_ID=${AWS_KEY}` }));
    assert.ok(started.kind === 'governed');
    assert.equal(await started.result(), 'blocked');
    const status = await started.handle.query(statusQuery);
    assert.deepEqual(status.findings.map((f) => [f.type, f.mode]), [['aws_access_key_id', 'block']]);
  });
});
