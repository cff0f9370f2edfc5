import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';
import { PolicyInvalidError } from '../errors/request-errors.ts';
import { loadPolicy, parsePolicy } from './load-policy.ts';

const EXAMPLE = fileURLToPath(new URL('../../countersign.example.yaml', import.meta.url));

function invalid(text: string): PolicyInvalidError {
  try {
    parsePolicy(text, 'countersign.yaml');
  } catch (error) {
    if (error instanceof PolicyInvalidError) return error;
    throw error;
  }
  assert.fail('expected a PolicyInvalidError');
}

const BASE = `# a small policy
version: 1
people:
  alice: {name: Alice, slack_id: U0A11CE001, email: alice@example.com}
  bob: {name: Bob}
approver_groups:
  maintainers: [alice, bob]
agents:
  bounty-hunter:
    owner: alice
    version: "1.0.0"
    actions: [create_pull_request, merge_pull_request]
actions:
  create_pull_request:
    tier: 2
    executor: {type: ledger, account: prs}
  merge_pull_request:
    tier: 3
    executor: {type: ledger, account: merges}
    approvers: [maintainers]
`;

describe('loadPolicy', () => {
  it('loads the example policy at the repository root without errors', async () => {
    const loaded = await loadPolicy(EXAMPLE);
    assert.equal(loaded.file, EXAMPLE);
    assert.match(loaded.version, /^[0-9a-f]{16}$/);
    assert.deepEqual(Object.keys(loaded.policy.agents).sort(), ['bounty-hunter', 'deploy-bot']);
    assert.equal(loaded.policy.actions.delete_branch?.quorum, 2);
    assert.equal(loaded.policy.actions.merge_pull_request?.approval_timeout, 4 * 3_600_000);
    assert.equal(loaded.policy.actions.create_pull_request?.ci?.timeout, 30 * 60_000);
    assert.deepEqual(loaded.policy.blacklist.actions, ['force_push', 'delete_repository', 'modify_webhooks']);
  });

  it('says which file is missing and how to point at another', async () => {
    const missing = path.join(tmpdir(), 'countersign-no-such-policy.yaml');
    await assert.rejects(loadPolicy(missing), (error: unknown) => {
      assert.ok(error instanceof CountersignError);
      assert.equal(error.code, ErrorCode.PolicyNotFound);
      assert.match(error.message, new RegExp(`${missing.replaceAll('.', '\\.')} does not exist`));
      assert.match(error.message, /COUNTERSIGN_POLICY/);
      return true;
    });
  });

  it('reads the file it is given', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'countersign-policy-'));
    try {
      const file = path.join(dir, 'countersign.yaml');
      await writeFile(file, BASE);
      assert.deepEqual((await loadPolicy(file)).policy.operators, []);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('parsePolicy', () => {
  it('lists every schema error by its path in the file', () => {
    const error = invalid(`version: 1
people:
  alice: {name: Alice}
approver_groups:
  maintainers: [alice]
agents:
  bounty-hunter:
    owner: zed
    version: "1"
    actions: [create_pull_request]
actions:
  create_pull_request:
    tier: 2
  merge_pull_request:
    tier: 3
    executor: {type: ledger, account: merges}
    approvers: [maintainer]
    quorum: two
  close_issue:
    tier: 3
    executor: {type: ledger, account: issues}
    approvers: [maintainers]
    qourum: 1
`);
    assert.equal(error.code, ErrorCode.PolicyInvalid);
    const byPath = new Map(error.issues.map((issue) => [issue.path, issue.message]));
    assert.match(byPath.get('actions.merge_pull_request.quorum') ?? '', /^expected a number ≥ 1, got "two" \(line 18\)$/);
    assert.match(
      byPath.get('agents.bounty-hunter.owner') ?? '',
      /^"zed" is not under people; add them under people: or fix the id \(line 8\)$/,
    );
    assert.match(byPath.get('actions.merge_pull_request.approvers.0') ?? '', /"maintainer" is not under approver_groups/);
    assert.match(byPath.get('actions.create_pull_request.executor') ?? '', /a tier-2 action needs an executor/);
    assert.match(byPath.get('actions.close_issue.qourum') ?? '', /unknown key; the keys allowed here are: tier, .*quorum/);
    assert.equal(error.issues.length, 5, error.message);
    assert.match(error.message, /^the policy file countersign\.yaml is invalid; fix these entries and start again:\n/);
    assert.match(error.message, /\n {2}actions\.merge_pull_request\.quorum: expected a number ≥ 1/);
  });

  it('refuses an executor header naming a variable its secrets do not list, by its path', () => {
    const error = invalid(`${BASE}  deploy:
    tier: 2
    executor:
      type: http
      url: https://deploy.example.com/v1
      headers: { Authorization: "Bearer \${DEPLOY_TOKEN}", X-Home: "\${HOME}" }
      compensate: { url: https://deploy.example.com/v1/undo, headers: { Authorization: "Bearer \${DEPLOY_TOKEN}" } }
      secrets: [DEPLOY_TOKEN]
`);
    assert.deepEqual(
      error.issues.map((issue) => issue.path),
      ['actions.deploy.executor.headers.X-Home'],
    );
    assert.match(error.issues[0]?.message ?? '', /names \$\{HOME\}, which this executor's secrets do not list; add it \(secrets: \[DEPLOY_TOKEN, HOME\]\)/);
  });

  it('reports a YAML syntax error with its line and column', () => {
    const error = invalid('version: 1\nagents:\n  bounty-hunter: [\n    owner: alice\nactions: {}\n');
    assert.equal(error.issues.length >= 1, true);
    assert.match(error.issues[0]?.path ?? '', /^line \d+, column \d+$/);
    assert.match(error.message, /line 5, column 1/);
  });

  it('refuses a key written twice rather than keeping the last one', () => {
    const error = invalid('version: 1\nactions: {}\nactions: {}\n');
    assert.equal(error.issues[0]?.path, 'line 3, column 1');
    assert.match(error.issues[0]?.message ?? '', /unique/);
  });

  it('refuses an empty file, pointing at the example', () => {
    assert.match(invalid('# nothing yet\n').message, /the file is empty; start from countersign\.example\.yaml/);
  });

  it('gives the same version when only comments, whitespace and key order change', () => {
    const base = parsePolicy(BASE, 'a.yaml').version;
    const reformatted = BASE.replace('# a small policy', '# reworded comment\n\n')
      .replace('tier: 3\n', 'tier:   3   # needs approval\n')
      .replace('version: 1\n', '')
      .concat('version: 1\n');
    assert.equal(parsePolicy(reformatted, 'b.yaml').version, base);
    const explicitDefaults = BASE.concat('operators: []\n');
    assert.equal(parsePolicy(explicitDefaults, 'c.yaml').version, base);
  });

  it('gives a new version for any change to a rule', () => {
    const base = parsePolicy(BASE, 'a.yaml').version;
    assert.notEqual(parsePolicy(BASE.replace('tier: 2', 'tier: 3\n    approvers: [maintainers]'), 'a.yaml').version, base);
    assert.notEqual(parsePolicy(BASE.concat('blacklist: {actions: [force_push]}\n'), 'a.yaml').version, base);
    assert.notEqual(parsePolicy(BASE.replace('name: Bob', 'name: Robert'), 'a.yaml').version, base);
  });
});
