import { createHash, randomUUID } from 'node:crypto';

/**
 * The action's id: random, or derived from the agent and its idempotency key so that the same
 * key always names the same action (and so the same workflow, `action-<actionId>`).
 */
export function actionIdFor(agentId: string, idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined) return randomUUID();
  const h = createHash('sha256').update(`${agentId}\u0000${idempotencyKey}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
