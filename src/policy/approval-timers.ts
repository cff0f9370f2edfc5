import { z } from 'zod';
import { NotifierNameSchema } from '../notifiers/notifier-spec.ts';
import { DurationSchema, parseDuration } from './parse-duration.ts';
import { list, oneOf, section, shown } from './policy-fields.ts';

// An action's reminders and escalation: when, during the approval wait, undecided approvers are
// reminded, and when the request goes on to further notifiers (email when a webhook fails).

const SHARE = /^(\d+(?:\.\d+)?)%$/;

/** A reminder point: a share of the approval timeout, or a time after the request. */
export type ReminderPoint = { share: number } | { afterMs: number };

function readReminder(value: unknown): ReminderPoint | undefined {
  // The reference checks may see a value already parsed into a point.
  if (typeof value === 'object' && value !== null) {
    if ('afterMs' in value && typeof value.afterMs === 'number') return { afterMs: value.afterMs };
    if ('share' in value && typeof value.share === 'number') return { share: value.share };
    return undefined;
  }
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? { afterMs: value } : undefined;
  if (typeof value !== 'string') return undefined;
  const share = SHARE.exec(value.trim());
  if (share) {
    const percent = Number(share[1]);
    return percent > 0 && percent < 100 ? { share: percent / 100 } : undefined;
  }
  const ms = parseDuration(value);
  return ms !== undefined && ms > 0 ? { afterMs: ms } : undefined;
}

/** `50%` (of approval_timeout) or a duration after the request (`2h`). */
export const ReminderSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const point = readReminder(value);
  if (point === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected a share of approval_timeout like "50%" (1–99%) or a duration like 2h, got ${shown(value)}` });
    return z.NEVER;
  }
  return point;
});

/** `escalate:` of an action: further notifiers for the approval request. */
export const EscalationSchema = section({
  /** Notifiers that receive the request on escalation (`[email]`). */
  to: list(oneOf(NotifierNameSchema.options)).min(1, { error: 'name at least one notifier to escalate to, e.g. [email]' }),
  /** Escalate when delivering the request to one of the action's notifiers fails after its retries. */
  on_failure: z.boolean({ error: (issue) => `expected true or false, got ${shown(issue.input)}` }).default(true),
  /** Escalate when no decision has arrived this long after the request. */
  after: DurationSchema.optional(),
});

/** Reminder points as ms after the request, ascending, without repeats. */
export function reminderOffsets(points: readonly ReminderPoint[], timeoutMs: number): number[] {
  const offsets = points.map((p) => ('share' in p ? Math.round(p.share * timeoutMs) : p.afterMs));
  return [...new Set(offsets)].filter((ms) => ms > 0 && ms < timeoutMs).sort((a, b) => a - b);
}

type Reporter = (path: Array<string | number>, message: string) => void;

/**
 * Reminders and escalation must fall inside the approval wait, or they would never happen.
 * Reads the raw file values defensively, as the other cross-field checks do.
 */
export function checkApprovalTimers(name: string, action: Record<string, unknown>, defaultTimeoutMs: number, report: Reporter): void {
  const timeout = action.approval_timeout === undefined ? defaultTimeoutMs : readReminder(action.approval_timeout);
  const timeoutMs = typeof timeout === 'number' ? timeout : timeout && 'afterMs' in timeout ? timeout.afterMs : undefined;
  if (timeoutMs === undefined) return;
  const reminders: unknown[] = Array.isArray(action.reminders) ? action.reminders : [];
  reminders.forEach((raw, index) => {
    const point = readReminder(raw);
    if (point && 'afterMs' in point && point.afterMs >= timeoutMs) {
      report(['actions', name, 'reminders', index], `${shown(raw)} is not before approval_timeout, so the reminder would never be sent; use a shorter time or a share like "50%"`);
    }
  });
  const escalate = action.escalate;
  if (typeof escalate === 'object' && escalate !== null && 'after' in escalate) {
    const after = readReminder(escalate.after);
    if (after && 'afterMs' in after && after.afterMs >= timeoutMs) {
      report(['actions', name, 'escalate', 'after'], `${shown(escalate.after)} is not before approval_timeout, so the request would expire first; use a shorter time`);
    }
  }
}
