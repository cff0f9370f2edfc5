/** One step of the demo agent's day: what it asks for, and what a newcomer should notice. */
export interface DemoStep {
  title: string;
  request: {
    agentId: string;
    taskId: string;
    action: string;
    resource: string;
    params: Record<string, string | number>;
    draft: string;
    decision: { reasoning: string; confidence: number; risk: 'low' | 'medium' | 'high' | 'destructive' };
  };
}

/**
 * The scripted agent: `bounty-hunter` from countersign.example.yaml, one action of each tier,
 * then two the guardrails stop. `run` keeps each replay's task ids (and idempotency) apart.
 */
export function demoScript(run: string): DemoStep[] {
  const repo = 'github.com/acme/payments-api';
  const step = (title: string, action: string, resource: string, draft: string, risk: DemoStep['request']['decision']['risk'], reasoning: string): DemoStep => ({
    title,
    request: {
      agentId: 'bounty-hunter',
      taskId: `demo-${run}-${action}`,
      action,
      resource,
      params: { demo: run },
      draft,
      decision: { reasoning, confidence: 0.93, risk },
    },
  });
  return [
    step('tier 0, read-only', 'read_repository', repo, 'git clone', 'low', 'Read the code around the reported bug'),
    step('tier 1, low-impact write', 'create_comment', `${repo}/issues/7`, 'I am working on this; a fix follows today.', 'low', 'Claim the bounty'),
    step('tier 2, write-audit-publish with a rollback window', 'create_pull_request', `${repo}/pull/new`, 'Guard against a null customer in the refund handler.', 'low', 'Open the fix for review'),
    step('tier 3, waits for one approver', 'merge_pull_request', `${repo}/pull/8`, 'Merge the refund fix.', 'medium', 'CI is green and the fix is small'),
    step('tier 4, destructive: a quorum of two, with confirmation', 'delete_branch', `${repo}/branches/fix-refund-null`, 'Delete the merged fix branch.', 'destructive', 'The branch is merged'),
    step('guardrail: a blacklisted repository', 'create_comment', 'github.com/SecureBananaLabs/bounties/issues/1', 'I can fix this for the bounty.', 'low', 'A bounty worth 500 USD'),
    step('guardrail: DLP finds a secret in the draft', 'create_pull_request', `${repo}/pull/new-config`, 'Adds config: AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz9Q3mT8pL', 'low', 'Add the deploy configuration'),
  ];
}
