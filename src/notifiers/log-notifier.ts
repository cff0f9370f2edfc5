import type { Logger } from 'pino';
import { logLine } from './log-line.ts';
import type { Notifier } from './notifier.ts';

/**
 * Writes one structured line per approval event. Workflows write their `log` notices themselves
 * (workflows/approval-notices.ts, no activity needed); this serves notices scheduled as
 * activities by workflows started before they did.
 */
export function createLogNotifier(log: Logger): Notifier {
  return {
    name: 'log',
    notify(event) {
      const { message, fields } = logLine(event);
      log.info(fields, message);
      return Promise.resolve();
    },
  };
}
