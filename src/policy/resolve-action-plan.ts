import { ActionPlanSchema, type ActionPlan } from '../action/action-plan.ts';
import type { ActionRequest } from '../action/action-request.ts';
import type { Channel } from '../approvals/decision.ts';
import type { DlpPolicy } from '../dlp/dlp-policy.ts';
import type { Evaluation } from './evaluate-request.ts';
import { reminderOffsets } from './approval-timers.ts';
import { ownEntry } from './own-entry.ts';
import { defaultQuorum } from './policy-references.ts';
import { DEFAULT_APPROVAL_TIMEOUT_MS, DEFAULT_ROLLBACK_WINDOW_MS, type ActionEntry, type Policy } from './policy-schema.ts';

/**
 * The top-level DLP settings with the action's override on top: modes type by type, the
 * action's allow entries after the top-level ones, its `ip_addresses` if it says.
 */
export function mergeDlp(base: DlpPolicy, override: ActionEntry['dlp']): DlpPolicy {
  const fallback = override?.default ?? base.default;
  return {
    ...(fallback !== undefined && { default: fallback }),
    types: { ...base.types, ...override?.types },
    allow: [...base.allow, ...(override?.allow ?? [])],
    ipAddresses: override?.ipAddresses ?? base.ipAddresses,
  };
}

/**
 * What the governedAction workflow needs for one evaluated request, resolved from the action's
 * entry in the policy. An action the policy does not know gets no executor (so it can never
 * publish), the top-level DLP settings and the default rollback window.
 */
export function resolveActionPlan(
  policy: Policy,
  version: string,
  request: ActionRequest,
  evaluation: Evaluation,
  actionId: string,
  channelKeys: Partial<Record<Channel, string>> = {},
): ActionPlan {
  const entry = ownEntry(policy.actions, request.action);
  const groups = entry?.approvers ?? [];
  const approvers = [...new Set(groups.flatMap((group) => ownEntry(policy.approver_groups, group) ?? []))];
  return ActionPlanSchema.parse({
    actionId,
    agentId: request.agentId,
    taskId: request.taskId,
    action: request.action,
    resource: request.resource,
    tier: evaluation.tier,
    decision: { reasoning: request.decision.reasoning, confidence: request.decision.confidence, risk: request.decision.risk },
    rule: evaluation.rule,
    policyVersion: version,
    executor: entry?.executor ?? null,
    dlp: mergeDlp(policy.dlp, entry?.dlp),
    rollbackWindowMs: entry?.rollback_window ?? DEFAULT_ROLLBACK_WINDOW_MS,
    ci: entry?.ci ? { timeoutMs: entry.ci.timeout } : null,
    approval:
      evaluation.tier >= 3
        ? {
            approvers,
            operators: policy.operators,
            owner: ownEntry(policy.agents, request.agentId)?.owner ?? '',
            quorum: entry?.quorum ?? defaultQuorum(evaluation.tier),
            timeoutMs: entry?.approval_timeout ?? DEFAULT_APPROVAL_TIMEOUT_MS,
            confirmation: evaluation.tier >= 4,
            attestationMaxAgeMs: policy.approvals.attestation_max_age,
            channelKeys,
            remindersMs: reminderOffsets(entry?.reminders ?? [], entry?.approval_timeout ?? DEFAULT_APPROVAL_TIMEOUT_MS),
            escalation: entry?.escalate
              ? { to: entry.escalate.to, onFailure: entry.escalate.on_failure, afterMs: entry.escalate.after ?? null }
              : null,
          }
        : null,
    notify: entry?.notify ?? ['log'],
  } satisfies ActionPlan);
}
