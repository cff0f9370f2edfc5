import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities/create-activities.ts';
import type { CompensateInput } from '../activities/compensate.ts';
import type { PublishStepInput } from '../activities/publish.ts';
import type { TransitionInput } from '../activities/record-transition.ts';
import { ActionPlanSchema, type ActionPlan } from '../src/action/action-plan.ts';
import type { ActionOutcome, ActionState } from '../src/action/action-state.ts';
import { CiResultArgsSchema, RollbackArgsSchema, type CiResultArgs, type RollbackArgs } from '../src/action/signal-args.ts';
import type { Receipt } from '../src/executors/executor.ts';
import { StateAttribute } from '../src/temporal/search-attributes.ts';
import { ActionStatusState } from './action-status-state.ts';
import { ciResultSignal, rollbackSignal, statusQuery } from './messages.ts';

// Steps retry without limit on infrastructure errors (nothing is lost while PostgreSQL is away);
// activities turn errors no retry can fix into non-retryable failures.
const steps = wf.proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s' },
});

export const NO_APPROVAL_CHANNEL =
  'no approval channel yet: tier 3 and 4 actions need human approval, which this version cannot ask for';

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
 * One tier-2+ action: WRITE → AUDIT → PUBLISH → VERIFY → rollback window (DESIGN.md "The walk
 * of one action"). Every transition is recorded by an activity, in the audit chain and the
 * read model.
 */
export async function governedAction(input: ActionPlan): Promise<ActionOutcome> {
  const plan = parsePlan(input);
  const s = new ActionStatusState(plan);
  const base = { actionId: plan.actionId, policyVersion: plan.policyVersion };
  let rollbackAsk: RollbackArgs | undefined;
  let ciResult: CiResultArgs | undefined;
  let windowOpen = false;
  let finished = false;

  const move = (state: ActionState, step: string, detail?: string): void => {
    s.step(state, step, detail);
    wf.upsertSearchAttributes([{ key: StateAttribute, value: state }]);
  };
  const record = (t: Omit<TransitionInput, 'actionId' | 'policyVersion' | 'actor'> & { actor?: string }) =>
    steps.recordStep({ ...base, actor: 'countersign', ...t });
  const refuseSignal = (signal: string, reason: string, actor: string) =>
    record({ eventKey: s.nextEventKey(`${signal}_refused`), type: signal === 'rollback' ? 'rollback_refused' : 'signal_refused', reason, actor, payload: { signal } });

  wf.setHandler(statusQuery, () => s.status, {
    description: 'The whole story of this action: state, steps with times, DLP findings, receipts, CI, rollback.',
  });
  wf.setHandler(
    rollbackSignal,
    async (raw: unknown) => {
      const parsed = RollbackArgsSchema.safeParse(raw);
      if (!parsed.success) {
        return refuseSignal('rollback', `malformed rollback: send {"by": "<you>", "reason": "<why>"} (${parsed.error.issues[0]?.message})`, 'unknown');
      }
      const why = finished || (!windowOpen && s.status.windowClosesAt)
        ? `the rollback window closed at ${s.status.windowClosesAt ?? 'the end of the action'}`
        : rollbackAsk
          ? 'a rollback is already under way'
          : !windowOpen
            ? 'nothing has been published yet, so there is nothing to roll back'
            : undefined;
      if (why) return refuseSignal('rollback', why, parsed.data.by);
      rollbackAsk = parsed.data;
    },
    { description: 'Roll back this published action inside its rollback window. JSON: {"by": "<operator>", "reason": "<why>"}' },
  );
  wf.setHandler(
    ciResultSignal,
    async (raw: unknown) => {
      const parsed = CiResultArgsSchema.safeParse(raw);
      if (!parsed.success) {
        return refuseSignal('ciResult', `malformed ciResult: send {"status": "passed"|"failed", "url"?: "<link>"} (${parsed.error.issues[0]?.message})`, 'ci');
      }
      if (!plan.ci) return refuseSignal('ciResult', 'this action has no CI verification in the policy', 'ci');
      if (ciResult || finished) return refuseSignal('ciResult', 'the CI result for this action was already settled', 'ci');
      ciResult = parsed.data;
    },
    { description: 'Report the CI result of this action; a failure rolls it back. JSON: {"status": "passed"|"failed", "url": "<link>"}' },
  );

  const finish = async (outcome: ActionOutcome, reason?: string): Promise<ActionOutcome> => {
    finished = true;
    windowOpen = false;
    s.status.outcome = outcome;
    if (reason !== undefined) s.status.reason = reason;
    await wf.condition(wf.allHandlersFinished);
    return outcome;
  };

  const rollBack = async (
    publish: PublishStepInput,
    receipt: Receipt | null,
    cause: string,
    by: string,
    reason: string,
  ): Promise<ActionOutcome> =>
    wf.CancellationScope.nonCancellable(async () => {
      windowOpen = false;
      s.status.rollback = { by, reason, cause };
      move('rolling_back', 'rollback', `${cause}: ${reason}`);
      const compensation: CompensateInput = { ...publish, receipt, cause, by, reason };
      try {
        const done = await steps.compensate(compensation);
        s.status.receipts.push({ step: 'compensate', executor: done.executor, reference: done.reference });
        const outcome = cause === 'publish_failed' ? 'failed' : 'rolled_back';
        move(outcome, outcome);
        return finish(outcome, reason);
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

  if (plan.tier >= 3 || !plan.executor) {
    const reason = plan.tier >= 3 ? NO_APPROVAL_CHANNEL : 'the policy names no executor for this action; nothing was published';
    await record({ eventKey: `${plan.actionId}:blocked`, type: 'blocked', state: 'blocked', reason, payload: { tier: plan.tier, rule: plan.rule } });
    move('blocked', 'blocked', reason);
    return finish('blocked', reason);
  }

  // PUBLISH
  const publish: PublishStepInput = { ...base, executor: plan.executor, actionHash: audit.actionHash, rollbackWindowMs: plan.rollbackWindowMs };
  move('publishing', 'publish');
  let receipt: Receipt;
  try {
    const published = await steps.publish(publish);
    receipt = published.receipt;
    s.status.windowClosesAt = published.windowClosesAt;
  } catch (error) {
    const reason = `publishing failed: ${failureMessage(error)}`;
    await record({ eventKey: `${plan.actionId}:publish_failed`, type: 'publish_failed', state: 'rolling_back', reason, payload: {} });
    return rollBack(publish, null, 'publish_failed', 'countersign', reason);
  }
  s.status.receipts.push({ step: 'publish', executor: receipt.executor, reference: receipt.reference });
  windowOpen = true;
  move('published', 'publish', receipt.reference);
  const windowEnds = Date.now() + plan.rollbackWindowMs;

  // VERIFY: the executor's own check, then CI where the policy asks for it.
  if (plan.executor.type === 'http' && plan.executor.verify) {
    const verdict = await steps.verifyPublish({ ...publish, receipt });
    await record({
      eventKey: `${plan.actionId}:verify`,
      type: verdict.passed ? 'verify_passed' : 'verify_failed',
      ...(verdict.passed ? {} : { state: 'rolling_back' as const }),
      payload: { detail: verdict.detail },
    });
    if (!verdict.passed) return rollBack(publish, receipt, 'verify_failed', 'countersign', `verification failed: ${verdict.detail}`);
  }
  if (plan.ci) {
    const settled = await wf.condition(() => ciResult !== undefined || rollbackAsk !== undefined, plan.ci.timeoutMs);
    if (!rollbackAsk) {
      const status = !settled || !ciResult ? 'timed_out' : ciResult.status;
      s.status.ci = { status, ...(ciResult?.url ? { url: ciResult.url } : {}) };
      await record({
        eventKey: `${plan.actionId}:ci`,
        type: status === 'passed' ? 'ci_passed' : status === 'failed' ? 'ci_failed' : 'ci_timed_out',
        ...(status === 'passed' ? {} : { state: 'rolling_back' as const }),
        payload: { url: ciResult?.url ?? null, timeoutMs: plan.ci.timeoutMs },
      });
      if (status !== 'passed') {
        const reason = status === 'failed' ? `CI failed${ciResult?.url ? ` (${ciResult.url})` : ''}` : 'no CI result arrived in time';
        return rollBack(publish, receipt, status === 'failed' ? 'ci_failed' : 'ci_timed_out', 'countersign', reason);
      }
    }
  }

  // ROLLBACK WINDOW
  const asked = rollbackAsk !== undefined || (await wf.condition(() => rollbackAsk !== undefined, Math.max(windowEnds - Date.now(), 1)));
  if (asked && rollbackAsk) {
    const ask = rollbackAsk;
    await record({ eventKey: `${plan.actionId}:rollback_requested`, type: 'rollback_requested', state: 'rolling_back', actor: ask.by, reason: ask.reason, payload: {} });
    return rollBack(publish, receipt, 'manual', ask.by, ask.reason);
  }
  windowOpen = false;
  await record({ eventKey: `${plan.actionId}:window_closed`, type: 'window_closed', state: 'published', windowClosesAt: s.status.windowClosesAt ?? null, payload: {} });
  s.step('published', 'window_closed');
  return finish('published');
}
