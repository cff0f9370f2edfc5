import { CountersignError, PolicyRefusalError, RequestInvalidError } from './errors.ts';
import type { ActionOutcome, ActionRequest, ActionView, AllowedAnswer, ApiErrorBody, GovernedAnswer } from './types.ts';

export interface ConnectOptions {
  /** The gateway, e.g. http://localhost:8787 (default: COUNTERSIGN_URL). */
  url?: string;
  /** The agent's key, `csk_…` (default: COUNTERSIGN_API_KEY). */
  apiKey?: string;
}

/** Tier 2+: Countersign carries the action; never perform it yourself. */
export interface GovernedAction extends GovernedAnswer {
  /** The action now. */
  status(): Promise<ActionView>;
  /** Resolves with the final outcome (a published action's when its rollback window closes, 24 h by default). */
  result(options?: { signal?: AbortSignal }): Promise<ActionOutcome>;
  /** At once if the action is no longer in `state`; else once it changes (default: from its state now), or after `seconds`. */
  waitForChange(options?: { state?: string; seconds?: number }): Promise<ActionView>;
}

export type StartActionResult = AllowedAnswer | GovernedAction;

export interface CountersignClient {
  /** Asks Countersign to perform an action. Throws CountersignError (PolicyRefusalError, RequestInvalidError) when refused. */
  startAction(request: ActionRequest): Promise<StartActionResult>;
  /** One of this agent's actions. */
  getAction(actionId: string): Promise<ActionView>;
  /** Long poll: at once if the action is no longer in `state`; else once it changes (a new state, its window closing), or after `seconds` (at most 60). */
  waitForAction(actionId: string, options?: { state?: string; seconds?: number }): Promise<ActionView>;
  /** Asks to roll back one of this agent's published actions inside its rollback window. */
  rollback(actionId: string, args: { reason: string }): Promise<void>;
  /** Nothing to release (plain HTTP); kept so code written for a connection reads the same. */
  close(): Promise<void>;
}

const FINAL_WAIT_SECONDS = 30;

function environment(): Record<string, string | undefined> {
  const g = globalThis as { process?: { env?: Record<string, string | undefined> } };
  return g.process?.env ?? {};
}

async function failure(response: Response): Promise<CountersignError> {
  const text = await response.text();
  let body: ApiErrorBody | undefined;
  try {
    body = JSON.parse(text) as ApiErrorBody;
  } catch {
    body = undefined;
  }
  const error = body?.error;
  if (!error || typeof error.code !== 'string') {
    return new CountersignError('http_error', `the gateway answered ${response.status} ${response.statusText}: ${text.slice(0, 200)}`, response.status);
  }
  if (error.issues) return new RequestInvalidError(error.message, response.status, error.issues);
  if (error.rule) return new PolicyRefusalError(error.code, error.message, response.status, error.rule);
  const retryAfter = error.retryAfterSeconds ?? (Number(response.headers.get('retry-after')) || undefined);
  return new CountersignError(error.code, error.message, response.status, retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter });
}

/** Worth asking again: the gateway was unreachable, overloaded or restarting. */
const transient = (error: unknown): boolean => error instanceof CountersignError && (error.status === 0 || error.status === 429 || error.status >= 500);

/**
 * Connects an agent to Countersign's gateway. The agent holds one secret, its key; it needs no
 * database, Temporal, policy or signing key, and this client loads none.
 */
export function connectCountersign(options: ConnectOptions = {}): Promise<CountersignClient> {
  // A promise, so a missing URL or key rejects like every other failure of the client.
  return new Promise((resolve) => resolve(createClient(options)));
}

function createClient(options: ConnectOptions): CountersignClient {
  const env = environment();
  const url = (options.url ?? env.COUNTERSIGN_URL ?? '').replace(/\/+$/, '');
  const apiKey = options.apiKey ?? env.COUNTERSIGN_API_KEY ?? '';
  if (!url) throw new CountersignError('client_misconfigured', 'no gateway URL: pass { url } or set COUNTERSIGN_URL (e.g. http://localhost:8787)', 0);
  if (!apiKey) throw new CountersignError('client_misconfigured', 'no agent key: pass { apiKey } or set COUNTERSIGN_API_KEY (an operator makes one: countersign agents key create <agentId>)', 0);

  async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new CountersignError('gateway_unreachable', `could not reach the Countersign gateway at ${url}: ${error instanceof Error ? error.message : String(error)}`, 0, { cause: error });
    }
    if (!response.ok) throw await failure(response);
    return (await response.json()) as T;
  }

  const actionPath = (actionId: string) => `/v1/actions/${encodeURIComponent(actionId)}`;
  const waitForAction = (actionId: string, options: { state?: string; seconds?: number } = {}, signal?: AbortSignal) => {
    const query = new URLSearchParams({ wait: String(options.seconds ?? FINAL_WAIT_SECONDS), ...(options.state ? { state: options.state } : {}) });
    return call<ActionView>('GET', `${actionPath(actionId)}?${query.toString()}`, undefined, signal);
  };

  async function result(actionId: string, signal?: AbortSignal): Promise<ActionOutcome> {
    let state: string | undefined;
    let pause = 500;
    for (;;) {
      signal?.throwIfAborted();
      try {
        const view = await waitForAction(actionId, state === undefined ? {} : { state }, signal);
        if (view.outcome) return view.outcome;
        state = view.state;
        pause = 500;
      } catch (error) {
        if (!transient(error)) throw error;
        const retryAfter = error instanceof CountersignError ? error.retryAfterSeconds : undefined;
        await new Promise((resolve) => setTimeout(resolve, retryAfter ? retryAfter * 1000 : pause));
        pause = Math.min(pause * 2, 10_000);
      }
    }
  }

  return {
    async startAction(request) {
      const answer = await call<AllowedAnswer | GovernedAnswer>('POST', '/v1/actions', request);
      if (answer.kind === 'allowed') return answer;
      return {
        ...answer,
        status: () => call<ActionView>('GET', actionPath(answer.actionId)),
        result: (options = {}) => result(answer.actionId, options.signal),
        waitForChange: (options = {}) => waitForAction(answer.actionId, options),
      };
    },
    getAction: (actionId) => call<ActionView>('GET', actionPath(actionId)),
    waitForAction: (actionId, options) => waitForAction(actionId, options),
    async rollback(actionId, args) {
      await call('POST', `${actionPath(actionId)}/rollback`, { reason: args.reason });
    },
    async close() {},
  };
}
