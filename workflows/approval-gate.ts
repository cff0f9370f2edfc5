import * as wf from '@temporalio/workflow';
import type { ActionPlan } from '../src/action/action-plan.ts';
import type { ActionStatus } from '../src/action/action-status.ts';
import { checkDecision, type ApprovalProgress, type ApprovalRules } from '../src/approvals/decision-rules.ts';
import type { Decision, DecisionKind } from '../src/approvals/decision.ts';
import type { DecisionResult } from './messages.ts';

/**
 * The approval wait of one action: what the `approve` and `reject` validators check against, and
 * what an accepted decision changes. Validators only read; handlers change it before their first
 * await, so the next update's validator already sees the change.
 */
export class ApprovalGate {
  readonly progress: ApprovalProgress;
  private readonly rules: ApprovalRules | null;

  constructor(plan: ActionPlan) {
    this.rules = plan.approval;
    this.progress = { phase: 'not_yet', actionId: plan.actionId, actionHash: undefined, deadline: undefined, approvals: [], seenNonces: [] };
  }

  get quorum(): number {
    return this.rules?.quorum ?? 0;
  }

  get decided(): boolean {
    return this.progress.phase === 'approved' || this.progress.phase === 'rejected';
  }

  open(actionHash: string, deadline: string): void {
    Object.assign(this.progress, { phase: 'awaiting', actionHash, deadline });
  }

  /** Expired, killed or otherwise over: later decisions are refused. */
  close(phase: 'expired' | 'closed'): void {
    if (!this.decided) this.progress.phase = phase;
  }

  /** What the status query shows of the approval (nonces stay inside). */
  view(): ActionStatus['approval'] {
    if (!this.rules) return undefined;
    const { phase, actionHash, deadline, approvals, rejectedBy } = this.progress;
    return {
      phase,
      actionHash,
      deadline,
      approvals: [...approvals],
      ...(rejectedBy === undefined ? {} : { rejectedBy }),
      approvers: this.rules.approvers,
      quorum: this.rules.quorum,
    };
  }

  /** Update validator: throws the refusal the clicker reads; never changes anything. */
  validate(kind: DecisionKind, raw: unknown): void {
    if (!this.rules) {
      throw wf.ApplicationFailure.nonRetryable('this action needs no approval (tier 0–2); nothing to decide', 'decision_closed');
    }
    const check = checkDecision(kind, raw, this.rules, this.progress, Date.now());
    if (!check.ok) throw wf.ApplicationFailure.nonRetryable(check.reason, check.code);
  }

  /** Update handler, after the validator: records the decision and answers "accepted, k of n". */
  accept(kind: DecisionKind, decision: Decision): DecisionResult {
    if (decision.attestation) this.progress.seenNonces.push(decision.attestation.nonce);
    const at = new Date().toISOString();
    if (kind === 'reject') {
      this.progress.phase = 'rejected';
      this.progress.rejectedBy = decision.approver;
      return { accepted: true, decision: kind, approvals: this.progress.approvals.length, quorum: this.quorum, message: `rejected by ${decision.approver}` };
    }
    this.progress.approvals.push({
      approver: decision.approver,
      channel: decision.channel,
      at,
      ...(decision.comment === undefined ? {} : { comment: decision.comment }),
    });
    const k = this.progress.approvals.length;
    if (k >= this.quorum) this.progress.phase = 'approved';
    return { accepted: true, decision: kind, approvals: k, quorum: this.quorum, message: `accepted, ${k} of ${this.quorum}` };
  }
}
