import { resolveVariables, type Env } from '../config/resolve-variables.ts';
import { ErrorCode } from '../errors/countersign-error.ts';
import { ExecutorError, misconfigured } from './executor-error.ts';
import type { ExecutorSpec, HttpRequestSpec } from './executor-spec.ts';
import type { Executor, PublishInput, Receipt } from './executor.ts';
import type { JsonValue } from './json-value.ts';

export type HttpExecutorSpec = Extract<ExecutorSpec, { type: 'http' }>;

/** Receipts go into Temporal history, so a response body is kept only up to these sizes. */
export const MAX_TEXT_BODY_CHARS = 2_000;
export const MAX_JSON_BODY_CHARS = 16_000;

interface HttpAnswer {
  status: number;
  body: JsonValue;
}

type Purpose = 'publish' | 'compensate' | 'verify';

// Resolved per call, so a rotated credential is picked up without a restart. Values are never
// logged or returned: errors name the header and variable only.
function resolveHeaders(request: HttpRequestSpec, env: Env, purpose: Purpose): Headers {
  const headers = new Headers();
  for (const [name, template] of Object.entries(request.headers)) {
    const resolved = resolveVariables(template, env);
    if (!resolved.ok) {
      throw misconfigured(
        `http executor: header ${name} of the ${purpose} request to ${request.method} ${request.url} needs the environment variable ${resolved.missing.join(', ')}, which is not set; set it in the worker's environment`,
      );
    }
    const value = resolved.value;
    try {
      headers.set(name, value);
    } catch (error) {
      throw misconfigured(
        `http executor: header ${name} of the ${purpose} request to ${request.method} ${request.url} is not a valid header name or value; check it and the variables it uses`,
        error,
      );
    }
  }
  return headers;
}

function parseBody(text: string): JsonValue {
  if (text.length > 0 && text.length <= MAX_JSON_BODY_CHARS) {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      // not JSON: kept as text below
    }
  }
  return text.slice(0, MAX_TEXT_BODY_CHARS);
}

function describe(purpose: Purpose, request: HttpRequestSpec): string {
  return `http executor: ${purpose} ${request.method} ${request.url}`;
}

function transportError(purpose: Purpose, request: HttpRequestSpec, timeoutMs: number, error: unknown): ExecutorError {
  const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  const what = timedOut
    ? `got no answer within ${timeoutMs} ms`
    : `could not reach the target (${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)})`;
  return new ExecutorError(ErrorCode.ExecutorFailed, `${describe(purpose, request)} ${what}; a retry may succeed`, {
    retryable: true,
    cause: error,
  });
}

function statusError(purpose: Purpose, request: HttpRequestSpec, answer: HttpAnswer): ExecutorError {
  const retryable = answer.status >= 500 || answer.status === 429;
  const excerpt = JSON.stringify(answer.body).slice(0, 200);
  const next = retryable ? 'a retry may succeed' : 'fix the request or the target; a retry will not help';
  return new ExecutorError(ErrorCode.ExecutorFailed, `${describe(purpose, request)} answered ${answer.status}: ${excerpt}; ${next}`, {
    retryable,
    status: answer.status,
  });
}

function isOk(status: number): boolean {
  return status >= 200 && status < 300;
}

function referenceOf(answer: HttpAnswer): string {
  const body = answer.body;
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const id = body.id;
    if (typeof id === 'string' || typeof id === 'number') return String(id);
  }
  return String(answer.status);
}

/**
 * Publishes an action as an HTTP request to a configured endpoint, and rolls it back with the
 * configured compensating request. Credentials come from the worker's environment via `${NAME}`.
 */
export function createHttpExecutor(spec: HttpExecutorSpec, workerEnv: Env, fetchImpl: typeof fetch = fetch): Executor {
  async function send(purpose: Purpose, request: HttpRequestSpec, body: object, idempotencyKey?: string): Promise<HttpAnswer> {
    // Only the variables the executor lists as its secrets, read now; any other `${NAME}` is unset.
    const env: Env = Object.fromEntries(spec.secrets.map((name) => [name, workerEnv[name]]));
    const headers = resolveHeaders(request, env, purpose);
    headers.set('Content-Type', 'application/json');
    if (idempotencyKey !== undefined) headers.set('Idempotency-Key', idempotencyKey);
    const init: RequestInit = { method: request.method, headers, signal: AbortSignal.timeout(spec.timeout) };
    // fetch refuses a body on GET; such a target reads the Idempotency-Key header only.
    if (request.method !== 'GET') init.body = JSON.stringify(body);
    let answer: HttpAnswer;
    try {
      const response = await fetchImpl(request.url, init);
      answer = { status: response.status, body: parseBody(await response.text()) };
    } catch (error) {
      throw transportError(purpose, request, spec.timeout, error);
    }
    return answer;
  }

  function receiptOf(answer: HttpAnswer): Receipt {
    return { executor: 'http', reference: referenceOf(answer), details: { status: answer.status, body: answer.body } };
  }

  const executor: Executor = {
    async execute(input) {
      const body = {
        actionId: input.actionId,
        action: input.action,
        resource: input.resource,
        params: input.params,
        draft: input.draft,
        idempotencyKey: input.idempotencyKey,
      };
      const answer = await send('publish', spec, body, input.idempotencyKey);
      if (!isOk(answer.status)) throw statusError('publish', spec, answer);
      return receiptOf(answer);
    },

    async compensate(input, receipt) {
      const key = `${input.idempotencyKey}:compensate`;
      const body = { actionId: input.actionId, action: input.action, resource: input.resource, idempotencyKey: key, receipt };
      const answer = await send('compensate', spec.compensate, body, key);
      if (!isOk(answer.status)) throw statusError('compensate', spec.compensate, answer);
      return receiptOf(answer);
    },
  };

  const verifyRequest = spec.verify;
  if (verifyRequest !== undefined) {
    // A refusal (4xx) is a failed check; a target that is down (5xx, 429, network) is retried.
    executor.verify = async (input: PublishInput, receipt: Receipt) => {
      const answer = await send('verify', verifyRequest, { actionId: input.actionId, receipt });
      if (answer.status >= 500 || answer.status === 429) throw statusError('verify', verifyRequest, answer);
      const detail = `verify ${verifyRequest.method} ${verifyRequest.url} answered ${answer.status}`;
      if (isOk(answer.status)) return { passed: true, detail };
      return { passed: false, detail: `${detail}: ${JSON.stringify(answer.body).slice(0, 500)}` };
    };
  }
  return executor;
}
