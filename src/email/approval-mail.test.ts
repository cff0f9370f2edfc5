import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closingMail, requestMail, type RequestFacts } from './approval-mail.ts';
import { confirmationPage } from './decision-pages.ts';

const facts: RequestFacts = {
  kind: 'requested',
  actionId: 'act-9',
  agentId: 'bot',
  taskId: 'task-1',
  action: 'merge_pull_request',
  resource: 'github.com/acme/api/pull/9',
  tier: 3,
  rule: 'actions.merge_pull_request.tier',
  actionHash: 'e'.repeat(64),
  approvers: ['alice', 'bob'],
  owner: 'alice',
  quorum: 1,
  deadline: '2026-01-01T12:00:00.000Z',
  reasoning: 'Merging <script>alert(1)</script> & friends',
  confidence: 0.9,
  risk: 'high',
  findings: [{ type: 'email', location: 'draft' }],
};
const links = { approve: 'https://cs.example/approvals/act-9/approve/t1', reject: 'https://cs.example/approvals/act-9/reject/t2' };

describe('approval mails and pages', () => {
  it('shows the facts and both links in text and HTML, escaping what the agent wrote', () => {
    const mail = requestMail({ facts, name: 'Bob', links });
    assert.equal(mail.subject, 'Approval needed: merge_pull_request on github.com/acme/api/pull/9');
    for (const body of [mail.text, mail.html]) {
      assert.ok(body.includes('e'.repeat(64)));
      assert.ok(body.includes(links.approve) && body.includes(links.reject));
      assert.ok(body.includes('email in draft'));
    }
    assert.ok(mail.html.includes('&lt;script&gt;'));
    assert.ok(!mail.html.includes('<script>'));
  });

  it('says why an escalated request comes by email, and marks reminders', () => {
    assert.match(requestMail({ facts, name: 'Bob', links, escalated: 'the webhook notifier failed' }).text, /because the webhook notifier failed/);
    assert.match(requestMail({ facts: { ...facts, kind: 'reminder', pending: ['bob'], sequence: 1 }, name: 'Bob', links }).subject, /^Reminder:/);
    assert.match(closingMail({ name: 'Bob', action: 'x', resource: 'y', actionId: 'a', deadline: facts.deadline }).text, /nothing was published/);
  });

  it('renders a confirmation page with a form and no script; tier 4 asks for the confirmation box', () => {
    const summary = { ...facts, approver: 'bob' };
    const page = confirmationPage(summary, { decision: 'approve', csrf: 'c'.repeat(64), issued: '1', confirmRequired: true });
    assert.match(page, /<form method="post">/);
    assert.match(page, /name="confirm" value="yes" required/);
    assert.doesNotMatch(page, /<script>/);
    assert.doesNotMatch(confirmationPage(summary, { decision: 'reject', csrf: 'c', issued: '1', confirmRequired: true }), /name="confirm"/);
  });
});
