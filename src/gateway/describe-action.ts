import type { ActionView } from './action-view.ts';
import type { StartAnswer } from './api-schemas.ts';

/** A start answer in words, for agents that read (MCP tool results, the demo). */
export function describeStart(answer: StartAnswer): string {
  if (answer.kind === 'allowed') {
    return `allowed at once (tier ${answer.tier}, ${answer.rule}) and audited: perform the action yourself. Action id ${answer.actionId}.`;
  }
  return `accepted for governance at tier ${answer.tier} (${answer.rule}): Countersign stages, scans and publishes it${answer.tier >= 3 ? ' once people approve' : ''}; do not perform it yourself. Action id ${answer.actionId}; follow it with get_action or wait_for_action.`;
}

/** An action's state in words: what happened, and for a waiting one, for whom it waits. */
export function describeAction(view: ActionView): string {
  const head = `action ${view.actionId} (${view.action} on ${view.resource}, tier ${view.tier}, ${view.rule})`;
  const findings = view.findings.length ? ` DLP found: ${view.findings.map((f) => `${f.type} in ${f.location} (${f.mode})`).join(', ')}.` : '';
  const approval = view.approval;
  switch (view.state) {
    case 'awaiting_approval': {
      const got = approval ? approval.approvals.map((a) => a.approver) : [];
      const who = approval ? `${approval.quorum} of ${approval.approvers.join(', ')}` : 'its approvers';
      return `${head} is waiting for approval by ${who} until ${approval?.deadline ?? 'its deadline'}; ${got.length} approved so far${got.length ? ` (${got.join(', ')})` : ''}.${findings}`;
    }
    case 'published': {
      const receipt = view.receipts.find((r) => r.step === 'publish');
      const window = view.rollbackWindow;
      return `${head} was published${receipt ? ` (${receipt.executor} ${receipt.reference})` : ''}${window?.open ? `; it may be rolled back until ${window.closesAt}` : '; its rollback window has closed'}.${findings}`;
    }
    case 'refused':
      return `${head} was refused by the policy (${view.code ?? 'refused'}, rule ${view.rule}): ${view.reason ?? ''}`;
    case 'allowed':
      return `${head} was allowed at once; the agent performs it itself.`;
    default:
      return `${head} is ${view.state}${view.outcome ? ' (final)' : ''}${view.reason ? `: ${view.reason}` : ''}.${findings}`;
  }
}
