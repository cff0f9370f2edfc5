import { z } from 'zod';
import { DlpPolicySchema } from '../dlp/dlp-policy.ts';
import { ExecutorSpecSchema } from '../executors/executor-spec.ts';

/**
 * Everything the governedAction workflow needs to run one action, resolved from the policy when
 * the action starts. It holds no secrets and no draft: it goes into Temporal's history.
 */
export const ActionPlanSchema = z.object({
  actionId: z.string().min(1),
  agentId: z.string().min(1),
  taskId: z.string().min(1),
  action: z.string().min(1),
  resource: z.string().min(1),
  tier: z.number().int().min(0).max(4),
  /** The policy rule that set the tier (`actions.create_pull_request.tier`, `decision_matrix...`). */
  rule: z.string().min(1),
  policyVersion: z.string().min(1),
  /** Absent for an action the policy does not know; such an action never publishes. */
  executor: ExecutorSpecSchema.nullable(),
  dlp: DlpPolicySchema,
  rollbackWindowMs: z.number().int().positive(),
  /** When the action has CI: how long to wait for `ciResult` before rolling back. */
  ci: z.object({ timeoutMs: z.number().int().positive() }).nullable(),
});
export type ActionPlan = z.infer<typeof ActionPlanSchema>;
