import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { statusQuery } from '../workflows/messages.ts';
import { launchChromium, saveFailureScreenshot } from './support/browser.ts';
import { governed } from './support/approvals.ts';
import { createHarness, type Harness, type HarnessHttp } from './support/harness.ts';
import { startLoopbackHttp } from './support/loopback-http.ts';
import { actionRow, auditEvents, eventTypes, ledgerEntries } from './support/queries.ts';
import { startSmtpInbox, type ReceivedMail, type SmtpInbox } from './support/smtp-inbox.ts';
import { request, testPolicy } from './support/test-policy.ts';

// Actions that reach approvers by email; durations in seconds so reminders and expiry are seen.
const EMAIL_ACTIONS = `
  repo.merge_by_email:
    tier: 3
    executor: { type: ledger, account: merges }
    approvers: [maintainers]
    approval_timeout: 60s
    rollback_window: 1s
    notify: [log, email]
  repo.delete_by_email:
    tier: 4
    executor: { type: ledger, account: branches }
    approvers: [maintainers]
    quorum: 2
    approval_timeout: 60s
    rollback_window: 1s
    notify: [email]
  repo.remind_by_email:
    tier: 4
    executor: { type: ledger, account: branches }
    approvers: [maintainers]
    quorum: 2
    approval_timeout: 6s
    reminders: ["50%"]
    notify: [email]
  repo.merge_escalating:
    tier: 3
    executor: { type: ledger, account: merges }
    approvers: [maintainers]
    approval_timeout: 60s
    rollback_window: 1s
    notify: [log, webhook]
    escalate: { to: [email], on_failure: true }
  repo.merge_silently:
    tier: 3
    executor: { type: ledger, account: merges }
    approvers: [maintainers]
    approval_timeout: 60s
    rollback_window: 1s
    notify: [log]
    escalate: { to: [email], on_failure: false, after: 2s }
`;

interface Page {
  status: number;
  html: string;
  form?: { csrf: string; issued: string };
}

function formOf(html: string): Page['form'] {
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  const issued = /name="issued" value="([^"]+)"/.exec(html)?.[1];
  return csrf && issued ? { csrf, issued } : undefined;
}

async function open(url: string): Promise<Page> {
  const res = await fetch(url);
  const html = await res.text();
  const form = formOf(html);
  return { status: res.status, html, ...(form ? { form } : {}) };
}

async function post(url: string, fields: Record<string, string>): Promise<Page> {
  const res = await fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}

/** What a person does: open the link, then press the page's button. */
async function decide(url: string | undefined, extra: Record<string, string> = {}): Promise<Page> {
  assert.ok(url, 'the mail has the link');
  const page = await open(url);
  assert.equal(page.status, 200, page.html);
  assert.ok(page.form, 'the page has a form');
  return post(url, { ...page.form, ...extra });
}

function mailTo(mails: ReceivedMail[], who: string): ReceivedMail {
  const mail = mails.find((m) => m.to === `${who}@example.com`);
  assert.ok(mail, `a mail to ${who}; got mails to ${mails.map((m) => m.to).join(', ')}`);
  return mail;
}

async function updatesInHistory(h: Harness, actionId: string): Promise<number> {
  const history = await h.temporal.client.workflow.getHandle(`action-${actionId}`).fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
}

describe('email approvals: one-time links, a confirmation page, reminders and escalation', () => {
  let inbox: SmtpInbox;
  let hook: Awaited<ReturnType<typeof startLoopbackHttp>>;
  let h: Harness;
  let http: HarnessHttp;

  before(async () => {
    inbox = await startSmtpInbox();
    // The webhook refuses every event: the request's delivery fails for good and escalates.
    hook = await startLoopbackHttp(() => ({ status: 400, body: { error: 'no such channel' } }));
    h = await createHarness(testPolicy({ webhookUrl: `${hook.base}/countersign`, extraActions: EMAIL_ACTIONS }), {
      env: { HOOK_TOKEN: 'hook-secret' },
      email: { smtpUrl: inbox.url },
    });
    assert.ok(h.http);
    http = h.http;
  });
  after(async () => {
    await h.close();
    await hook.close();
    await inbox.close();
  });

  it('approves by email: a mail with the facts and two links, a page, a button, and the action publishes', async () => {
    const action = governed(await h.startAction(request({ action: 'repo.merge_by_email', params: { pr: 1 } })));
    const mails = await inbox.waitFor(action.actionId, (m) => m.purpose === 'request', 2);
    assert.deepEqual(mails.map((m) => m.to).sort(), ['bob@example.com', 'carol@example.com'], 'the approvers, never the agent owner alice');
    const bob = mailTo(mails, 'bob');
    const status = await action.handle.query(statusQuery);
    assert.match(bob.subject, /Approval needed: repo.merge_by_email on github.com\/acme\/api\/pull\/42/);
    for (const body of [bob.text, bob.html]) {
      assert.ok(body.includes(status.actionHash ?? 'no hash'), 'the action hash is shown');
      assert.ok(body.includes('Fixed the null pointer exception'), "the agent's reasoning is shown");
    }
    assert.match(bob.links.approve ?? '', new RegExp(`^${http.base}/approvals/${action.actionId}/approve/[A-Za-z0-9_-]{43}$`));
    assert.match(bob.links.reject ?? '', /\/reject\//);

    const page = await decide(bob.links.approve, { comment: 'lgtm by mail' });
    assert.equal(page.status, 200, page.html);
    assert.match(page.html, /Approved/);
    assert.match(page.html, /1 of 1/);
    assert.equal(await action.result(), 'published');
    assert.equal((await ledgerEntries(h.db.pool, action.actionId)).length, 1);
    const events = await auditEvents(h.db.pool, action.actionId);
    const accepted = events.find((e) => e.type === 'approval_accepted');
    assert.equal(accepted?.actor, 'bob');
    assert.equal(accepted?.payload.channel, 'email');
    assert.equal(accepted?.payload.comment, 'lgtm by mail');
    const sent = events.filter((e) => e.type === 'email_sent');
    assert.deepEqual(sent.map((e) => e.payload.approver).sort(), ['bob', 'carol'], 'each mail is audited');
    // Only hashes are stored.
    const { rows } = await h.db.pool.query<{ token_hash: string }>('SELECT token_hash FROM email_tokens WHERE action_id = $1', [action.actionId]);
    assert.equal(rows.length, 4);
    const token = bob.links.approve?.split('/').pop() ?? '';
    assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash) && r.token_hash !== token));
  });

  it('rejects by email, with the reason typed on the page', async () => {
    const action = governed(await h.startAction(request({ action: 'repo.merge_by_email', params: { pr: 2 } })));
    const carol = mailTo(await inbox.waitFor(action.actionId, (m) => m.purpose === 'request', 2), 'carol');
    const page = await decide(carol.links.reject, { comment: 'breaks the API' });
    assert.equal(page.status, 200, page.html);
    assert.match(page.html, /Rejected/);
    assert.match(page.html, /Nothing will be published/);
    assert.equal(await action.result(), 'rejected');
    assert.deepEqual(await ledgerEntries(h.db.pool, action.actionId), []);
    assert.equal((await actionRow(h.db.pool, action.actionId))?.reason, 'breaks the API');
  });

  it('publishes a tier-4 action once a quorum of two approve by email, each ticking the confirmation', async () => {
    const action = governed(await h.startAction(request({ action: 'repo.delete_by_email', resource: 'github.com/acme/api/tree/old' })));
    const mails = await inbox.waitFor(action.actionId, (m) => m.purpose === 'request', 2);
    const bobLink = mailTo(mails, 'bob').links.approve;
    const before = http.submissions;
    const unconfirmed = await decide(bobLink);
    assert.equal(unconfirmed.status, 200);
    assert.match(unconfirmed.html, /tick the confirmation box/, 'an unticked box asks again and uses nothing');
    assert.equal(http.submissions, before);
    const first = await decide(bobLink, { confirm: 'yes' });
    assert.match(first.html, /Approval recorded/);
    assert.match(first.html, /1 of 2/);
    assert.equal((await action.handle.query(statusQuery)).state, 'awaiting_approval');
    const second = await decide(mailTo(mails, 'carol').links.approve, { confirm: 'yes' });
    assert.match(second.html, /2 of 2/);
    assert.equal(await action.result(), 'published');
    const approvals = (await action.handle.query(statusQuery)).approval?.approvals ?? [];
    assert.deepEqual(approvals.map((a) => [a.approver, a.channel]), [['bob', 'email'], ['carol', 'email']]);
  });

  it('decides nothing on a GET or a HEAD of a link, as a mail scanner sends them', async () => {
    const action = governed(await h.startAction(request({ action: 'repo.merge_by_email', params: { pr: 3 } })));
    const bob = mailTo(await inbox.waitFor(action.actionId, (m) => m.purpose === 'request', 2), 'bob');
    const url = bob.links.approve ?? '';
    const submissions = http.submissions;
    for (let i = 0; i < 3; i++) assert.equal((await open(url)).status, 200);
    const head = await fetch(url, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('cache-control'), 'no-store');
    assert.equal(head.headers.get('referrer-policy'), 'same-origin');
    assert.match(head.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const page = await open(url);
    assert.doesNotMatch(page.html, /<script/i, 'the page has no script, so it never submits itself');
    assert.equal(http.submissions, submissions, 'nothing was sent to Temporal');
    const status = await action.handle.query(statusQuery);
    assert.equal(status.state, 'awaiting_approval');
    assert.deepEqual(status.approval?.approvals, []);
    assert.equal(await updatesInHistory(h, action.actionId), 0);
    const { rows } = await h.db.pool.query('SELECT 1 FROM email_tokens WHERE action_id = $1 AND used_at IS NOT NULL', [action.actionId]);
    assert.equal(rows.length, 0, 'no link was used');
    // The link still works for the person.
    assert.match((await post(url, page.form ?? { csrf: '', issued: '' })).html, /Approved/);
    assert.equal(await action.result(), 'published');
  });

  it('refuses a reused, an expired, another action’s and a forged token, sends nothing to Temporal, and audits each', async () => {
    const a = governed(await h.startAction(request({ action: 'repo.delete_by_email', resource: 'github.com/acme/api/tree/a' })));
    const b = governed(await h.startAction(request({ action: 'repo.delete_by_email', resource: 'github.com/acme/api/tree/b' })));
    const aMails = await inbox.waitFor(a.actionId, (m) => m.purpose === 'request', 2);
    const bMails = await inbox.waitFor(b.actionId, (m) => m.purpose === 'request', 2);
    const refusals = async (actionId: string) =>
      (await auditEvents(h.db.pool, actionId)).filter((e) => e.type === 'email_link_refused').map((e) => e.payload.code);

    // Reuse: bob's approval counts once; the same form again is refused.
    const bobUrl = mailTo(aMails, 'bob').links.approve ?? '';
    const page = await open(bobUrl);
    assert.ok(page.form);
    assert.match((await post(bobUrl, { ...page.form, confirm: 'yes' })).html, /1 of 2/);
    const afterFirst = http.submissions;
    const reused = await post(bobUrl, { ...page.form, confirm: 'yes' });
    assert.equal(reused.status, 410);
    assert.match(reused.html, /already used/);
    // His reject link of the same action is used up with it.
    assert.equal((await open(mailTo(aMails, 'bob').links.reject ?? '')).status, 410);

    // Expired: the pages' clock passes the deadline while the workflow still waits.
    const carolUrl = mailTo(aMails, 'carol').links.approve ?? '';
    const carolPage = await open(carolUrl);
    assert.ok(carolPage.form);
    http.clockOffsetMs = 120_000;
    try {
      const expired = await post(carolUrl, { ...carolPage.form, confirm: 'yes' });
      assert.equal(expired.status, 410);
      assert.match(expired.html, /expired/);
      assert.equal((await open(carolUrl)).status, 410);
    } finally {
      http.clockOffsetMs = 0;
    }

    // Another action's token: carol's link for B, aimed at A.
    const carolB = mailTo(bMails, 'carol').links.approve ?? '';
    const bPage = await open(carolB);
    assert.ok(bPage.form);
    const crossed = carolB.replace(b.actionId, a.actionId);
    const mismatch = await post(crossed, { ...bPage.form, confirm: 'yes' });
    assert.equal(mismatch.status, 400);
    assert.match(mismatch.html, /another action/);

    // Forged: a well-formed token Countersign never issued, and a form it never showed.
    const forgedUrl = `${http.base}/approvals/${a.actionId}/approve/${randomBytes(32).toString('base64url')}`;
    const forgedPage = await open(forgedUrl);
    assert.equal(forgedPage.status, 404);
    assert.doesNotMatch(forgedPage.html, /repo\.delete_by_email|github\.com/, 'a stranger learns nothing about the action');
    const forged = await post(forgedUrl, { csrf: 'f'.repeat(64), issued: String(Date.now()), confirm: 'yes' });
    assert.equal(forged.status, 404);
    // A stranger posting made-up tokens again and again gets the same page, but one audit event a minute.
    for (let i = 0; i < 19; i++) {
      const again = await post(`${http.base}/approvals/${a.actionId}/approve/${randomBytes(32).toString('base64url')}`, { csrf: 'f'.repeat(64), issued: String(Date.now()), confirm: 'yes' });
      assert.equal(again.status, 404);
    }
    // A real token with a made-up CSRF token.
    const noCsrf = await post(carolUrl, { csrf: 'a'.repeat(64), issued: String(Date.now()), confirm: 'yes' });
    assert.equal(noCsrf.status, 403);
    // A good form posted from another site's page.
    const crossSite = await fetch(carolUrl, { method: 'POST', headers: { origin: 'https://evil.example' }, body: new URLSearchParams({ ...carolPage.form, confirm: 'yes' }) });
    assert.equal(crossSite.status, 403);

    assert.equal(http.submissions, afterFirst, 'no refused link reached Temporal');
    const status = await a.handle.query(statusQuery);
    assert.equal(status.state, 'awaiting_approval');
    assert.deepEqual(status.approval?.approvals.map((x) => x.approver), ['bob']);
    assert.equal(await updatesInHistory(h, a.actionId), 1, "only bob's approval is in the history");
    assert.deepEqual(await refusals(a.actionId), ['email_link_used', 'email_link_expired', 'email_link_mismatch', 'email_link_unknown', 'email_form_invalid', 'email_form_invalid']);
    assert.equal((await a.handle.query(statusQuery)).approval?.approvals.length, 1);
    // Carol's link still works after all that, and completes the quorum.
    assert.match((await decide(carolUrl, { confirm: 'yes' })).html, /2 of 2/);
    assert.equal(await a.result(), 'published');
    await decide(mailTo(bMails, 'bob').links.reject, { comment: 'done testing' });
    assert.equal(await b.result(), 'rejected');
  });

  it('reminds only the approvers who have not decided, at half the timeout, and closes with a message at expiry', async () => {
    const action = governed(await h.startAction(request({ action: 'repo.remind_by_email', resource: 'github.com/acme/api/tree/slow' })));
    const requests = await inbox.waitFor(action.actionId, (m) => m.purpose === 'request', 2);
    const requestedAt = Math.min(...requests.map((m) => m.receivedAt));
    assert.match((await decide(mailTo(requests, 'bob').links.approve, { confirm: 'yes' })).html, /1 of 2/);

    const [reminder] = await inbox.waitFor(action.actionId, (m) => m.purpose === 'reminder-1');
    assert.ok(reminder);
    assert.equal(reminder.to, 'carol@example.com', 'bob has decided; only carol is reminded');
    assert.match(reminder.subject, /^Reminder: approval needed/);
    const reminderDelay = reminder.receivedAt - requestedAt;
    assert.ok(reminderDelay >= 2_500 && reminderDelay < 5_500, `the reminder came ${reminderDelay} ms after the request (3 s expected)`);
    assert.match(reminder.links.approve ?? '', /\/approve\//, 'a reminder carries fresh links');

    const closing = await inbox.waitFor(action.actionId, (m) => m.purpose === 'closing', 2);
    assert.deepEqual(closing.map((m) => m.to).sort(), ['bob@example.com', 'carol@example.com']);
    const closedDelay = Math.min(...closing.map((m) => m.receivedAt)) - requestedAt;
    assert.ok(closedDelay >= 5_500, `the closing message came ${closedDelay} ms after the request (6 s expected)`);
    assert.match(closing[0]?.text ?? '', /expired .* nothing was published/s);
    assert.equal(await action.result(), 'expired');
    assert.equal(inbox.mails.filter((m) => m.actionId === action.actionId && m.purpose === 'reminder-1').length, 1);
    // A reminder link after the deadline decides nothing.
    assert.equal((await open(reminder.links.approve ?? '')).status, 410);
  });

  it('escalates to email when the webhook notifier fails to deliver the request', async () => {
    const action = governed(await h.startAction(request({ action: 'repo.merge_escalating', params: { pr: 5 } })));
    const mails = await inbox.waitFor(action.actionId, (m) => m.purpose === 'request', 2);
    const bob = mailTo(mails, 'bob');
    assert.match(bob.subject, /^Escalated: approval needed/);
    assert.match(bob.text, /because the webhook notifier failed to deliver the request/);
    const types = await eventTypes(h.db.pool, action.actionId);
    assert.ok(types.indexOf('notify_failed') < types.indexOf('escalated'), `notify_failed, then escalated: ${types.join(', ')}`);
    const escalated = (await auditEvents(h.db.pool, action.actionId)).find((e) => e.type === 'escalated');
    assert.deepEqual(escalated?.payload.to, ['email']);
    assert.match((await decide(bob.links.approve)).html, /Approved/);
    assert.equal(await action.result(), 'published');
  });

  it('escalates to email when nobody decides within the policy duration', async () => {
    const startedAt = Date.now();
    const action = governed(await h.startAction(request({ action: 'repo.merge_silently', params: { pr: 6 } })));
    const mails = await inbox.waitFor(action.actionId, (m) => m.purpose === 'request', 2);
    const delay = Math.min(...mails.map((m) => m.receivedAt)) - startedAt;
    assert.ok(delay >= 1_800, `escalated ${delay} ms after the start (2 s expected)`);
    assert.match(mailTo(mails, 'carol').text, /because no decision within 2s/);
    assert.match((await decide(mailTo(mails, 'carol').links.reject)).html, /Rejected/);
    assert.equal(await action.result(), 'rejected');
  });

  it('lets a person approve in a real browser: open the link, read the page, press Approve', async () => {
    const action = governed(await h.startAction(request({ action: 'repo.merge_by_email', params: { pr: 7 } })));
    const bob = mailTo(await inbox.waitFor(action.actionId, (m) => m.purpose === 'request', 2), 'bob');
    const browser = await launchChromium();
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    try {
      await page.goto(bob.links.approve ?? '');
      await page.getByRole('heading', { name: 'Approve this action?' }).waitFor();
      assert.ok((await page.textContent('body'))?.includes('github.com/acme/api/pull/42'));
      // Only the click decides: the page alone has sent nothing.
      assert.equal((await action.handle.query(statusQuery)).state, 'awaiting_approval');
      await page.getByLabel('Comment (optional)').fill('checked in the browser');
      await page.getByRole('button', { name: 'Approve' }).click();
      await page.getByRole('heading', { name: 'Approved' }).waitFor();
      assert.match((await page.textContent('body')) ?? '', /1 of 1/);
    } catch (error) {
      await saveFailureScreenshot(page, 'email-approve-in-browser');
      throw error;
    } finally {
      await browser.close();
    }
    assert.equal(await action.result(), 'published');
    const accepted = (await auditEvents(h.db.pool, action.actionId)).find((e) => e.type === 'approval_accepted');
    assert.equal(accepted?.payload.comment, 'checked in the browser');
  });
});
