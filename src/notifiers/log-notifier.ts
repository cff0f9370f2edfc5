import type { Logger } from 'pino';
import type { ApprovalEvent, ApprovalEventKind } from './approval-event.ts';
import type { Notifier } from './notifier.ts';

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

function fieldsOf(event: ApprovalEvent): Record<string, unknown> {
  // kind becomes `event`, so it is not repeated.
  const fields: Record<string, unknown> = { event: event.kind };
  for (const [name, value] of Object.entries(event)) if (name !== 'kind') fields[name] = value;
  if (event.kind === 'requested' && event.reasoning.length > MAX_REASONING_CHARS) {
    fields.reasoning = `${event.reasoning.slice(0, MAX_REASONING_CHARS)}…`;
  }
  return fields;
}

/** Writes one structured line per approval event; always configured, so every event is seen somewhere. */
export function createLogNotifier(log: Logger): Notifier {
  return {
    name: 'log',
    notify(event) {
      log.info(fieldsOf(event), MESSAGES[event.kind]);
      return Promise.resolve();
    },
  };
}
