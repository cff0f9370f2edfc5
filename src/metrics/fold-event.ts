import type { MetricSet } from './metric-set.ts';

/** One audit event as the metrics read it, with the action's labels from the read model. */
export interface MetricEvent {
  seq: string;
  type: string;
  occurredAt: Date;
  actionId: string | null;
  actor: string;
  payload: Record<string, unknown>;
  agent: string | null;
  action: string | null;
  tier: number | null;
}

// The events that end an action, and the outcome each stands for.
const OUTCOMES: Record<string, string> = {
  allowed: 'allowed',
  refused: 'refused',
  blocked: 'blocked',
  rejected: 'rejected',
  expired: 'expired',
  killed: 'killed',
  window_closed: 'published',
  rollback_failed: 'rollback_failed',
};

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function findingModes(payload: Record<string, unknown>): Set<string> {
  const findings = Array.isArray(payload.findings) ? (payload.findings as unknown[]) : [];
  const modes = new Set<string>();
  for (const f of findings) {
    const mode = f !== null && typeof f === 'object' ? text((f as Record<string, unknown>).mode) : undefined;
    if (mode) modes.add(mode);
  }
  return modes;
}

/**
 * Turns the audit trail, event by event in chain order, into counters and histograms. It remembers
 * only what an open approval needs (when it was requested, when its quorum was reached).
 */
export class MetricsFold {
  private readonly approvalRequested = new Map<string, number>();
  private readonly quorumReached = new Map<string, number>();
  // While the freeze is engaged, halted actions are the kill-all's doing, not separate kills.
  private frozen = false;

  constructor(private readonly m: MetricSet) {}

  apply(e: MetricEvent): void {
    const at = e.occurredAt.getTime();
    const id = e.actionId ?? '';

    const outcome = e.type === 'rolled_back' ? (e.payload.cause === 'publish_failed' ? 'failed' : 'rolled_back') : OUTCOMES[e.type];
    if (outcome && e.actionId !== null) {
      this.m.actions.inc({ agent: e.agent ?? 'unknown', action: e.action ?? 'unknown', tier: e.tier === null ? 'unknown' : String(e.tier), outcome });
    }

    switch (e.type) {
      case 'refused':
        this.m.guardrails.inc({ guardrail: text(e.payload.code) ?? 'policy' });
        break;
      case 'audited':
      case 'blocked':
        for (const mode of findingModes(e.payload)) this.m.guardrails.inc({ guardrail: `dlp_${mode}` });
        break;
      case 'decision_refused':
      case 'signal_refused':
      case 'rollback_refused':
      case 'email_link_refused':
        this.m.guardrails.inc({ guardrail: text(e.payload.code) ?? e.type });
        break;
      case 'approval_requested':
        this.approvalRequested.set(id, at);
        break;
      case 'approval_accepted':
        this.m.interventions.inc({ kind: 'approve' });
        // The last accepted approval before `approved` is the one that reached the quorum.
        this.quorumReached.set(id, at);
        break;
      case 'approved':
        this.observeWait(id, 'approved', this.quorumReached.get(id) ?? at);
        break;
      case 'rejected':
        this.m.interventions.inc({ kind: 'reject' });
        this.observeWait(id, 'rejected', at);
        break;
      case 'expired':
        this.observeWait(id, 'expired', at);
        break;
      case 'published': {
        const reached = this.quorumReached.get(id);
        if (reached !== undefined) this.m.approveToPublish.observe(Math.max(0, at - reached) / 1000);
        this.quorumReached.delete(id);
        break;
      }
      case 'rollback_requested':
        this.m.interventions.inc({ kind: 'rollback' });
        break;
      case 'rolled_back':
        this.m.rollbacks.inc({ cause: text(e.payload.cause) ?? 'unknown', result: 'done' });
        break;
      case 'rollback_failed':
        this.m.rollbacks.inc({ cause: text(e.payload.cause) ?? 'unknown', result: 'failed' });
        break;
      case 'killed':
        // One person's kill of one action is an intervention; the kill-all halting it is the kill switch.
        if (this.frozen) this.m.guardrails.inc({ guardrail: 'kill_switch' });
        else this.m.interventions.inc({ kind: 'kill' });
        break;
      case 'freeze_engaged':
        this.frozen = true;
        this.m.interventions.inc({ kind: 'kill_all' });
        break;
      case 'freeze_lifted':
        this.frozen = false;
        this.m.interventions.inc({ kind: 'resume' });
        break;
    }
    if (outcome) {
      this.approvalRequested.delete(id);
      this.quorumReached.delete(id);
    }
  }

  private observeWait(actionId: string, result: string, endedAt: number): void {
    const requested = this.approvalRequested.get(actionId);
    if (requested === undefined) return;
    this.m.approvalWait.observe({ result }, Math.max(0, endedAt - requested) / 1000);
    this.approvalRequested.delete(actionId);
  }
}
