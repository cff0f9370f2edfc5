import { z } from 'zod';

/** Every kind of event the trail records. Contract: names are never reused or renamed. */
export const AuditEventTypeSchema = z.enum([
  'requested',
  'refused',
  'allowed',
  'started',
  'staged',
  'audited',
  'blocked',
  'publishing',
  'published',
  'publish_failed',
  'verify_passed',
  'verify_failed',
  'ci_passed',
  'ci_failed',
  'ci_timed_out',
  'rollback_requested',
  'rollback_refused',
  'rolled_back',
  'rollback_failed',
  'window_closed',
  'signal_refused',
  'approval_requested',
  'approval_accepted',
  'approved',
  'rejected',
  'expired',
  'decision_refused',
  'killed',
  'freeze_engaged',
  'freeze_lifted',
  'notify_failed',
  'escalated',
  'email_sent',
  'email_link_refused',
  'agent_key_created',
  'agent_key_revoked',
  'gateway_refused',
]);
export type AuditEventType = z.infer<typeof AuditEventTypeSchema>;

/** What a writer supplies; the chain adds seq, content_hash, prev_hash and hash. */
export const NewAuditEventSchema = z.object({
  /** Unique per transition (`<actionId>:<step>`), so a retried step writes nothing twice. */
  eventKey: z.string().min(1),
  occurredAt: z.date(),
  actionId: z.string().min(1).nullable(),
  type: AuditEventTypeSchema,
  /** Who caused it: an agent id, a person, or `countersign` for the system itself. */
  actor: z.string().min(1),
  policyVersion: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
});
export type NewAuditEvent = z.infer<typeof NewAuditEventSchema>;

/** A row of `audit_events` as read back from PostgreSQL. */
export const AuditEventRowSchema = z.object({
  seq: z.coerce.string(),
  event_key: z.string(),
  occurred_at: z.date(),
  action_id: z.string().nullable(),
  type: z.string(),
  actor: z.string(),
  policy_version: z.string(),
  payload: z.record(z.string(), z.unknown()),
  content_hash: z.string(),
  prev_hash: z.string(),
  hash: z.string(),
});
export type AuditEventRow = z.infer<typeof AuditEventRowSchema>;
