import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// Seconds: a click-to-publish is usually well under a second; an approval wait is minutes to hours.
const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const WAIT_BUCKETS = [1, 10, 30, 60, 300, 900, 1800, 3600, 4 * 3600, 12 * 3600, 24 * 3600];

/** Countersign's metrics on their own registry, so two sets (tests, one process per role) never collide. */
export function createMetricSet() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    actions: new Counter({
      name: 'countersign_actions_total',
      help: 'Actions that reached an outcome, by agent, action, tier and outcome',
      labelNames: ['agent', 'action', 'tier', 'outcome'] as const,
      registers,
    }),
    guardrails: new Counter({
      name: 'countersign_guardrail_triggers_total',
      help: 'Times a guardrail stopped or changed an action: policy refusals by code, DLP by mode, the kill switch, refused decisions',
      labelNames: ['guardrail'] as const,
      registers,
    }),
    interventions: new Counter({
      name: 'countersign_human_interventions_total',
      help: 'Things people did: approve, reject, rollback, kill, kill_all, resume',
      labelNames: ['kind'] as const,
      registers,
    }),
    approvalWait: new Histogram({
      name: 'countersign_approval_wait_seconds',
      help: 'From the approval request to its end (approved: the deciding approval; rejected; expired)',
      labelNames: ['result'] as const,
      buckets: WAIT_BUCKETS,
      registers,
    }),
    approveToPublish: new Histogram({
      name: 'countersign_approve_to_publish_seconds',
      help: 'From the approval that completed the quorum to the publish being recorded',
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    rollbacks: new Counter({
      name: 'countersign_rollbacks_total',
      help: 'Compensations run, by cause (manual, ci_failed, ci_timed_out, verify_failed, kill, publish_failed) and result',
      labelNames: ['cause', 'result'] as const,
      registers,
    }),
    frozen: new Gauge({ name: 'countersign_frozen', help: '1 while the kill switch is engaged, else 0', registers }),
    actionsInState: new Gauge({
      name: 'countersign_actions_in_state',
      help: 'Actions in the read model by current state (awaiting_approval is the approval queue)',
      labelNames: ['state'] as const,
      registers,
    }),
    auditEvents: new Gauge({
      name: 'countersign_audit_events_read',
      help: 'The audit chain position these metrics are computed up to (its seq)',
      registers,
    }),
  };
}

export type MetricSet = ReturnType<typeof createMetricSet>;
