import type { ApprovalEvent, ApprovalEventKind } from './approval-event.ts';

const MESSAGES: Record<ApprovalEventKind, string> = {
  requested: 'approval requested',
  reminder: 'approval reminder',
  decided: 'decision recorded',
  expired: 'approval expired',
  published: 'action published',
  rolled_back: 'action rolled back',
  killed: 'action killed',
  ci: 'ci result',
  window_closed: 'rollback window closed',
};

// The agent's reasoning can run to 20,000 characters; a log line keeps the start.
const MAX_REASONING_CHARS = 500;

/** The `log` notifier's line for an event: a short message and the event's fields. Pure. */
export function logLine(event: ApprovalEvent): { message: string; fields: Record<string, unknown> } {
  // kind becomes `event`, so it is not repeated.
  const fields: Record<string, unknown> = { event: event.kind };
  for (const [name, value] of Object.entries(event)) if (name !== 'kind') fields[name] = value;
  if (event.kind === 'requested' && event.reasoning.length > MAX_REASONING_CHARS) {
    fields.reasoning = `${event.reasoning.slice(0, MAX_REASONING_CHARS)}…`;
  }
  return { message: MESSAGES[event.kind], fields };
}
