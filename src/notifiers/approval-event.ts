import { z } from 'zod';
import { RiskSchema } from '../action/action-request.ts';
import { ChannelSchema, DecisionKindSchema } from '../approvals/decision.ts';

const id = z.string().min(1);
const isoTime = z.iso.datetime({ offset: true });

const requestFacts = {
  actionId: id,
  agentId: id,
  taskId: id,
  action: id,
  resource: id,
  tier: z.number().int().min(0).max(4),
  /** The policy rule that set the tier. */
  rule: z.string(),
  /** The canonical hash approvers decide on; a decision signed for another hash is refused. */
  actionHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Person ids who may decide. */
  approvers: z.array(id),
  /** The requesting agent's owner, who may not approve; channels do not ask them to. */
  owner: id.optional(),
  quorum: z.number().int().min(1),
  /** When the wait ends; expiry is a rejection. */
  deadline: isoTime,
  reasoning: z.string(),
  confidence: z.number().min(0).max(1),
  risk: RiskSchema,
  /** DLP findings: the type and where, never the value. */
  findings: z.array(z.object({ type: z.string(), location: z.string() }).strict()),
};

/**
 * What the workflow's notify activity hands every notifier (log, webhook, email, Slack).
 * It is also the webhook's JSON body, so it is contract: add fields, never rename.
 */
export const ApprovalEventSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('requested'),
      ...requestFacts,
      /** Set when this request reaches the notifier by escalation: why (another notifier failed, or no decision in time). */
      escalated: z.string().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('reminder'),
      ...requestFacts,
      /** The approvers who have not decided yet (never the owner). */
      pending: z.array(id),
      /** 1 for the first reminder of this action, 2 for the next. */
      sequence: z.number().int().min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('decided'),
      actionId: id,
      decision: DecisionKindSchema,
      approver: id,
      channel: ChannelSchema,
      /** Accepted approvals so far, against the quorum. */
      approvals: z.number().int().min(0),
      quorum: z.number().int().min(1),
      /** Set when this decision ended the wait. */
      outcome: z.enum(['approved', 'rejected']).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('expired'), actionId: id, deadline: isoTime }).strict(),
  z
    .object({
      kind: z.literal('published'),
      actionId: id,
      /** The executor's receipt reference (a PR number, a deployment id). */
      reference: z.string(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('rolled_back'),
      actionId: id,
      by: z.string(),
      reason: z.string(),
      /** What started the rollback (`manual`, `ci_failed`, `kill`, `publish_failed`). */
      cause: z.string(),
    })
    .strict(),
  /** The action was stopped by `kill` (or the kill switch) before it was published. */
  z.object({ kind: z.literal('killed'), actionId: id, by: z.string(), reason: z.string() }).strict(),
  /** The CI result of a published action (a failure or timeout then rolls it back). */
  z
    .object({ kind: z.literal('ci'), actionId: id, status: z.enum(['passed', 'failed', 'timed_out']), url: z.string().optional() })
    .strict(),
  /** The rollback window closed: the action stays published and can no longer be rolled back. */
  z.object({ kind: z.literal('window_closed'), actionId: id }).strict(),
]);
export type ApprovalEvent = z.infer<typeof ApprovalEventSchema>;
export type ApprovalEventKind = ApprovalEvent['kind'];
