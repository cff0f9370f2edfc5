import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { createNotifiers } from './create-notifiers.ts';
import { NotifiersSpecSchema } from './notifier-spec.ts';

const log = pino({ level: 'silent' });

describe('notifiers from the policy', () => {
  it('always has the log notifier, and no webhook unless one is declared', () => {
    const notifiers = createNotifiers(NotifiersSpecSchema.parse(undefined), { log, env: {} });
    assert.deepEqual([...notifiers.keys()], ['log']);
  });

  it('adds the webhook when declared, with a 10 s default timeout', async () => {
    const spec = NotifiersSpecSchema.parse({ webhook: { url: 'https://hooks.example/countersign' } });
    assert.deepEqual(spec.webhook, { url: 'https://hooks.example/countersign', headers: {}, timeout: 10_000 });
    let seen: { url: string; timeout: boolean } | undefined;
    const fetchImpl: typeof fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      seen = { url, timeout: init?.signal instanceof AbortSignal };
      return Promise.resolve(new Response(null, { status: 202 }));
    };
    const notifiers = createNotifiers(spec, { log, env: {}, fetchImpl });
    await notifiers.get('webhook')?.notify({ kind: 'expired', actionId: 'act-1', deadline: '2025-06-01T13:00:00.000Z' });
    assert.deepEqual(seen, { url: 'https://hooks.example/countersign', timeout: true });
  });

  it('refuses unknown notifier keys and a webhook without an http(s) URL', () => {
    assert.equal(NotifiersSpecSchema.safeParse({ pager: {} }).success, false);
    assert.equal(NotifiersSpecSchema.safeParse({ webhook: { url: 'ftp://files.example/x' } }).success, false);
    assert.equal(NotifiersSpecSchema.safeParse({ webhook: { url: 'https://x.example', timeout: 'soon' } }).success, false);
    assert.equal(NotifiersSpecSchema.parse({ webhook: { url: 'https://x.example', timeout: '3s' } }).webhook?.timeout, 3_000);
  });
});
