import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from './create-logger.ts';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** Sends the Temporal SDK's own logs (worker, workflow `wf.log`) through our pino logger. */
export function forwardTemporalLogs(log: Logger): void {
  const child = log.child({ component: 'temporal' });
  Runtime.install({
    logger: new DefaultLogger('INFO', (entry) => {
      child[LEVELS[entry.level]]({ ...entry.meta }, entry.message);
    }),
  });
}
