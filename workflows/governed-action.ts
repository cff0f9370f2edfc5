import * as wf from '@temporalio/workflow';
import type { CompensateInput } from '../activities/compensate.ts';
import type { PublishStepInput } from '../activities/publish.ts';
import type { TransitionInput } from '../activities/record-transition.ts';
import { ActionPlanSchema, type ActionPlan } from '../src/action/action-plan.ts';
import type { ActionOutcome, ActionState } from '../src/action/action-state.ts';
import type { KillArgs } from '../src/action/kill-args.ts';
import { DecisionSchema, type DecisionKind } from '../src/approvals/decision.ts';
import type { Receipt } from '../src/executors/executor.ts';
import { approvalMarks } from '../src/approvals/approval-schedule.ts';
import { formatDuration } from '../src/policy/format-duration.ts';
import { StateAttribute } from '../src/temporal/search-attributes.ts';
import { ActionStatusState } from './action-status-state.ts';
import { executorSteps, steps } from './activity-proxies.ts';
import { ApprovalNotices } from './approval-notices.ts';
import { ApprovalGate } from './approval-gate.ts';
import { SafeSignals, type SignalRefusal } from './safe-signals.ts';
import { approveUpdate, ciResultSignal, killSignal, rejectUpdate, rollbackSignal, statusQuery } from './messages.ts';

function failureMessage(error: unknown): string {
  if (error instanceof wf.ActivityFailure && error.cause) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}

function parsePlan(input: unknown): ActionPlan {
  const parsed = ActionPlanSchema.safeParse(input);
  if (!parsed.success) {
    throw wf.ApplicationFailure.nonRetryable(
      `governedAction input is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      'workflow_input_invalid',
    );
  }
  return parsed.data;
}

/**
 * One tier-2+ action: WRITE → AUDIT → APPROVAL (tier 3+) → PUBLISH → VERIFY → rollback window
 * (DESIGN.md "The walk of one action"). Every transition is recorded by an activity, in the
 * audit chain and the read model.
 */
export async function governedAction(input: ActionPlan): Promise<ActionOutcome> {
  const plan = parsePlan(input);
  const s = new ActionStatusState(plan);
  const gate = new ApprovalGate(plan);
  const executing = executorSteps(plan);
  const base = { actionId: plan.actionId, policyVersion: plan.policyVersion };
  const signals = new SafeSignals(plan, () => s.status.windowClosesAt);

  const move = (state: ActionState, step: string, detail?: string): void => {
    s.step(state, step, detail);
    wf.upsertSearchAttributes([{ key: StateAttribute, value: state }]);
  };
  const record = (t: Omit<TransitionInput, 'actionId' | 'policyVersion' | 'actor'> & { actor?: string }) =>
    steps.recordStep({ ...base, actor: 'countersign', ...t });
  const notices = new ApprovalNotices(plan, gate, record, (kind) => s.nextEventKey(kind), failureMessage);
  const showApproval = (): void => {
    s.status.approval = gate.view();
  };

  wf.setHandler(statusQuery, () => s.status, {
    description: 'The whole story of this action: state, steps with times, DLP findings, approvals, receipts, CI, rollback.',
  });
  const onSignal = (refusal: SignalRefusal | undefined) =>
    refusal &&
    record({
      eventKey: s.nextEventKey(`${refusal.signal}_refused`),
      type: refusal.signal === 'rollback' ? 'rollback_refused' : 'signal_refused',
      reason: refusal.reason,
      actor: refusal.actor,
      payload: { signal: refusal.signal },
    });
  wf.setHandler(rollbackSignal, (raw: unknown) => onSignal(signals.onRollback(raw)), {
    description: 'Roll back this published action inside its rollback window. JSON: {"by": "<operator>", "reason": "<why>"}',
  });
  wf.setHandler(ciResultSignal, (raw: unknown) => onSignal(signals.onCiResult(raw)), {
    description: 'Report the CI result of this action; a failure rolls it back. JSON: {"status": "passed"|"failed", "url": "<link>"}',
  });
  wf.setHandler(
    killSignal,
    (raw: unknown) => {
      const refusal = signals.onKill(raw);
      const kill = signals.killRequest();
      if (!refusal && kill) s.status.kill = kill;
      return onSignal(refusal);
    },
    {
      description:
        'Stop this action: pending, it ends killed and is never published; with "rollback": true a published one is rolled back. JSON: {"by": "<operator>", "reason": "<why>", "rollback": false}',
    },
  );
  const decide = (kind: DecisionKind) => async (raw: unknown) => {
    const decision = DecisionSchema.parse(raw);
    const result = gate.accept(kind, decision);
    showApproval();
    await record({
      eventKey: s.nextEventKey(kind === 'approve' ? 'approval_accepted' : 'rejected'),
      type: kind === 'approve' ? 'approval_accepted' : 'rejected',
      actor: decision.approver,
      ...(kind === 'reject' ? { state: 'rejected' as const, reason: decision.reason ?? 'rejected' } : {}),
      payload: { channel: decision.channel, approvals: result.approvals, quorum: result.quorum, comment: decision.comment ?? null, nonce: decision.attestation?.nonce ?? null },
    });
    notices.notify({ kind: 'decided', actionId: plan.actionId, decision: kind, approver: decision.approver, channel: decision.channel, approvals: result.approvals, quorum: result.quorum, ...(gate.decided ? { outcome: kind === 'approve' ? 'approved' : 'rejected' } : {}) });
    return result;
  };
  const decisionHelp = 'Needs an attestation signed by a Countersign channel (Slack, email, CLI, HTTP); one typed here is refused.';
  wf.setHandler(approveUpdate, decide('approve'), {
    validator: (raw: unknown) => gate.validate('approve', raw),
    description: `Approve this action. ${decisionHelp}`,
  });
  wf.setHandler(rejectUpdate, decide('reject'), {
    validator: (raw: unknown) => gate.validate('reject', raw),
    description: `Reject this action. ${decisionHelp}`,
  });

  const finish = async (outcome: ActionOutcome, reason?: string): Promise<ActionOutcome> => {
    signals.finished = true;
    signals.windowOpen = false;
    gate.close('closed');
    s.status.outcome = outcome;
    if (reason !== undefined) s.status.reason = reason;
    // Handlers first: a decision's handler sends its notice only after recording it.
    await wf.condition(wf.allHandlersFinished);
    await notices.drain();
    return outcome;
  };
  const endKilled = async (k: KillArgs): Promise<ActionOutcome> => {
    const reason = `killed by ${k.by}: ${k.reason}`;
    await record({ eventKey: `${plan.actionId}:killed`, type: 'killed', state: 'killed', actor: k.by, reason, payload: { rollback: k.rollback } });
    move('killed', 'killed', reason);
    notices.notify({ kind: 'killed', actionId: plan.actionId, by: k.by, reason: k.reason });
    return finish('killed', reason);
  };

  const rollBack = async (publish: PublishStepInput, receipt: Receipt | null, cause: string, by: string, reason: string): Promise<ActionOutcome> =>
    wf.CancellationScope.nonCancellable(async () => {
      signals.windowOpen = false;
      s.status.rollback = { by, reason, cause };
      move('rolling_back', 'rollback', `${cause}: ${reason}`);
      const compensation: CompensateInput = { ...publish, receipt, cause, by, reason };
      try {
        const done = await executing.compensate(compensation);
        s.status.receipts.push({ step: 'compensate', executor: done.executor, reference: done.reference });
        const outcome = cause === 'publish_failed' ? 'failed' : 'rolled_back';
        move(outcome, outcome);
        if (outcome === 'rolled_back') notices.notify({ kind: 'rolled_back', actionId: plan.actionId, by, reason, cause });
        return await finish(outcome, reason);
      } catch (error) {
        const why = `the compensation failed (${failureMessage(error)}); ${plan.resource} needs a person to repair it`;
        await record({ eventKey: `${plan.actionId}:rollback_failed`, type: 'rollback_failed', state: 'rollback_failed', reason: why, payload: { cause } });
        move('rollback_failed', 'rollback_failed', why);
        return finish('rollback_failed', why);
      }
    });

  // WRITE
  const staged = await steps.stageDraft(base);
  s.status.draftHash = staged.draftHash;
  move('staged', 'write');
  const k1 = signals.killRequest();
  if (k1) return endKilled(k1);

  // AUDIT
  const audit = await steps.auditDraft({ ...base, dlp: plan.dlp });
  s.status.findings = audit.findings;
  s.status.actionHash = audit.actionHash;
  if (audit.verdict === 'block') {
    const reason = 'DLP blocked the draft; nothing was published';
    move('blocked', 'audit', reason);
    return finish('blocked', reason);
  }
  move('audited', 'audit', audit.verdict === 'redact' ? 'published draft is redacted' : undefined);
  const k2 = signals.killRequest();
  if (k2) return endKilled(k2);
  if (!plan.executor) {
    const reason = 'the policy names no executor for this action; nothing was published';
    await record({ eventKey: `${plan.actionId}:blocked`, type: 'blocked', state: 'blocked', reason, payload: { tier: plan.tier, rule: plan.rule } });
    move('blocked', 'blocked', reason);
    return finish('blocked', reason);
  }

  // APPROVAL (tier 3+): wait for the quorum, a reject, a kill, or the deadline; expiry is a rejection.
  if (plan.approval) {
    const rules = plan.approval;
    const deadline = new Date(Date.now() + rules.timeoutMs).toISOString();
    gate.open(audit.actionHash, deadline);
    showApproval();
    await record({
      eventKey: `${plan.actionId}:approval_requested`,
      type: 'approval_requested',
      state: 'awaiting_approval',
      payload: { approvers: rules.approvers, quorum: rules.quorum, deadline, actionHash: audit.actionHash, confirmation: rules.confirmation },
    });
    move('awaiting_approval', 'approval', `${rules.quorum} of ${rules.approvers.join(', ')} by ${deadline}`);
    notices.requested({
      kind: 'requested',
      actionId: plan.actionId,
      agentId: plan.agentId,
      taskId: plan.taskId,
      action: plan.action,
      resource: plan.resource,
      tier: plan.tier,
      rule: plan.rule,
      actionHash: audit.actionHash,
      approvers: rules.approvers,
      owner: rules.owner,
      quorum: rules.quorum,
      deadline,
      reasoning: plan.decision.reasoning,
      confidence: plan.decision.confidence,
      risk: plan.decision.risk,
      findings: audit.findings.map((f) => ({ type: f.type, location: f.location })),
    });
    // Reminders and the silence escalation fall inside the wait; the deadline ends it.
    // Timed from the deadline announced, not from after the writes since, so it ends then.
    const waitStart = Date.parse(deadline) - rules.timeoutMs;
    const over = () => gate.decided || signals.killRequest() !== undefined;
    let settled = false;
    for (const mark of approvalMarks(rules)) {
      settled = await wf.condition(over, Math.max(mark.atMs - (Date.now() - waitStart), 1));
      if (settled) break;
      if (mark.kind === 'escalate') await notices.escalate(`no decision within ${formatDuration(mark.atMs)}`);
      else notices.remind(mark.sequence);
    }
    if (!settled) settled = await wf.condition(over, Math.max(rules.timeoutMs - (Date.now() - waitStart), 1));
    const k3 = signals.killRequest();
    if (k3) {
      gate.close('closed');
      return endKilled(k3);
    }
    if (!settled) {
      gate.close('expired');
      showApproval();
      const reason = `no decision by ${deadline}; expiry is a rejection`;
      await record({ eventKey: `${plan.actionId}:expired`, type: 'expired', state: 'expired', reason, payload: { approvals: gate.progress.approvals.length, quorum: rules.quorum } });
      move('expired', 'expired', reason);
      notices.notify({ kind: 'expired', actionId: plan.actionId, deadline });
      return finish('expired', reason);
    }
    if (gate.progress.phase === 'rejected') {
      const reason = `rejected by ${gate.progress.rejectedBy ?? 'an approver'}`;
      move('rejected', 'rejected', reason);
      return finish('rejected', reason);
    }
    // The deciding approval's handler is still recording it; the trail shows it before the publish.
    await wf.condition(wf.allHandlersFinished);
    move('approved', 'approved', gate.progress.approvals.map((a) => a.approver).join(', '));
  }

  // PUBLISH: the activity records the approval (in the same transaction, to save a round trip on
  // the way from the click to the publish), re-checks the freeze and the approved action hash,
  // then runs the executor.
  const approvedBy = plan.approval ? gate.progress.approvals.map((a) => a.approver) : undefined;
  const publish: PublishStepInput = {
    ...base,
    executor: plan.executor,
    actionHash: audit.actionHash,
    rollbackWindowMs: plan.rollbackWindowMs,
    ...(approvedBy ? { approvedBy } : {}),
  };
  const k4 = signals.killRequest();
  if (k4) return endKilled(k4);
  move('publishing', 'publish');
  let receipt: Receipt;
  try {
    const published = await executing.publish(publish);
    if (published.kind === 'frozen') {
      const reason = `the kill switch is engaged (${published.by}: ${published.reason}); nothing was published`;
      s.status.kill = { by: published.by, reason: published.reason, rollback: false };
      move('killed', 'killed', reason);
      notices.notify({ kind: 'killed', actionId: plan.actionId, by: published.by, reason: published.reason });
      return await finish('killed', reason);
    }
    receipt = published.receipt;
    s.status.windowClosesAt = published.windowClosesAt;
  } catch (error) {
    const reason = `publishing failed: ${failureMessage(error)}`;
    await record({ eventKey: `${plan.actionId}:publish_failed`, type: 'publish_failed', state: 'rolling_back', reason, payload: {} });
    return rollBack(publish, null, 'publish_failed', 'countersign', reason);
  }
  s.status.receipts.push({ step: 'publish', executor: receipt.executor, reference: receipt.reference });
  signals.windowOpen = true;
  move('published', 'publish', receipt.reference);
  notices.notify({ kind: 'published', actionId: plan.actionId, reference: receipt.reference });
  const windowEnds = Date.now() + plan.rollbackWindowMs;
  const killRollback = (): Promise<ActionOutcome> | undefined => {
    const k = signals.killRequest();
    return k?.rollback ? rollBack(publish, receipt, 'kill', k.by, k.reason) : undefined;
  };

  // VERIFY: the executor's own check, then CI where the policy asks for it.
  if (plan.executor.type === 'http' && plan.executor.verify) {
    const verdict = await executing.verifyPublish({ ...publish, receipt });
    await record({
      eventKey: `${plan.actionId}:verify`,
      type: verdict.passed ? 'verify_passed' : 'verify_failed',
      ...(verdict.passed ? {} : { state: 'rolling_back' as const }),
      payload: { detail: verdict.detail },
    });
    if (!verdict.passed) return rollBack(publish, receipt, 'verify_failed', 'countersign', `verification failed: ${verdict.detail}`);
  }
  if (plan.ci) {
    const settled = await wf.condition(
      () => signals.ciResult() !== undefined || signals.rollbackRequest() !== undefined || signals.killRequest()?.rollback === true,
      plan.ci.timeoutMs,
    );
    const killed = killRollback();
    if (killed) return killed;
    const ciResult = signals.ciResult();
    if (!signals.rollbackRequest()) {
      const status = !settled || !ciResult ? 'timed_out' : ciResult.status;
      s.status.ci = { status, ...(ciResult?.url ? { url: ciResult.url } : {}) };
      await record({
        eventKey: `${plan.actionId}:ci`,
        type: status === 'passed' ? 'ci_passed' : status === 'failed' ? 'ci_failed' : 'ci_timed_out',
        ...(status === 'passed' ? {} : { state: 'rolling_back' as const }),
        payload: { url: ciResult?.url ?? null, timeoutMs: plan.ci.timeoutMs },
      });
      notices.notify({ kind: 'ci', actionId: plan.actionId, status, ...(ciResult?.url ? { url: ciResult.url } : {}) });
      if (status !== 'passed') {
        const reason = status === 'failed' ? `CI failed${ciResult?.url ? ` (${ciResult.url})` : ''}` : 'no CI result arrived in time';
        return rollBack(publish, receipt, status === 'failed' ? 'ci_failed' : 'ci_timed_out', 'countersign', reason);
      }
    }
  }

  // ROLLBACK WINDOW
  if (signals.rollbackRequest() === undefined && signals.killRequest()?.rollback !== true) {
    await wf.condition(() => signals.rollbackRequest() !== undefined || signals.killRequest()?.rollback === true, Math.max(windowEnds - Date.now(), 1));
  }
  const killed = killRollback();
  if (killed) return killed;
  const ask = signals.rollbackRequest();
  if (ask) {
    await record({ eventKey: `${plan.actionId}:rollback_requested`, type: 'rollback_requested', state: 'rolling_back', actor: ask.by, reason: ask.reason, payload: {} });
    return rollBack(publish, receipt, 'manual', ask.by, ask.reason);
  }
  signals.windowOpen = false;
  await record({ eventKey: `${plan.actionId}:window_closed`, type: 'window_closed', state: 'published', windowClosesAt: s.status.windowClosesAt ?? null, payload: {} });
  s.step('published', 'window_closed');
  notices.notify({ kind: 'window_closed', actionId: plan.actionId });
  return finish('published');
}
