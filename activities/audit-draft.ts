import { z } from 'zod';
import type { FindingSummary } from '../src/action/action-status.ts';
import { actionHash } from '../src/action/action-hash.ts';
import { hashOf } from '../src/canonical/sha256.ts';
import { inTransaction, type DbClient } from '../src/db/pool.ts';
import { auditDraft } from '../src/dlp/audit-draft.ts';
import { DlpPolicySchema, type DlpPolicyInput } from '../src/dlp/dlp-policy.ts';
import { keepRedacted, loadDraft, loadRequest, saveDraft } from '../src/read-model/action-store.ts';
import { recordTransition } from '../src/read-model/record-transition.ts';
import type { ActivityDeps } from './activity-deps.ts';
import type { StepInput } from './stage-draft.ts';

export interface AuditResult {
  verdict: 'pass' | 'redact' | 'block';
  findings: FindingSummary[];
  /** Hash of exactly what would be published: what approvers see and what publish re-checks. */
  actionHash: string;
  publishableHash: string;
}

// The `audited` (or `blocked`) event's payload, read back on a retry.
const FindingSummarySchema = z.object({
  type: z.string(),
  ruleId: z.string(),
  severity: z.string(),
  location: z.string(),
  start: z.number(),
  end: z.number(),
  mode: z.string(),
  valueHash: z.string(),
}) satisfies z.ZodType<FindingSummary>;
const AuditedPayloadSchema = z.object({
  verdict: z.enum(['pass', 'redact', 'block']),
  findings: z.array(FindingSummarySchema),
  actionHash: z.string(),
  publishableHash: z.string(),
});

async function recordedAudit(client: DbClient, actionId: string): Promise<AuditResult | undefined> {
  const { rows } = await client.query<{ payload: unknown }>('SELECT payload FROM audit_events WHERE event_key = $1', [`${actionId}:audited`]);
  return rows[0] === undefined ? undefined : AuditedPayloadSchema.parse(rows[0].payload);
}

/** AUDIT: scans the staged draft and params, stores what may be published, records the verdict. */
export function auditDraftActivity(deps: ActivityDeps) {
  return async function auditStagedDraft(input: StepInput & { dlp: DlpPolicyInput }): Promise<AuditResult> {
    return inTransaction(deps.pool, async (client) => {
      // Done before (a retry after the commit): the stored copies are redacted by now, so answer
      // from the event, never by scanning them again.
      const done = await recordedAudit(client, input.actionId);
      if (done) return done;
      const request = await loadRequest(client, input.actionId);
      const staged = await loadDraft(client, input.actionId, 'staged');
      // Parsed here: a plan recorded before `allow` and `ipAddresses` existed gets their defaults.
      const dlp = DlpPolicySchema.parse(input.dlp);
      const audit = auditDraft(staged.draft, staged.params, dlp, request.resource);
      const findings: FindingSummary[] = audit.findings.map((f) => ({
        type: f.type,
        ruleId: f.ruleId,
        severity: f.severity,
        location: f.location,
        start: f.start,
        end: f.end,
        mode: f.mode,
        valueHash: f.valueHash,
      }));
      // What the allowlist let through, and by which entry: never the value.
      const allowed = audit.allowed.map((f) => ({
        type: f.type,
        ruleId: f.ruleId,
        location: f.location,
        start: f.start,
        end: f.end,
        valueHash: f.valueHash,
        allowedBy: f.allowedBy,
      }));
      const publishableHash = hashOf({ draft: audit.draft, params: audit.params });
      const hash = actionHash({ ...request, draft: audit.draft, params: audit.params, policyVersion: input.policyVersion });
      const at = deps.now();
      const blocked = audit.verdict === 'block';
      if (!blocked) {
        await saveDraft(client, input.actionId, 'publishable', { contentHash: publishableHash, draft: audit.draft, params: audit.params }, at);
      }
      // No secret at rest: what DLP found is kept only redacted, in the staged copy and the request.
      if (audit.findings.length > 0) await keepRedacted(client, input.actionId, audit.atRest);
      const blocking = findings.filter((f) => f.mode === 'block').map((f) => `${f.type} in ${f.location}`);
      await recordTransition(client, {
        actionId: input.actionId,
        eventKey: `${input.actionId}:audited`,
        type: blocked ? 'blocked' : 'audited',
        state: blocked ? 'blocked' : 'audited',
        reason: blocked ? `DLP found ${[...new Set(blocking)].join(', ')}; nothing was published` : null,
        actor: 'countersign',
        policyVersion: input.policyVersion,
        payload: { verdict: audit.verdict, findings, allowed, actionHash: hash, publishableHash },
        occurredAt: at,
        actionHash: hash,
      });
      return { verdict: audit.verdict, findings, actionHash: hash, publishableHash };
    });
  };
}
