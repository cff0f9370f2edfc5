import { z } from 'zod';
import { RiskSchema } from '../action/action-request.ts';
import { ChannelSchema, DecisionKindSchema } from '../approvals/decision.ts';

const id = z.string().min(1);
const isoTime = z.iso.datetime({ offset: true });

/**
 * What the workflow's notify activity hands every notifier (log, webhook; Slack and email
 * later). It is also the webhook's JSON body, so it is contract: add fields, never rename.
 */
export const ApprovalEventSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('requested'),
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
      quorum: z.number().int().min(1),
      /** When the wait ends; expiry is a rejection. */
      deadline: isoTime,
      reasoning: z.string(),
      confidence: z.number().min(0).max(1),
      risk: RiskSchema,
      /** DLP findings: the type and where, never the value. */
      findings: z.array(z.object({ type: z.string(), location: z.string() }).strict()),
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
]);
export type ApprovalEvent = z.infer<typeof ApprovalEventSchema>;
export type ApprovalEventKind = ApprovalEvent['kind'];
