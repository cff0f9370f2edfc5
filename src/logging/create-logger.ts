import { pino, type Logger } from 'pino';

export type { Logger };

/** The one root logger; secrets, attestations and drafts never reach a log line. */
export function createLogger(level: string, name = 'countersign'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['draft', '*.draft', 'params', '*.params', 'headers', '*.headers', 'attestation', '*.attestation', 'password', '*.password'],
      censor: '[redacted]',
    },
  });
}
