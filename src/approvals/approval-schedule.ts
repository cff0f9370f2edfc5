import type { ApprovalRules } from './decision-rules.ts';

// Pure: the governedAction workflow walks these marks while it waits for a decision.

/** A moment during the approval wait: remind the undecided approvers, or escalate the request. */
export type ApprovalMark = { atMs: number; kind: 'reminder'; sequence: number } | { atMs: number; kind: 'escalate' };

/** The reminders and the silence escalation of an approval, in time order, ms after the wait starts. */
export function approvalMarks(rules: Pick<ApprovalRules, 'remindersMs' | 'escalation' | 'timeoutMs'>): ApprovalMark[] {
  const marks: ApprovalMark[] = rules.remindersMs.map((atMs, index) => ({ atMs, kind: 'reminder', sequence: index + 1 }));
  const after = rules.escalation?.afterMs;
  // Escalation first at the same moment, so the reminder also reaches the escalated notifiers.
  if (after != null) marks.push({ atMs: after, kind: 'escalate' });
  return marks
    .filter((m) => m.atMs < rules.timeoutMs)
    .sort((a, b) => a.atMs - b.atMs || (a.kind === 'escalate' ? -1 : b.kind === 'escalate' ? 1 : 0));
}

/** Who may still approve and has not: the approvers without the owner and those already counted. */
export function pendingApprovers(rules: Pick<ApprovalRules, 'approvers' | 'owner'>, approved: ReadonlyArray<{ approver: string }>): string[] {
  return rules.approvers.filter((a) => a !== rules.owner && !approved.some((x) => x.approver === a));
}
