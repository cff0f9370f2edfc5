import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { CountersignError } from '../errors/countersign-error.ts';
import { RequestInvalidError } from '../errors/request-errors.ts';
import { PolicyRefusalError } from '../policy/policy-refusal.ts';
import type { AgentApi } from './agent-api.ts';
import { MAX_WAIT_SECONDS, RollbackBodySchema, SubmitActionBodySchema } from './api-schemas.ts';
import type { AuthenticatedAgent } from './authenticate-agent.ts';
import { describeAction, describeStart } from './describe-action.ts';

const ActionIdSchema = z.object({ actionId: z.string().min(1).max(200).describe('The action id start_action answered with.') });
const WaitSchema = ActionIdSchema.extend({
  seconds: z.number().int().min(1).max(MAX_WAIT_SECONDS).default(30).describe('How long to wait at most.'),
  state: z.string().max(64).optional().describe('The state last seen; the wait ends as soon as the action leaves it (default: its current state).'),
});
const RollbackSchema = ActionIdSchema.extend(RollbackBodySchema.shape);

const text = (message: string, structured?: Record<string, unknown>): CallToolResult => ({
  content: [{ type: 'text', text: message }],
  ...(structured ? { structuredContent: structured } : {}),
});

/** A refusal as a tool error the model can read: the code, the rule or the fields, and what to do. */
function refusal(error: unknown): CallToolResult {
  if (!(error instanceof CountersignError)) throw error;
  const where =
    error instanceof PolicyRefusalError ? ` by policy rule ${error.rule}` : error instanceof RequestInvalidError ? ` (${error.issues.map((i) => i.path || '(root)').join(', ')})` : '';
  return {
    isError: true,
    content: [{ type: 'text', text: `refused${where} [${error.code}]: ${error.message}` }],
    structuredContent: {
      code: error.code,
      message: error.message,
      ...(error instanceof PolicyRefusalError ? { rule: error.rule } : {}),
      ...(error instanceof RequestInvalidError ? { issues: [...error.issues] } : {}),
    },
  };
}

/**
 * The MCP server of one authenticated agent (one per request: the transport is stateless). Its
 * tools are the gateway's operations, with input schemas from the same zod schemas.
 */
/** Runs a tool's work; a Countersign refusal becomes a tool error, anything else propagates. */
const answering =
  <A>(work: (args: A) => Promise<CallToolResult>) =>
  async (args: A): Promise<CallToolResult> => {
    try {
      return await work(args);
    } catch (error) {
      return refusal(error);
    }
  };

export function agentMcpServer(api: AgentApi, agent: AuthenticatedAgent, signal: AbortSignal): McpServer {
  const server = new McpServer({ name: 'countersign', version: '1' });
  server.registerTool(
    'start_action',
    {
      title: 'Ask Countersign to perform an action',
      description:
        'Every write your task needs goes through here. Tier 0–1 answers "allowed": then do it yourself. Tier 2+ is governed: Countersign publishes it (after approval for tier 3+); never do it yourself. A refusal names the policy rule.',
      inputSchema: SubmitActionBodySchema,
    },
    answering(async (args) => {
      const answer = await api.submit(agent, args);
      return text(describeStart(answer), answer);
    }),
  );
  server.registerTool(
    'get_action',
    { title: 'Read one of your actions', description: 'Its state in words: waiting for whom, published, refused by which rule, what DLP found.', inputSchema: ActionIdSchema },
    answering(async ({ actionId }: z.infer<typeof ActionIdSchema>) => {
      const view = await api.read(agent, actionId);
      return text(describeAction(view), view);
    }),
  );
  server.registerTool(
    'wait_for_action',
    {
      title: 'Wait for one of your actions to change',
      description: `Answers at once if the action is no longer in \`state\`; else as soon as it changes (a new state, its rollback window closing), or after the wait (at most ${MAX_WAIT_SECONDS} s).`,
      inputSchema: WaitSchema,
    },
    answering(async ({ actionId, seconds, state }: z.infer<typeof WaitSchema>) => {
      const view = await api.read(agent, actionId, { seconds, ...(state === undefined ? {} : { state }), signal });
      return text(describeAction(view), view);
    }),
  );
  server.registerTool(
    'rollback_action',
    { title: 'Roll back one of your published actions', description: 'Inside its rollback window only; say why.', inputSchema: RollbackSchema },
    answering(async ({ actionId, reason }: z.infer<typeof RollbackSchema>) => {
      const answer = await api.rollback(agent, actionId, { reason });
      return text(answer.message, answer);
    }),
  );
  return server;
}
