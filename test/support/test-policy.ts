export interface TestPolicyOptions {
  /** The loopback server the http actions call. */
  httpBase?: string;
  rollbackWindow?: string;
  ciTimeout?: string;
  approvalTimeout?: string;
  /** Approval events of merge_pull_request also go to this webhook. */
  webhookUrl?: string;
  extra?: string;
  /** More entries under `actions:` (indented two spaces), e.g. actions that notify by email. */
  extraActions?: string;
  /** The `notifiers.slack` section (YAML flow mapping), e.g. `{ channel: C0APPROVALS, attempts: 2 }`. */
  slack?: string;
  /** Slack member ids for carol, dave and erin, who have none by default. */
  slackIds?: Partial<Record<'carol' | 'dave' | 'erin', string>>;
}

/**
 * The governance file the integration tests run under: the shape of countersign.example.yaml,
 * with waits of seconds so the same code runs fast.
 */
export function testPolicy(options: TestPolicyOptions = {}): string {
  const http = options.httpBase ?? 'http://127.0.0.1:9';
  const window = options.rollbackWindow ?? '3s';
  const slackId = (person: 'carol' | 'dave' | 'erin') => (options.slackIds?.[person] ? `, slack_id: ${options.slackIds[person]}` : '');
  const notifiers = [
    options.webhookUrl ? `  webhook: { url: "${options.webhookUrl}", headers: { X-Token: "\${HOOK_TOKEN}" } }` : '',
    options.slack ? `  slack: ${options.slack}` : '',
  ].filter(Boolean);
  return `
version: 1
name: integration tests
people:
  alice: { name: Alice Owner, email: alice@example.com, slack_id: U0ALICE01 }
  bob: { name: Bob Reviewer, email: bob@example.com, slack_id: U0BOB0001 }
  carol: { name: Carol Reviewer, email: carol@example.com${slackId('carol')} }
  dave: { name: Dave Stranger, email: dave@example.com${slackId('dave')} }
  erin: { name: Erin Operator, email: erin@example.com${slackId('erin')} }
approver_groups:
  maintainers: [alice, bob, carol]
operators: [erin]
agents:
  bot:
    owner: alice
    version: 1.0.0
    actions: [read_repository, create_comment, create_pull_request, open_pr_with_ci, deploy_service, merge_pull_request, merge_quickly, delete_branch, force_push, "github.*", "repo.*"]
  narrow-bot:
    owner: alice
    version: 0.1.0
    actions: [read_repository]
actions:
  read_repository: { tier: 0 }
  create_comment: { tier: 1 }
  create_pull_request:
    tier: 2
    executor: { type: ledger, account: pull-requests, amount_param: amount }
    rollback_window: ${window}
  open_pr_with_ci:
    tier: 2
    executor: { type: ledger, account: pull-requests }
    rollback_window: 30s
    ci: { timeout: ${options.ciTimeout ?? '2s'} }
  deploy_service:
    tier: 2
    executor:
      type: http
      url: ${http}/deploy
      headers: { Authorization: "Bearer \${DEPLOY_TOKEN}" }
      timeout: 2s
      compensate: { url: ${http}/undeploy, method: POST }
      secrets: [DEPLOY_TOKEN]
    rollback_window: ${window}
  merge_pull_request:
    tier: 3
    executor: { type: ledger, account: merges }
    approvers: [maintainers]
    rollback_window: ${window}
    notify: [log${options.webhookUrl ? ', webhook' : ''}]
  merge_quickly:
    tier: 3
    executor: { type: ledger, account: merges }
    approvers: [maintainers]
    approval_timeout: ${options.approvalTimeout ?? '2s'}
  delete_branch:
    tier: 4
    executor: { type: ledger, account: branches }
    approvers: [maintainers]
    quorum: 2
    rollback_window: ${window}
${options.extraActions ?? ''}
dlp:
  default: block
  types: { email: redact }
blacklist:
  actions: [force_push]
  resources: ["github.com/SecureBananaLabs/**"]
${notifiers.length ? `notifiers:\n${notifiers.join('\n')}` : ''}
${options.extra ?? ''}
`;
}

/** A well-formed request; override what a test is about. */
export function request(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    agentId: 'bot',
    taskId: 'task-fix-issue-123',
    action: 'create_pull_request',
    resource: 'github.com/acme/api/pull/42',
    params: { title: 'Guard against null user', amount: 1 },
    draft: 'Adds a guard clause so a missing user no longer crashes the handler.',
    decision: { reasoning: 'Fixed the null pointer exception by adding a guard clause', confidence: 0.92, risk: 'low' },
    ...overrides,
  };
}
