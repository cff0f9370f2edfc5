import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';

function line(parts: unknown[]): string {
  return parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
}

/**
 * Bolt's and the WebClient's logger, writing into our pino logger, so what Bolt reports (a
 * request refused for a forged or stale signature, a listener error) lands in the same log.
 */
export function slackLogger(log: Logger): SlackLogger {
  let level = LogLevel.INFO;
  let child = log.child({ component: 'slack' });
  return {
    debug: (...msg: unknown[]) => child.debug(line(msg)),
    info: (...msg: unknown[]) => child.info(line(msg)),
    warn: (...msg: unknown[]) => child.warn(line(msg)),
    error: (...msg: unknown[]) => child.error(line(msg)),
    // pino's level (LOG_LEVEL) decides what is written; Bolt's own setting is kept for getLevel.
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (name: string) => {
      child = log.child({ component: 'slack', name });
    },
  };
}
