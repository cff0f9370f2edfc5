import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ActionId } from './action-ids.ts';
import { approvalMessage, type ApprovalMessageInput, type RequestFacts } from './approval-message.ts';
import { confirmApprovalModal, rejectModal } from './decision-modals.ts';

const request: RequestFacts = {
  kind: 'requested',
  actionId: 'act-1',
  agentId: 'bot',
  taskId: 'task-9',
  action: 'delete_branch',
  resource: 'github.com/acme/api/tree/old',
  tier: 4,
  rule: 'actions.delete_branch.tier',
  actionHash: 'ab'.repeat(32),
  approvers: ['alice', 'bob', 'carol'],
  owner: 'alice',
  quorum: 2,
  deadline: '2025-06-01T13:00:00.000Z',
  reasoning: 'Branch merged <!channel> long ago',
  confidence: 0.91,
  risk: 'destructive',
  findings: [{ type: 'email', location: 'draft' }],
};
const people = { alice: { name: 'Alice', slack_id: 'U0ALICE01' }, bob: { name: 'Bob', slack_id: 'U0BOB0001' }, carol: { name: 'Carol' } };
const base: ApprovalMessageInput = { request, draft: 'Contact [REDACTED:email]', state: 'awaiting_approval', events: [], rollbackUntil: undefined, people };

type Block = ReturnType<typeof approvalMessage>['blocks'][number];
const texts = (blocks: Block[]) => JSON.stringify(blocks);
const buttons = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? e.action_id : '')) : []));

describe('approval message', () => {
  it('shows what a person needs to decide, with Approve… (confirmation) and Reject… for tier 4', () => {
    const { text, blocks } = approvalMessage(base);
    assert.equal(text, 'Approval needed: delete_branch on github.com/acme/api/tree/old by bot (tier 4)');
    assert.deepEqual(blocks[0], { type: 'header', text: { type: 'plain_text', text: 'Approval needed: delete_branch' } });
    const all = texts(blocks);
    for (const fact of ['`bot` (task `task-9`)', '`delete_branch`', 'github.com/acme/api/tree/old', '4 (destructive), by rule `actions.delete_branch.tier`', '91% / destructive', '<!date^1748782800^', '0 of 2, from <@U0BOB0001>, carol (distinct people)', '`abababababab`']) {
      assert.ok(all.includes(fact), `missing ${fact}`);
    }
    assert.ok(all.includes('redacted by DLP, which found: email in draft'), 'says the draft is redacted and why');
    assert.ok(all.includes('Contact [REDACTED:email]'));
    assert.ok(all.includes('&lt;!channel&gt;'), "the agent's text cannot ping a channel");
    assert.deepEqual(buttons(blocks), [ActionId.ApproveWithConfirmation, ActionId.Reject]);
  });

  it('approves tier 3 with one click', () => {
    assert.deepEqual(buttons(approvalMessage({ ...base, request: { ...request, tier: 3, quorum: 1 } }).blocks), [ActionId.Approve, ActionId.Reject]);
  });

  it('shows who did what, drops the buttons once decided and offers Roll back inside the window', () => {
    const events = [
      { type: 'approval_accepted', actor: 'bob', payload: { approvals: 1, quorum: 2 } },
      { type: 'approval_accepted', actor: 'carol', payload: { approvals: 2, quorum: 2 } },
    ];
    const approved = approvalMessage({ ...base, events });
    assert.deepEqual(buttons(approved.blocks), []);
    assert.ok(texts(approved.blocks).includes('<@U0BOB0001> approved (1 of 2)\\n• carol approved (2 of 2)'));
    const published = approvalMessage({
      ...base,
      state: 'published',
      events: [...events, { type: 'published', actor: 'countersign', payload: { receipt: { reference: 'ledger-7' } } }],
      rollbackUntil: new Date('2025-06-01T14:00:00Z'),
    });
    assert.equal(published.text.startsWith('Published:'), true);
    assert.deepEqual(buttons(published.blocks), [ActionId.RollBack]);
    assert.ok(texts(published.blocks).includes('Published (ledger-7)'));
    const rolledBack = approvalMessage({
      ...base,
      state: 'rolled_back',
      events: [{ type: 'rolled_back', actor: 'erin', payload: { cause: 'manual', reason: 'broke prod' } }],
    });
    assert.deepEqual(buttons(rolledBack.blocks), []);
    assert.ok(texts(rolledBack.blocks).includes('Rolled back (on request) by erin: broke prod'));
  });

  it('says who killed the action, once', () => {
    const killed = approvalMessage({ ...base, state: 'killed', events: [{ type: 'killed', actor: 'erin', payload: { reason: 'killed by erin: incident 42' } }] });
    assert.equal(killed.text.startsWith('Killed:'), true);
    assert.ok(texts(killed.blocks).includes('Killed by erin: incident 42'));
    assert.deepEqual(buttons(killed.blocks), []);
  });
});

describe('decision modals', () => {
  const m = { actionId: 'act-1', channel: 'C0APPROVE', action: 'delete_branch', resource: 'github.com/acme/api/tree/old', tier: 4 };

  it('asks a reject for its reason and carries the action in private_metadata', () => {
    const view = rejectModal(m);
    assert.equal(view.callback_id, 'countersign_reject_reason');
    assert.deepEqual(JSON.parse(view.private_metadata ?? '') as unknown, m);
    assert.ok(JSON.stringify(view.blocks).includes('"action_id":"reason"'));
  });

  it('asks a tier-4 approval for a ticked confirmation', () => {
    const view = confirmApprovalModal({ ...m, quorum: 2 });
    assert.equal(view.callback_id, 'countersign_approve_confirmation');
    assert.ok(JSON.stringify(view.blocks).includes('"type":"checkboxes"'));
    assert.ok(JSON.stringify(view.blocks).includes('needs 2 approvals from different people'));
  });
});
