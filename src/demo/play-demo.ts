import type { ActionStatus } from '../action/action-status.ts';
import type { CountersignClient } from '../client/connect.ts';
import type { GovernedAction } from '../client/start-result.ts';
import { CountersignError } from '../errors/countersign-error.ts';
import { statusQuery } from '../../workflows/messages.ts';
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

async function settled(action: GovernedAction, timeoutMs: number): Promise<ActionStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await action.handle.query(statusQuery);
    if (SETTLED.has(status.state) || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
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
    const approval = status.approval;
    if (status.state === 'awaiting_approval' && approval) {
      const confirm = result.tier >= 4 ? ' --confirm' : '';
      out(`   waiting for ${approval.quorum} of ${approval.approvers.join(', ')} by ${approval.deadline ?? 'its deadline'} (the agent's owner may not approve)`);
      out(`   Temporal UI: ${workflowUiLink(deps.uiUrl, deps.namespace, result.workflowId)}`);
      out('   decide as an approver:');
      for (const person of approval.approvers.slice(0, approval.quorum)) out(`     COUNTERSIGN_OPERATOR=${person} npx countersign approve ${id}${confirm}`);
      out(`     COUNTERSIGN_OPERATOR=${approval.approvers[0] ?? 'bob'} npx countersign reject ${id} --reason "not now"`);
    } else if (status.state === 'published') {
      out(`   published (${status.receipts.map((receipt) => `${receipt.executor} ${receipt.reference}`).join(', ')}); inside its rollback window until ${status.windowClosesAt ?? '?'}`);
      out('   where the policy asks for CI (ci.timeout), no passing ciResult in time rolls it back');
      out(`   Temporal UI: ${workflowUiLink(deps.uiUrl, deps.namespace, result.workflowId)}`);
      out(`   roll it back: COUNTERSIGN_OPERATOR=erin npx countersign rollback ${id} --reason "wrong base branch"`);
    } else {
      out(`   ${status.state}${status.reason ? `: ${status.reason}` : ''}`);
      out(`   Temporal UI: ${workflowUiLink(deps.uiUrl, deps.namespace, result.workflowId)}`);
    }
    out(`   the whole story: npx countersign actions show ${id}\n`);
  }
  out('Next: npx countersign status   (the freeze, counts, pending approvals)');
  out('Stop every agent at once: COUNTERSIGN_OPERATOR=erin npx countersign kill --reason "drill"; then: COUNTERSIGN_OPERATOR=erin npx countersign resume');
}
