import type { ApprovalProgress } from '../approvals/decision-rules.ts';
import type { ActionOutcome, ActionState } from './action-state.ts';

/** One finding as the status query and audit events show it: never the value itself. */
export interface FindingSummary {
  type: string;
  ruleId: string;
  severity: string;
  location: string;
  start: number;
  end: number;
  mode: string;
  valueHash: string;
}

export interface StepRecord {
  step: string;
  at: string;
  detail?: string;
}

/** What the `status` query returns: the whole story of one action. */
export interface ActionStatus {
  actionId: string;
  agentId: string;
  taskId: string;
  action: string;
  resource: string;
  tier: number;
  rule: string;
  policyVersion: string;
  state: ActionState;
  outcome?: ActionOutcome;
  reason?: string;
  draftHash?: string;
  actionHash?: string;
  findings: FindingSummary[];
  receipts: Array<{ step: string; executor: string; reference: string }>;
  ci?: { status: 'passed' | 'failed' | 'timed_out'; url?: string };
  windowClosesAt?: string;
  rollback?: { by: string; reason: string; cause: string };
  /** Tier 3+: who may decide, how many are needed, until when, and who has. */
  approval?: Omit<ApprovalProgress, 'seenNonces' | 'actionId'> & { approvers: string[]; quorum: number };
  kill?: { by: string; reason: string; rollback: boolean };
  steps: StepRecord[];
}
