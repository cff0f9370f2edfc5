import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { createSubmitDecision } from '../src/approvals/submit-decision.ts';
import type { createRequestRollback } from '../src/requests/request-rollback.ts';
import type { Pool } from '../src/db/pool.ts';
import type { People } from './identity/slack-people.ts';

/** What the Slack app's listeners work with; the entry point (main.ts) builds it once. */
export interface SlackAppDeps {
  pool: Pool;
  temporal: Client;
  /** The policy's people (slack_id maps a Slack user to a person) and operators. */
  people: People;
  operators: readonly string[];
  /** Stamped on audit events this app writes itself (a refused kill). */
  policyVersion: string;
  /** The Slack channel's Ed25519 private key (hex): it signs each verified decision. */
  privateKey: string;
  submit: ReturnType<typeof createSubmitDecision>;
  requestRollback: ReturnType<typeof createRequestRollback>;
  log: Logger;
  now: () => Date;
}
