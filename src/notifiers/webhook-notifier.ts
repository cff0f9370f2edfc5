import type { ApprovalEvent } from './approval-event.ts';
import { NotifierError } from './notifier-error.ts';
import type { Notifier } from './notifier.ts';
import { resolveVariables, type Env } from '../config/resolve-variables.ts';

export interface WebhookNotifierSpec {
  url: string;
  /** Header values may name variables of the worker's environment (`Bearer ${HOOK_TOKEN}`). */
  headers: Record<string, string>;
  timeoutMs: number;
}

/** `<actionId>:<kind>[:<approver>|:<reminder number>]`: the same event delivered twice has the same key. */
export function idempotencyKeyOf(event: ApprovalEvent): string {
  const key = `${event.actionId}:${event.kind}`;
  if (event.kind === 'decided') return `${key}:${event.approver}`;
  return event.kind === 'reminder' ? `${key}:${event.sequence}` : key;
}

// Resolved per delivery, so a rotated token is picked up without a restart. Values are never
// logged or put in errors: messages name the header and the variable only.
function resolveHeaders(spec: WebhookNotifierSpec, env: Env): Headers {
  const headers = new Headers();
  for (const [name, template] of Object.entries(spec.headers)) {
    const resolved = resolveVariables(template, env);
    if (!resolved.ok) {
      throw new NotifierError(
        `webhook notifier: header ${name} for ${spec.url} needs the environment variable ${resolved.missing.join(', ')}, which is not set; set it in the worker's environment`,
        { retryable: false },
      );
    }
    try {
      headers.set(name, resolved.value);
    } catch (error) {
      throw new NotifierError(
        `webhook notifier: header ${name} for ${spec.url} is not a valid header name or value; check it and the variables it uses`,
        { retryable: false, cause: error },
      );
    }
  }
  return headers;
}

function transportError(spec: WebhookNotifierSpec, error: unknown): NotifierError {
  const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  const detail =
    error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  const what = timedOut ? `got no answer within ${spec.timeoutMs} ms` : `could not reach the webhook (${detail})`;
  return new NotifierError(`webhook notifier: POST ${spec.url} ${what}; the activity retries it`, { retryable: true, cause: error });
}

/**
 * Posts each approval event as JSON to a configured URL, with `X-Countersign-Event: <kind>` and
 * an `Idempotency-Key`. One attempt per call: a 5xx, 429, network error or timeout throws a
 * retryable NotifierError and Temporal's activity retry policy sends it again; any other
 * non-2xx answer throws a non-retryable one, as a retry would get the same answer.
 */
export function createWebhookNotifier(spec: WebhookNotifierSpec, env: Env, fetchImpl: typeof fetch = fetch): Notifier {
  return {
    name: 'webhook',
    async notify(event) {
      const headers = resolveHeaders(spec, env);
      headers.set('Content-Type', 'application/json');
      headers.set('X-Countersign-Event', event.kind);
      headers.set('Idempotency-Key', idempotencyKeyOf(event));
      let status: number;
      let body: string;
      try {
        const response = await fetchImpl(spec.url, {
          method: 'POST',
          headers,
          body: JSON.stringify(event),
          // A redirected POST may turn into a GET elsewhere; a 3xx is reported instead.
          redirect: 'manual',
          signal: AbortSignal.timeout(spec.timeoutMs),
        });
        status = response.status;
        body = await response.text();
      } catch (error) {
        throw transportError(spec, error);
      }
      if (status >= 200 && status < 300) return;
      const retryable = status >= 500 || status === 429;
      const next = retryable
        ? 'the activity retries it'
        : 'fix the webhook URL, its headers or the receiver; a retry will not help';
      throw new NotifierError(`webhook notifier: POST ${spec.url} answered ${status}: ${body.slice(0, 200)}; ${next}`, {
        retryable,
        status,
      });
    },
  };
}
