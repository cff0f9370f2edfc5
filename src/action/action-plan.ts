import { z } from 'zod';
import { ChannelSchema } from '../approvals/decision.ts';
import { RiskSchema } from './action-request.ts';
import { DlpPolicySchema } from '../dlp/dlp-policy.ts';
import { NotifierNameSchema } from '../notifiers/notifier-spec.ts';
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
  /** The agent's own account of the decision, shown to approvers. */
  decision: z.object({ reasoning: z.string(), confidence: z.number().min(0).max(1), risk: RiskSchema }),
  /** The policy rule that set the tier (`actions.create_pull_request.tier`, `decision_matrix...`). */
  rule: z.string().min(1),
  policyVersion: z.string().min(1),
  /** Absent for an action the policy does not know; such an action never publishes. */
  executor: ExecutorSpecSchema.nullable(),
  dlp: DlpPolicySchema,
  rollbackWindowMs: z.number().int().positive(),
  /** When the action has CI: how long to wait for `ciResult` before rolling back. */
  ci: z.object({ timeoutMs: z.number().int().positive() }).nullable(),
  /** Tier 3+: who may decide, how many, until when, and the keys that prove a decision. */
  approval: z
    .object({
      /** People (ids) of the action's approver groups; the agent's owner is refused among them. */
      approvers: z.array(z.string()),
      /** Operators may reject (the safe direction) even when they are not approvers. */
      operators: z.array(z.string()),
      /** The requesting agent's owner, who never approves that agent's actions. */
      owner: z.string(),
      quorum: z.number().int().min(1),
      timeoutMs: z.number().int().positive(),
      /** Tier 4: each approval must carry an explicit confirmation. */
      confirmation: z.boolean(),
      attestationMaxAgeMs: z.number().int().positive(),
      /** The deciding channels' Ed25519 public keys (hex); no secret enters history. */
      channelKeys: z.partialRecord(ChannelSchema, z.string()),
      /** When to remind undecided approvers, in ms after the wait starts, ascending. */
      remindersMs: z.array(z.number().int().positive()).default([]),
      /** Where the request goes when a notifier fails or no decision arrives in time. */
      escalation: z
        .object({
          to: z.array(NotifierNameSchema).min(1),
          /** Escalate when the request's delivery to a notifier fails after its retries. */
          onFailure: z.boolean(),
          /** Escalate when no decision has arrived this long after the wait starts. */
          afterMs: z.number().int().positive().nullable(),
        })
        .nullable()
        .default(null),
    })
    .nullable(),
  /** Notifiers for this action's approval events. */
  notify: z.array(NotifierNameSchema),
});
export type ActionPlan = z.infer<typeof ActionPlanSchema>;
