import { z } from 'zod';
import { ActionOutcomeSchema, ActionStateSchema, ENDED_STATES, type ActionState } from '../action/action-state.ts';
import type { ActionStory } from '../read-model/action-queries.ts';
import type { ActionRow } from '../read-model/action-store.ts';

/** The outcomes an action can end with: a governed one's, or a tier 0–1 request's allow or refusal. */
export const ViewOutcomeSchema = z.union([ActionOutcomeSchema, z.enum(['allowed', 'refused'])]);

/**
 * One action as the agent (`GET /v1/actions/{id}`) and the operator CLI (`actions show --json`)
 * see it: its state, how it was tiered, who has approved, what DLP found (types and places,
 * never values), receipts and the rollback window.
 */
export const ActionViewSchema = z.object({
  actionId: z.string(),
  agentId: z.string(),
  taskId: z.string(),
  action: z.string(),
  resource: z.string(),
  tier: z.number().int().min(0).max(4),
  /** The policy rule that set the tier, or that refused the request. */
  rule: z.string(),
  state: ActionStateSchema,
  /** Set once nothing more will happen to the action; a published one once its window has closed. */
  outcome: ViewOutcomeSchema.nullable(),
  /** Why it is in this state (a refusal's message, what DLP found, who rejected), when there is a reason. */
  reason: z.string().nullable(),
  /** The refusal's error code, for a refused request. */
  code: z.string().nullable(),
  policyVersion: z.string(),
  /** The canonical hash of what would be published, once the audit step has fixed it. */
  actionHash: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Tier 3+: who may decide, how many must approve, until when, and who has. */
  approval: z
    .object({
      approvers: z.array(z.string()),
      quorum: z.number().int(),
      deadline: z.iso.datetime().nullable(),
      approvals: z.array(z.object({ approver: z.string(), channel: z.string(), at: z.iso.datetime() })),
      rejectedBy: z.string().nullable(),
    })
    .nullable(),
  /** What the DLP scan found, by type and place; the values themselves are never shown. */
  findings: z.array(z.object({ type: z.string(), location: z.string(), start: z.number().int(), end: z.number().int(), mode: z.string() })),
  /** What the executors returned: the publish and, after a rollback, the compensation. */
  receipts: z.array(z.object({ step: z.enum(['publish', 'compensate']), executor: z.string(), reference: z.string() })),
  /** Published actions: until when a rollback may be asked for, and whether it still may. */
  rollbackWindow: z.object({ closesAt: z.iso.datetime(), open: z.boolean() }).nullable(),
});
export type ActionView = z.infer<typeof ActionViewSchema>;

/** One line of a list: the view's own fields, named alike, without what needs the action's events. */
export const ActionSummarySchema = ActionViewSchema.pick({
  actionId: true,
  agentId: true,
  taskId: true,
  action: true,
  resource: true,
  tier: true,
  rule: true,
  state: true,
  reason: true,
  policyVersion: true,
  actionHash: true,
  createdAt: true,
  updatedAt: true,
});
export type ActionSummary = z.infer<typeof ActionSummarySchema>;

export function actionSummary(row: ActionRow): ActionSummary {
  return {
    actionId: row.action_id,
    agentId: row.agent_id,
    taskId: row.task_id,
    action: row.action,
    resource: row.resource,
    tier: row.tier,
    rule: row.rule,
    state: ActionStateSchema.parse(row.state),
    reason: row.reason,
    policyVersion: row.policy_version,
    actionHash: row.action_hash,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const Findings = z.object({ findings: ActionViewSchema.shape.findings.element.loose().array() }).loose();
const ApprovalRequested = z.object({ approvers: z.array(z.string()), quorum: z.number(), deadline: z.string() }).loose();
const ReceiptPayload = z.object({ receipt: z.object({ executor: z.string(), reference: z.string() }).loose() }).loose();
const Refusal = z.object({ code: z.string() }).loose();

const ENDED = new Set<ActionState>(ENDED_STATES);

/** Builds the view from the read model's row and the action's audit events (chain order). */
export function actionView(story: ActionStory, now: Date): ActionView {
  const { action: row, events } = story;
  const state = ActionStateSchema.parse(row.state);
  const payloadOf = <T>(type: string, schema: z.ZodType<T>): T | undefined => {
    const event = events.find((e) => e.type === type);
    const parsed = event && schema.safeParse(event.payload);
    return parsed?.success ? parsed.data : undefined;
  };
  const requested = payloadOf('approval_requested', ApprovalRequested);
  const rejected = events.find((e) => e.type === 'rejected');
  const windowClosed = events.some((e) => e.type === 'window_closed');
  const receipts: ActionView['receipts'] = [];
  for (const [type, step] of [['published', 'publish'], ['rolled_back', 'compensate']] as const) {
    const receipt = payloadOf(type, ReceiptPayload)?.receipt;
    if (receipt) receipts.push({ step, executor: receipt.executor, reference: receipt.reference });
  }
  const closesAt = row.window_closes_at;
  const outcome = ENDED.has(state) || (state === 'published' && windowClosed) ? ViewOutcomeSchema.parse(state) : null;
  return {
    ...actionSummary(row),
    outcome,
    code: state === 'refused' ? (payloadOf('refused', Refusal)?.code ?? null) : null,
    approval: requested
      ? {
          approvers: requested.approvers,
          quorum: requested.quorum,
          deadline: requested.deadline,
          approvals: events
            .filter((e) => e.type === 'approval_accepted')
            .map((e) => ({ approver: e.actor, channel: typeof e.payload.channel === 'string' ? e.payload.channel : 'unknown', at: e.occurred_at.toISOString() })),
          rejectedBy: rejected?.actor ?? null,
        }
      : null,
    findings: (payloadOf('audited', Findings) ?? payloadOf('blocked', Findings))?.findings.map((f) => ({ type: f.type, location: f.location, start: f.start, end: f.end, mode: f.mode })) ?? [],
    receipts,
    rollbackWindow: closesAt && state === 'published' ? { closesAt: closesAt.toISOString(), open: !windowClosed && closesAt > now } : null,
  };
}
