import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decisionAcceptedText, decisionRefusedText, unlinkedUserText } from './outcome-text.ts';

describe('decision outcome texts', () => {
  it('says how many approvals there are and how many are still needed', () => {
    assert.equal(
      decisionAcceptedText({ accepted: true, decision: 'approve', approvals: 1, quorum: 2, message: 'accepted, 1 of 2' }),
      ':white_check_mark: Accepted: your approval is 1 of 2. 1 more approver is needed.',
    );
    assert.match(decisionAcceptedText({ accepted: true, decision: 'approve', approvals: 2, quorum: 2, message: '' }), /2 of 2, which completes the approval/);
    assert.match(decisionAcceptedText({ accepted: true, decision: 'reject', approvals: 0, quorum: 1, message: '' }), /^:no_entry: Rejected/);
  });

  it('names each refusal in words and keeps the reason, escaped', () => {
    assert.match(decisionRefusedText('own_agent_action', 'alice owns the requesting agent'), /^:no_entry_sign: You cannot approve your own agent's action\. alice owns/);
    assert.match(decisionRefusedText('not_an_approver', 'dave is not an approver'), /You are not an approver of this action\. dave/);
    assert.match(decisionRefusedText('decision_closed', 'the approval request expired', 'expired'), /^:hourglass: Expired/);
    assert.match(decisionRefusedText('decision_closed', 'already approved', 'approved'), /^:information_source: Already decided/);
    assert.match(decisionRefusedText('already_approved', 'bob has already approved (1 of 2)'), /already approved this action/);
    assert.match(decisionRefusedText('not_an_approver', '<!channel> x'), /&lt;!channel&gt; x/);
  });

  it('tells an unlinked Slack user how to get linked', () => {
    assert.match(unlinkedUserText('U0NOBODY1'), /member ID U0NOBODY1\) is not linked .* `slack_id` under `people:`/);
  });
});
