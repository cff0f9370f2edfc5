import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { generateKeyPair, type KeyPair } from '../../src/approvals/channel-keys.ts';
import type { Channel, Decision, DecisionKind } from '../../src/approvals/decision.ts';
import { signAttestation } from '../../src/approvals/sign-attestation.ts';
import { createRequestRollback } from '../../src/requests/request-rollback.ts';
import { createStartAction } from '../../src/requests/start-action.ts';
import { ensureGovernor } from '../../src/governor/ensure-governor.ts';
import { governorInput } from '../../src/governor/governor-input.ts';
import { createLogger, type Logger } from '../../src/logging/create-logger.ts';
import { parsePolicy, type LoadedPolicy } from '../../src/policy/load-policy.ts';
import { createCountersignWorker } from '../../src/worker/create-worker.ts';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { createAgentKey } from '../../src/agent-keys/agent-key-store.ts';
import { gatewayPlugin } from '../../src/gateway/gateway-plugin.ts';
import { createSubmitDecision } from '../../src/approvals/submit-decision.ts';
import { emailApprovalRoutes } from '../../src/email/email-approval-routes.ts';
import { createMetricsSource } from '../../src/metrics/metrics-source.ts';
import { createHttpServer } from '../../src/server/create-http-server.ts';
import type { Notifier } from '../../src/notifiers/notifier.ts';
import type { Pool } from '../../src/db/pool.ts';
import { quietTemporalRuntime } from './quiet-runtime.ts';
import { freePort } from './ui-temporal.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
import { BUNDLE_PATH, startTestTemporal } from './test-temporal.ts';

const CHANNELS: Channel[] = ['slack', 'email', 'cli', 'http'];

export interface Harness {
  db: TestDatabase;
  temporal: TestWorkflowEnvironment;
  taskQueue: string;
  policy: LoadedPolicy;
  keys: Record<Channel, KeyPair>;
  publicKeys: Record<Channel, string>;
  startAction: ReturnType<typeof createStartAction>;
  requestRollback: ReturnType<typeof createRequestRollback>;
  policyVersion: string;
  /** A decision as a channel sends it after verifying the person: signed with that channel's key. */
  /** With `options.email`: Countersign's HTTP server serving the approval links. */
  http: HarnessHttp | undefined;
  /** With `options.gateway`: the agent gateway (/v1, /mcp) on the same HTTP server. */
  gateway: HarnessGateway | undefined;
  signedDecision(kind: DecisionKind, subject: { actionId: string; actionHash: string }, approver: string, extra?: Partial<Decision> & { channel?: Channel }): Decision;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Variables executors resolve `${VAR}` from. */
  env?: Record<string, string>;
  now?: () => Date;
  /** Serve the Temporal Web UI on this port (browser tests). */
  uiPort?: number;
  /** The worker's logger (notifiers, executors); silent unless a test reads the lines. */
  log?: Logger;
  /** Email approvals: the worker mails through this SMTP server, and an HTTP server serves the links. */
  email?: { smtpUrl: string };
  /** Serve the agent gateway; `requestsPerMinute` is each key's budget (default 100,000). */
  gateway?: { requestsPerMinute?: number } | true;
  /** The Slack notifier the worker uses for actions that notify `slack` (test/slack-app.test.ts). */
  slackNotifier?: (pool: Pool, policy: LoadedPolicy) => Notifier;
}

export interface HarnessHttp {
  /** The public URL the mails' links point at. */
  base: string;
  /** How many decisions the pages handed to Temporal (submitDecision calls). */
  submissions: number;
  /** Moves the pages' clock (not the workflow's), e.g. past a link's expiry. */
  clockOffsetMs: number;
}

export interface HarnessGateway {
  /** The server's base URL, e.g. http://127.0.0.1:40123 (the API is under /v1, MCP at /mcp). */
  url: string;
  /** Issues a key for an agent of the policy, as `countersign agents key create` does. */
  issueKey(agentId: string): Promise<string>;
}

/**
 * One test file's world: its own database, an in-memory Temporal dev server, a worker on a task
 * queue of its own (and the governor), and the same startAction an agent uses, over the given
 * policy text, with a fresh key pair per deciding channel.
 */
export async function createHarness(policyYaml: string, options: HarnessOptions = {}): Promise<Harness> {
  quietTemporalRuntime();
  const db = await createTestDatabase();
  const temporal = await startTestTemporal(options.uiPort);
  const policy = parsePolicy(policyYaml, 'test-policy.yaml');
  const taskQueue = `countersign-test-${randomBytes(4).toString('hex')}`;
  const keys = Object.fromEntries(CHANNELS.map((c) => [c, generateKeyPair()])) as Record<Channel, KeyPair>;
  const publicKeys = Object.fromEntries(CHANNELS.map((c) => [c, keys[c].publicKey])) as Record<Channel, string>;
  const log = options.log ?? createLogger('silent');
  const httpPort = options.email || options.gateway ? await freePort() : undefined;
  const publicUrl = `http://127.0.0.1:${httpPort ?? 0}`;
  const worker: Worker = await createCountersignWorker({
    connection: temporal.nativeConnection,
    namespace: 'default',
    taskQueue,
    pool: db.pool,
    client: temporal.client,
    policy: policy.policy,
    log,
    env: options.env ?? {},
    ...(options.slackNotifier ? { slack: options.slackNotifier(db.pool, policy) } : {}),
    ...(options.email ? { email: { smtpUrl: options.email.smtpUrl, from: 'Countersign <countersign@test.invalid>', publicUrl, people: policy.policy.people } } : {}),
    ...(existsSync(BUNDLE_PATH) ? { workflowBundle: { codePath: BUNDLE_PATH } } : {}),
  });
  const running = worker.run();
  await ensureGovernor(temporal.client, taskQueue, governorInput(policy, publicKeys));
  const deps = { pool: db.pool, temporal: temporal.client, ...(options.now ? { now: options.now } : {}) };
  let server: FastifyInstance | undefined;
  let http: HarnessHttp | undefined;
  const plugins: FastifyPluginAsync[] = [];
  if (options.gateway) {
    const requestsPerMinute = (options.gateway === true ? undefined : options.gateway.requestsPerMinute) ?? 100_000;
    plugins.push(gatewayPlugin({ ...deps, taskQueue, policy, channelKeys: publicKeys, log, requestsPerMinute }));
  }
  if (options.email) {
    const state: HarnessHttp = { base: publicUrl, submissions: 0, clockOffsetMs: 0 };
    const submit = createSubmitDecision({ pool: db.pool, temporal: temporal.client });
    const routes = emailApprovalRoutes({
      pool: db.pool,
      submit: (...args) => {
        state.submissions += 1;
        return submit(...args);
      },
      emailPrivateKey: keys.email.privateKey,
      publicUrl,
      now: () => new Date(Date.now() + state.clockOffsetMs),
      log,
    });
    plugins.push(routes);
    http = state;
  }
  if (httpPort !== undefined) {
    server = await createHttpServer({ log, checks: {}, metrics: createMetricsSource(db.pool), plugins });
    await server.listen({ host: '127.0.0.1', port: httpPort });
  }
  return {
    db,
    temporal,
    taskQueue,
    policy,
    keys,
    publicKeys,
    startAction: createStartAction({ ...deps, taskQueue, policy, channelKeys: publicKeys }),
    requestRollback: createRequestRollback(deps),
    policyVersion: policy.version,
    http,
    gateway: options.gateway
      ? {
          url: publicUrl,
          issueKey: async (agentId) => (await createAgentKey(db.pool, agentId, { by: 'test-operator', policyVersion: policy.version, at: new Date() })).key,
        }
      : undefined,
    signedDecision(kind, subject, approver, extra = {}) {
      const channel = extra.channel ?? 'cli';
      const confirm = extra.confirm === true ? { confirm: true as const } : {};
      const attestation = signAttestation(keys[channel].privateKey, { ...subject, approver, decision: kind, channel, ...confirm });
      return { approver, channel, attestation, ...extra };
    },
    async close() {
      await server?.close();
      worker.shutdown();
      await running;
      await temporal.teardown();
      await db.drop();
    },
  };
}
