import { z } from 'zod';
import { DecisionKindSchema, type DecisionKind } from '../approvals/decision.ts';
import type { DbClient } from '../db/pool.ts';

export interface NewEmailToken {
  tokenHash: string;
  actionId: string;
  approver: string;
  decision: DecisionKind;
  actionHash: string;
  purpose: string;
  expiresAt: Date;
  createdAt: Date;
}

export const EmailTokenRowSchema = z.object({
  token_hash: z.string(),
  action_id: z.string(),
  approver: z.string(),
  decision: DecisionKindSchema,
  action_hash: z.string(),
  purpose: z.string(),
  expires_at: z.date(),
  created_at: z.date(),
  used_at: z.date().nullable(),
});
export type EmailTokenRow = z.infer<typeof EmailTokenRowSchema>;

export async function insertEmailTokens(client: DbClient, tokens: readonly NewEmailToken[]): Promise<void> {
  for (const t of tokens) {
    await client.query(
      `INSERT INTO email_tokens (token_hash, action_id, approver, decision, action_hash, purpose, expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [t.tokenHash, t.actionId, t.approver, t.decision, t.actionHash, t.purpose, t.expiresAt, t.createdAt],
    );
  }
}

export async function findEmailToken(client: DbClient, tokenHash: string): Promise<EmailTokenRow | undefined> {
  const { rows } = await client.query('SELECT * FROM email_tokens WHERE token_hash = $1', [tokenHash]);
  return rows[0] === undefined ? undefined : EmailTokenRowSchema.parse(rows[0]);
}

/**
 * Uses the token, and with it every other link of this approver for this action (approve and
 * reject, request and reminders): one person decides once by email. False when it was used
 * already, by a concurrent POST too, as the row is updated only while used_at is null.
 */
export async function claimEmailToken(client: DbClient, token: EmailTokenRow, at: Date): Promise<boolean> {
  const claimed = await client.query('UPDATE email_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL', [token.token_hash, at]);
  if (!claimed.rowCount) return false;
  await client.query('UPDATE email_tokens SET used_at = $3 WHERE action_id = $1 AND approver = $2 AND used_at IS NULL', [token.action_id, token.approver, at]);
  return true;
}

/** Gives the links back when the decision never reached the workflow (Temporal unreachable). */
export async function releaseEmailToken(client: DbClient, token: EmailTokenRow, at: Date): Promise<void> {
  await client.query('UPDATE email_tokens SET used_at = NULL WHERE action_id = $1 AND approver = $2 AND used_at = $3', [token.action_id, token.approver, at]);
}

/** The approvers who were mailed about this action, for the closing message. */
export async function mailedApprovers(client: DbClient, actionId: string): Promise<string[]> {
  const { rows } = await client.query<{ approver: string }>('SELECT DISTINCT approver FROM email_tokens WHERE action_id = $1 ORDER BY approver', [actionId]);
  return rows.map((r) => r.approver);
}
