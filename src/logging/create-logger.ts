import { pino, type DestinationStream, type Logger } from 'pino';
import { logContext } from './log-context.ts';

export type { Logger };

/** The one root logger; secrets, attestations and drafts never reach a log line. */
export function createLogger(level: string, name = 'countersign', destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    mixin: () => logContext.getStore() ?? {},
    redact: {
      paths: ['draft', '*.draft', 'params', '*.params', 'headers', '*.headers', 'attestation', '*.attestation', 'password', '*.password'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
