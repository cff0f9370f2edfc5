import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createHarness, type Harness } from './support/harness.ts';
import { runCountersign } from './support/run-cli.ts';
import { request, testPolicy } from './support/test-policy.ts';

interface ToolAnswer {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
}

// An agent that speaks MCP is governed by adding one server to its configuration: the URL and its key.
describe('MCP at /mcp: the same gateway for agents that speak the Model Context Protocol', () => {
  let h: Harness;
  let mcp: Client;

  async function connect(key: string): Promise<Client> {
    assert.ok(h.gateway);
    const client = new Client({ name: 'test-agent', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${h.gateway.url}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${key}` } } }));
    return client;
  }
  const call = async (name: string, args: Record<string, unknown>): Promise<ToolAnswer> => (await mcp.callTool({ name, arguments: args })) as ToolAnswer;
  const textOf = (answer: ToolAnswer) => answer.content.map((c) => c.text ?? '').join('\n');
  const ask = (overrides: Record<string, unknown>) => {
    const { agentId: _agent, ...rest } = request(overrides);
    return rest;
  };

  before(async () => {
    h = await createHarness(testPolicy(), { gateway: true });
    assert.ok(h.gateway);
    mcp = await connect(await h.gateway.issueKey('bot'));
  });
  after(async () => {
    await mcp.close();
    await h.close();
  });

  it('lists the tools, their input schemas derived from the request schemas', async () => {
    const { tools } = await mcp.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['get_action', 'rollback_action', 'start_action', 'wait_for_action']);
    const start = tools.find((t) => t.name === 'start_action');
    assert.deepEqual(Object.keys(start?.inputSchema.properties ?? {}).sort(), ['action', 'agentId', 'context', 'decision', 'draft', 'idempotencyKey', 'params', 'resource', 'taskId']);
  });

  it('allows tier 1 and says so in words', async () => {
    const answer = await call('start_action', ask({ action: 'create_comment', taskId: 'mcp-t1' }));
    assert.equal(answer.isError, undefined);
    assert.match(textOf(answer), /^allowed at once \(tier 1, actions\.create_comment\.tier\) and audited: perform the action yourself/);
    assert.equal(answer.structuredContent?.agentId, 'bot');
  });

  it('governs tier 3: says whom it waits for, and reports it published once approved with the CLI', async () => {
    const started = await call('start_action', ask({ action: 'merge_pull_request', taskId: 'mcp-t3' }));
    assert.match(textOf(started), /accepted for governance at tier 3 \(actions\.merge_pull_request\.tier\).*once people approve; do not perform it yourself/);
    const actionId = String(started.structuredContent?.actionId);
    let answer = await call('get_action', { actionId });
    while (answer.structuredContent?.state !== 'awaiting_approval') {
      answer = await call('wait_for_action', { actionId, seconds: 20, state: String(answer.structuredContent?.state) });
    }
    assert.match(textOf(answer), /is waiting for approval by 1 of alice, bob, carol until \d{4}-.*; 0 approved so far/);
    const approved = await runCountersign(h, ['approve', actionId], { operator: 'carol' });
    assert.equal(approved.code, 0, approved.err.join('\n'));
    while (answer.structuredContent?.state !== 'published') {
      answer = await call('wait_for_action', { actionId, seconds: 20, state: String(answer.structuredContent?.state) });
    }
    assert.match(textOf(answer), /was published \(ledger \S+\); it may be rolled back until/);
  });

  it('answers a policy refusal as a tool error naming the rule and the code', async () => {
    const answer = await call('start_action', ask({ action: 'force_push', taskId: 'mcp-refused' }));
    assert.equal(answer.isError, true);
    assert.match(textOf(answer), /^refused by policy rule blacklist\.actions \[policy_action_blacklisted\]: action "force_push"/);
    assert.deepEqual([answer.structuredContent?.code, answer.structuredContent?.rule], ['policy_action_blacklisted', 'blacklist.actions']);
  });

  it('names the bad fields of an invalid request, and refuses another agent’s id', async () => {
    const invalid = await call('start_action', { ...ask({ taskId: 'mcp-bad' }), decision: { reasoning: 'x', confidence: 7, risk: 'low' } });
    assert.equal(invalid.isError, true);
    assert.match(textOf(invalid), /decision\.confidence/);
    const claimed = await call('start_action', { ...ask({ taskId: 'mcp-claim' }), agentId: 'narrow-bot' });
    assert.equal(claimed.isError, true);
    assert.match(textOf(claimed), /\[agent_mismatch\]/);
  });

  it('refuses a client without a valid key before any tool runs', async () => {
    await assert.rejects(connect('csk_000000000000_' + '0'.repeat(64)), /401|api_key_invalid/);
  });
});
