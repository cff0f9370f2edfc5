import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ActivityDeps } from '../activities/activity-deps.ts';
import { auditDraftActivity } from '../activities/audit-draft.ts';
import { statusQuery } from '../workflows/messages.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { startLoopbackHttp } from './support/loopback-http.ts';
import { actionRow, auditEvents, ledgerEntries } from './support/queries.ts';
import { request, testPolicy } from './support/test-policy.ts';

// Fake credentials in the shape agents leak them.
const AWS_KEY = 'AKIAZ7Q3M4N5P6R7S8T2';
const PERSON = 'dana.whitfield@acme-payments.io';

describe('AUDIT step: DLP block and redact', () => {
  let h: Harness;

  /** The tables any row of which, read as text, holds `value`. */
  async function tablesHolding(value: string): Promise<string[]> {
    const { rows: tables } = await h.db.pool.query<{ name: string }>("SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'");
    const holding: string[] = [];
    for (const { name } of tables) {
      const { rows } = await h.db.pool.query(`SELECT 1 FROM ${name} t WHERE strpos(t::text, $1) > 0 LIMIT 1`, [value]);
      if (rows.length > 0) holding.push(name);
    }
    return holding;
  }
  let api: Awaited<ReturnType<typeof startLoopbackHttp>>;
  before(async () => {
    api = await startLoopbackHttp();
    h = await createHarness(testPolicy({ httpBase: api.base, rollbackWindow: '1s' }), { env: { DEPLOY_TOKEN: 't' } });
  });
  after(async () => {
    await h.close();
    await api.close();
  });

  it('blocks a draft that leaks an AWS key: nothing published, the finding audited without its value', async () => {
    const started = await h.startAction(request({ draft: `Fixed the upload.\n\nAWS_ACCESS_KEY_ID=${AWS_KEY}\n` }));
    assert.ok(started.kind === 'governed');
    assert.equal(await started.result(), 'blocked');
    assert.deepEqual(await ledgerEntries(h.db.pool, started.actionId), []);

    const row = await actionRow(h.db.pool, started.actionId);
    assert.equal(row?.state, 'blocked');
    assert.match(row?.reason ?? '', /DLP found aws_access_key_id in draft/);

    const status = await started.handle.query(statusQuery);
    assert.equal(status.findings.length, 1);
    assert.equal(status.findings[0]?.type, 'aws_access_key_id');
    assert.equal(status.findings[0]?.mode, 'block');
    assert.equal(status.findings[0]?.location, 'draft');
    const draft = `Fixed the upload.\n\nAWS_ACCESS_KEY_ID=${AWS_KEY}\n`;
    assert.equal(draft.slice(status.findings[0]?.start, status.findings[0]?.end), AWS_KEY);

    // The secret is neither in the audit trail nor in Temporal's history.
    const events = await auditEvents(h.db.pool, started.actionId);
    assert.equal(JSON.stringify(events).includes(AWS_KEY), false);
    const history = await started.handle.fetchHistory();
    assert.equal(JSON.stringify(history).includes(AWS_KEY), false);

    // Nor at rest anywhere: every row of every table, read as text.
    assert.deepEqual(await tablesHolding(AWS_KEY), []);
    const stored = await h.db.pool.query<{ draft: string }>("SELECT request->>'draft' AS draft FROM action_requests WHERE action_id = $1", [started.actionId]);
    assert.equal(stored.rows[0]?.draft, 'Fixed the upload.\n\nAWS_ACCESS_KEY_ID=[REDACTED:aws_access_key_id]\n');

    // A retried audit step (a worker killed after its commit) answers as the first did.
    const again = auditDraftActivity({ pool: h.db.pool, now: () => new Date() } as unknown as ActivityDeps);
    const answer = await again({ actionId: started.actionId, policyVersion: h.policyVersion, dlp: {} });
    assert.deepEqual([answer.verdict, answer.findings.map((f) => f.type)], ['block', ['aws_access_key_id']]);
  });

  it('publishes the redacted draft when the policy says redact', async () => {
    const before = api.requests.length;
    const draft = `Deployed as requested by ${PERSON} after review.`;
    const started = await h.startAction(request({ action: 'deploy_service', resource: 'svc/ledger', draft, params: { notify: PERSON } }));
    assert.ok(started.kind === 'governed');
    assert.equal(await started.result(), 'published');
    const sent = api.requests[before]?.body as { draft: string; params: { notify: string } };
    assert.equal(sent.draft, 'Deployed as requested by [REDACTED:email] after review.');
    assert.equal(sent.params.notify, '[REDACTED:email]');
    const status = await started.handle.query(statusQuery);
    assert.deepEqual(status.findings.map((f) => [f.type, f.location, f.mode]), [['email', 'draft', 'redact'], ['email', 'params.notify', 'redact']]);
    assert.deepEqual(await tablesHolding(PERSON), [], 'the original is kept nowhere once redacted');
    const audited = (await auditEvents(h.db.pool, started.actionId)).find((e) => e.type === 'audited');
    assert.equal(audited?.payload.verdict, 'redact');
  });
});
