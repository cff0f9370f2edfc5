import { z } from 'zod';
import { mentionOf, type People } from '../identity/slack-people.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

/** One audit event of the action, as the message's history reads it. */
export interface HistoryEvent {
  type: string;
  actor: string;
  payload: Record<string, unknown>;
}

// The payload fields the history reads; events are written by our own activities, but read back
// from the database, so they are parsed, and a field that is missing is simply not shown.
const PayloadSchema = z
  .object({
    reason: z.string().optional(),
    approvals: z.number().optional(),
    quorum: z.number().optional(),
    cause: z.string().optional(),
    url: z.string().nullable().optional(),
    receipt: z.object({ reference: z.string() }).loose().optional(),
  })
  .loose();

const CAUSES: Record<string, string> = {
  manual: 'on request',
  ci_failed: 'CI failed',
  ci_timed_out: 'no CI result in time',
  kill: 'kill switch',
  verify_failed: 'verification failed',
  publish_failed: 'publishing failed',
};

/** The lines "who did what" of the message, oldest first; events a reader need not see are left out. */
export function historyLines(events: readonly HistoryEvent[], people: People): string[] {
  const lines: string[] = [];
  for (const event of events) {
    const p = PayloadSchema.safeParse(event.payload).data ?? {};
    const who = mentionOf(people, event.actor);
    const reason = p.reason ? `: ${escapeMrkdwn(p.reason)}` : '';
    const line = ((): string | undefined => {
      switch (event.type) {
        case 'approval_accepted':
          return `${who} approved${p.approvals !== undefined && p.quorum !== undefined ? ` (${p.approvals} of ${p.quorum})` : ''}`;
        case 'rejected':
          return `${who} rejected${p.reason === 'rejected' ? '' : reason}`;
        case 'expired':
          return 'Expired: no decision in time, which is a rejection; nothing was published';
        case 'escalated':
          return `Escalated${reason}`;
        case 'published':
          return `Published${p.receipt ? ` (${escapeMrkdwn(p.receipt.reference)})` : ''}`;
        case 'publish_failed':
          return `Publishing failed${reason}`;
        case 'ci_passed':
          return `CI passed${p.url ? ` (${escapeMrkdwn(p.url)})` : ''}`;
        case 'ci_failed':
          return `CI failed${p.url ? ` (${escapeMrkdwn(p.url)})` : ''}`;
        case 'ci_timed_out':
          return 'No CI result arrived in time';
        case 'rollback_requested':
          return `${who} asked for a rollback${reason}`;
        case 'rolled_back':
          return `Rolled back (${CAUSES[p.cause ?? ''] ?? p.cause ?? 'rollback'}) by ${who}${reason}`;
        case 'rollback_failed':
          return `Rollback failed${reason}`;
        case 'killed':
          // The workflow's reason repeats who ("killed by erin: …"); the line says it once.
          return `Killed by ${who}${p.reason ? `: ${escapeMrkdwn(p.reason.replace(/^killed by [^:]+: /, ''))}` : ''}`;
        case 'window_closed':
          return 'Rollback window closed; the action stays published';
        default:
          return undefined;
      }
    })();
    if (line !== undefined) lines.push(line);
  }
  return lines;
}
