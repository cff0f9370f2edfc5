import { z } from 'zod';
import { ActionViewSchema } from './action-view.ts';
import { ApiErrorSchema, MAX_WAIT_SECONDS, RollbackAnswerSchema, RollbackBodySchema, StartAnswerSchema, SubmitActionBodySchema } from './api-schemas.ts';

type JsonObject = Record<string, unknown>;

// Recursive parts (JSON values) come out as `$defs`; OpenAPI resolves `#/...` against the whole
// document, so they move into components/schemas under the owning schema's name.
const hoisted: Record<string, unknown> = {};
const schema = (name: string, s: z.ZodType, io: 'input' | 'output'): JsonObject => {
  const { $schema: _drop, $defs, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as JsonObject & { $defs?: Record<string, unknown> };
  const rename = (text: string) => text.replace(/"#\/\$defs\/([^"]+)"/g, `"#/components/schemas/${name}_$1"`);
  for (const [def, body] of Object.entries($defs ?? {})) hoisted[`${name}_${def}`] = JSON.parse(rename(JSON.stringify(body)));
  return JSON.parse(rename(JSON.stringify(rest))) as JsonObject;
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string, description: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });
const error = (description: string) => json('Error', description);

const authErrors = {
  '401': error('No key, an unknown or malformed key (`api_key_missing`, `api_key_invalid`), or a revoked one (`api_key_revoked`).'),
  '429': { ...error('Over this key’s request rate (`too_many_requests`); the Retry-After header says when to send it again.'), headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'seconds' } } },
};
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'The action id the start answered with.' };

let cached: JsonObject | undefined;

/**
 * The gateway's OpenAPI 3.1 document, generated from the zod schemas that validate requests and
 * shape answers, so the two cannot drift.
 */
export function openApiDocument(): JsonObject {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'Countersign agent gateway',
      version: '1',
      description:
        'Agents propose; humans countersign. An agent holds one API key (`Authorization: Bearer csk_…`), which names the agent. Tier 0–1 actions are allowed at once; tier 2+ are governed: staged, scanned, approved by people where the policy says so, published by Countersign’s executors, and open to rollback for a window.',
    },
    security: [{ agentKey: [] }],
    paths: {
      '/v1/actions': {
        post: {
          operationId: 'startAction',
          summary: 'Ask Countersign to perform an action',
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' }, description: 'The same key twice is the same action, never a second one (or send `idempotencyKey` in the body).' }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('ActionRequest') } } },
          responses: {
            '200': json('AllowedAnswer', 'Tier 0–1: allowed and audited; the agent performs the action itself.'),
            '202': { ...json('GovernedAnswer', 'Tier 2+: accepted for governance; follow `links.self` for its state and outcome.'), headers: { Location: { schema: { type: 'string' } } } },
            '400': error('Not JSON, or not `application/json` (`request_malformed`).'),
            ...authErrors,
            '403': error('Refused by the policy: `code` (`policy_not_in_manifest`, `policy_rate_limited`, `frozen`, …), `rule` and `message`; or the body named another agent (`agent_mismatch`).'),
            '409': error('This idempotency key was used for a different request (`idempotency_key_conflict`).'),
            '413': error('The body is too large (`request_too_large`).'),
            '415': error('The content type is not JSON (`request_malformed`).'),
            '422': error('Invalid (`request_invalid`): `issues` names every bad field by its path.'),
          },
        },
      },
      '/v1/actions/{id}': {
        get: {
          operationId: 'getAction',
          summary: 'Read one of this agent’s actions, or wait for it to change',
          parameters: [
            idParameter,
            { name: 'wait', in: 'query', required: false, schema: { type: 'integer', minimum: 0, maximum: MAX_WAIT_SECONDS }, description: 'Long poll: answer at once if the state is not `state`; else as soon as the action changes (a new state, or its rollback window closing, which sets `outcome`), or after this many seconds.' },
            { name: 'state', in: 'query', required: false, schema: { type: 'string' }, description: 'The state the agent last saw (default: the state when the request arrives).' },
          ],
          responses: {
            '200': json('Action', 'The action: state, tier and rule, outcome, approvals, DLP findings (never values), receipts, rollback window.'),
            ...authErrors,
            '404': error('No such action of this agent (`action_not_found`); another agent’s action is answered the same way.'),
            '422': error('A bad `wait` or `state` (`request_invalid`).'),
          },
        },
      },
      '/v1/actions/{id}/rollback': {
        post: {
          operationId: 'rollbackAction',
          summary: 'Ask to roll back one of this agent’s published actions inside its rollback window',
          parameters: [idParameter],
          requestBody: { required: true, content: { 'application/json': { schema: ref('RollbackRequest') } } },
          responses: {
            '202': json('RollbackAnswer', 'The rollback was asked for; follow the action until its outcome is `rolled_back`.'),
            '400': error('Not JSON (`request_malformed`).'),
            ...authErrors,
            '404': error('No such action of this agent (`action_not_found`).'),
            '409': error('The window has closed (`rollback_window_closed`) or there is nothing to roll back (`rollback_refused`).'),
            '422': error('No reason (`request_invalid`).'),
          },
        },
      },
      '/v1/openapi.json': {
        get: { operationId: 'openApi', summary: 'This document', security: [], responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } } },
      },
    },
    components: {
      securitySchemes: { agentKey: { type: 'http', scheme: 'bearer', description: 'The agent’s key, `csk_…` (countersign agents key create <agentId>).' } },
      schemas: {
        ActionRequest: schema('ActionRequest', SubmitActionBodySchema, 'input'),
        AllowedAnswer: schema('AllowedAnswer', StartAnswerSchema.options[0], 'output'),
        GovernedAnswer: schema('GovernedAnswer', StartAnswerSchema.options[1], 'output'),
        Action: schema('Action', ActionViewSchema, 'output'),
        RollbackRequest: schema('RollbackRequest', RollbackBodySchema, 'input'),
        RollbackAnswer: schema('RollbackAnswer', RollbackAnswerSchema, 'output'),
        Error: schema('Error', ApiErrorSchema, 'output'),
        ...hoisted,
      },
    },
  };
  return cached;
}
