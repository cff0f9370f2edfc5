import { CountersignError, type ActionView, type CountersignClient, type GovernedAction } from '../../clients/typescript/src/index.ts';
import { actionWorkflowId } from '../../workflows/messages.ts';
import { workflowUiLink } from '../temporal/workflow-ui-link.ts';
import { demoScript } from './demo-script.ts';

export interface DemoDeps {
  countersign: Pick<CountersignClient, 'startAction'>;
  out: (line: string) => void;
  /** Temporal Web UI base URL and namespace, for links to each workflow. */
  uiUrl: string;
  namespace: string;
  /** Names this run in task ids, so a replay asks anew. */
  run: string;
  /** How long to wait for a workflow to reach a state worth reporting. */
  settleMs?: number;
}

// States in which the demo stops watching an action and says what happens next.
const SETTLED = new Set(['awaiting_approval', 'published', 'blocked', 'failed', 'rolled_back', 'rollback_failed', 'rejected', 'expired', 'killed']);

/** Follows the action through the gateway (long polls) until it settles or the time is up. */
async function settled(action: GovernedAction, timeoutMs: number): Promise<ActionView> {
  const deadline = Date.now() + timeoutMs;
  let view = await action.status();
  while (!SETTLED.has(view.state) && Date.now() < deadline) {
    view = await action.waitForChange({ state: view.state, seconds: Math.max(1, Math.ceil((deadline - Date.now()) / 1000)) });
  }
  return view;
}

/** Plays the scripted agent against a running Countersign, printing what happened and what to do next. */
export async function playDemo(deps: DemoDeps): Promise<void> {
  const { out } = deps;
  const steps = demoScript(deps.run);
  out(`Countersign demo: agent bounty-hunter asks for ${steps.length} actions.\n`);
  for (const [index, step] of steps.entries()) {
    const r = step.request;
    out(`${index + 1}. ${step.title}: ${r.action} on ${r.resource}`);
    let result;
    try {
      result = await deps.countersign.startAction(r);
    } catch (error) {
      if (!(error instanceof CountersignError)) throw error;
      out(`   refused (${error.code}): ${error.message}`);
      out('   nothing ran; refusals are audited: npx countersign actions list --state refused\n');
      continue;
    }
    if (result.kind === 'allowed') {
      out(`   allowed at once (tier ${result.tier}, ${result.rule}) and audited; the agent does it itself`);
      out(`   see it: npx countersign actions show ${result.actionId}\n`);
      continue;
    }
    const status = await settled(result, deps.settleMs ?? 15_000);
    const id = result.actionId;
    const workflowId = actionWorkflowId(id);
    const approval = status.approval;
    if (status.state === 'awaiting_approval' && approval) {
      const confirm = result.tier >= 4 ? ' --confirm' : '';
      out(`   waiting for ${approval.quorum} of ${approval.approvers.join(', ')} by ${approval.deadline ?? 'its deadline'} (the agent's owner may not approve)`);
      out(`   Temporal UI: ${workflowUiLink(deps.uiUrl, deps.namespace, workflowId)}`);
      out('   decide as an approver:');
      for (const person of approval.approvers.slice(0, approval.quorum)) out(`     COUNTERSIGN_OPERATOR=${person} npx countersign approve ${id}${confirm}`);
      out(`     COUNTERSIGN_OPERATOR=${approval.approvers[0] ?? 'bob'} npx countersign reject ${id} --reason "not now"`);
    } else if (status.state === 'published') {
      out(`   published (${status.receipts.map((receipt) => `${receipt.executor} ${receipt.reference}`).join(', ')}); inside its rollback window until ${status.rollbackWindow?.closesAt ?? '?'}`);
      out('   where the policy asks for CI (ci.timeout), no passing ciResult in time rolls it back');
      out(`   Temporal UI: ${workflowUiLink(deps.uiUrl, deps.namespace, workflowId)}`);
      out(`   roll it back: COUNTERSIGN_OPERATOR=erin npx countersign rollback ${id} --reason "wrong base branch"`);
    } else {
      out(`   ${status.state}${status.reason ? `: ${status.reason}` : ''}`);
      out(`   Temporal UI: ${workflowUiLink(deps.uiUrl, deps.namespace, workflowId)}`);
    }
    out(`   the whole story: npx countersign actions show ${id}\n`);
  }
  out('Next: npx countersign status   (the freeze, counts, pending approvals)');
  out('Stop every agent at once: COUNTERSIGN_OPERATOR=erin npx countersign kill --reason "drill"; then: COUNTERSIGN_OPERATOR=erin npx countersign resume');
}
