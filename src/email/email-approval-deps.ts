import type { Logger } from 'pino';
import type { Decision, DecisionKind } from '../approvals/decision.ts';
import type { Pool } from '../db/pool.ts';
import type { DecisionResult } from '../../workflows/messages.ts';

/** What the approval pages work with; the server's composition root builds it. */
export interface EmailApprovalDeps {
  pool: Pool;
  /** Delivers the signed decision as the `approve`/`reject` update (createSubmitDecision). */
  submit: (actionId: string, kind: DecisionKind, decision: Decision) => Promise<DecisionResult>;
  /** The email channel's Ed25519 private key (hex); without it the pages cannot decide. */
  emailPrivateKey: string | undefined;
  /** The server as approvers reach it; a form posted from another origin is refused. */
  publicUrl: string;
  now: () => Date;
  log: Logger;
}

/** An answer of the approval routes: always an HTML page. */
export interface PageAnswer {
  status: number;
  html: string;
}
