import * as wf from '@temporalio/workflow';
import type { TransitionInput } from '../activities/record-transition.ts';
import type { ActionPlan } from '../src/action/action-plan.ts';
import { pendingApprovers } from '../src/approvals/approval-schedule.ts';
import type { ApprovalEvent } from '../src/notifiers/approval-event.ts';
import type { NotifierName } from '../src/notifiers/notifier-spec.ts';
import type { ApprovalGate } from './approval-gate.ts';
import { logLine } from '../src/notifiers/log-line.ts';
import { notifications } from './activity-proxies.ts';

type RequestedEvent = Extract<ApprovalEvent, { kind: 'requested' }>;
type Record = (t: Omit<TransitionInput, 'actionId' | 'policyVersion' | 'actor'>) => Promise<void>;

/**
 * The action's notices: each event to each notifier (one activity each, never holding the action
 * up), reminders, and the escalation of the request to further notifiers when one fails or
 * nobody decides in time. A notifier that stays down is audited as notify_failed.
 */
export class ApprovalNotices {
  private readonly pending: Array<Promise<void>> = [];
  /** The action's notifiers, joined by the escalation's once it happens. */
  private readonly notifiers: NotifierName[];
  private request: Omit<RequestedEvent, 'escalated'> | undefined;
  private escalated = false;

  constructor(
    private readonly plan: ActionPlan,
    private readonly gate: ApprovalGate,
    private readonly record: Record,
    private readonly nextEventKey: (kind: string) => string,
    private readonly failureMessage: (error: unknown) => string,
  ) {
    this.notifiers = [...plan.notify];
  }

  notify(event: ApprovalEvent, to: readonly NotifierName[] = this.notifiers): void {
    for (const notifier of to) {
      if (notifier === 'log') {
        // The workflow's own logger (replay-safe, through the worker's pino): no activity needed.
        const { message, fields } = logLine(event);
        wf.log.info(message, { ...fields, agentId: this.plan.agentId, taskId: this.plan.taskId });
        continue;
      }
      this.pending.push(
        notifications.notify({ actionId: this.plan.actionId, notifier, event }).catch(async (error: unknown) => {
          const reason = `the ${notifier} notifier failed: ${this.failureMessage(error)}`;
          await this.record({ eventKey: this.nextEventKey('notify_failed'), type: 'notify_failed', reason, payload: { event: event.kind } });
          if (event.kind === 'requested' && this.plan.approval?.escalation?.onFailure) {
            await this.escalate(`the ${notifier} notifier failed to deliver the request`);
          }
        }),
      );
    }
  }

  /** The approval request, to the action's notifiers; reminders and escalation repeat its facts. */
  requested(event: Omit<RequestedEvent, 'escalated'>): void {
    this.request = event;
    this.notify({ ...event, kind: 'requested' });
  }

  /** Reminds the approvers who have not decided yet. */
  remind(sequence: number): void {
    const rules = this.plan.approval;
    if (!this.request || !rules) return;
    this.notify({ ...this.request, kind: 'reminder', pending: pendingApprovers(rules, this.gate.progress.approvals), sequence });
  }

  /** Sends the request on to the escalation's notifiers, once, while the wait lasts. */
  async escalate(reason: string): Promise<void> {
    const targets = this.plan.approval?.escalation?.to.filter((n) => !this.notifiers.includes(n)) ?? [];
    if (this.escalated || !this.request || this.gate.progress.phase !== 'awaiting' || targets.length === 0) return;
    this.escalated = true;
    this.notifiers.push(...targets);
    await this.record({ eventKey: `${this.plan.actionId}:escalated`, type: 'escalated', reason, payload: { to: targets } });
    this.notify({ ...this.request, kind: 'requested', escalated: reason }, targets);
  }

  /** Waits for every notice sent so far, including those a failed one escalated to. */
  async drain(): Promise<void> {
    while (this.pending.length > 0) await Promise.all(this.pending.splice(0));
  }
}
