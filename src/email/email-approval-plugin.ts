import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { FastifyPluginAsync } from 'fastify';
import { loadChannelKey } from '../approvals/channel-keys.ts';
import { createSubmitDecision } from '../approvals/submit-decision.ts';
import type { Config } from '../config/load-config.ts';
import type { Pool } from '../db/pool.ts';
import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';
import type { Logger } from '../logging/create-logger.ts';
import { emailApprovalRoutes } from './email-approval-routes.ts';

/**
 * The approval pages for a server process: the email channel's private key from the usual
 * sources (`COUNTERSIGN_EMAIL_PRIVATE_KEY` or `<data>/keys/email.key`). Without one the pages
 * still explain themselves, and decide nothing.
 */
export async function emailApprovalPlugin(config: Config, services: { pool: Pool; temporal: Client; log: Logger }, privateKey?: string): Promise<FastifyPluginAsync> {
  let emailPrivateKey = privateKey;
  if (emailPrivateKey === undefined) {
    try {
      const key = await loadChannelKey('email', { env: config.env, keysDir: path.join(config.dataDir, 'keys'), generate: false });
      emailPrivateKey = key.privateKey;
    } catch (error) {
      if (!(error instanceof CountersignError && error.code === ErrorCode.ChannelKeyMissing)) throw error;
    }
    if (emailPrivateKey === undefined) services.log.warn('no private key for the email channel: approval links show their page but cannot decide; set COUNTERSIGN_EMAIL_PRIVATE_KEY');
  }
  return emailApprovalRoutes({
    pool: services.pool,
    submit: createSubmitDecision({ pool: services.pool, temporal: services.temporal }),
    emailPrivateKey,
    publicUrl: config.http.publicUrl,
    now: () => new Date(),
    log: services.log.child({ component: 'email-approvals' }),
  });
}
