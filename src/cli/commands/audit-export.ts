import { eventsSince } from '../../read-model/action-queries.ts';
import { ExitCode, type CliDeps } from '../cli-deps.ts';

export interface AuditExportOptions {
  since: Date;
}

/** `audit export --since`: the trail as JSON Lines, one event per line in chain order, hashes included. */
export async function auditExport(deps: CliDeps, options: AuditExportOptions): Promise<number> {
  for await (const event of eventsSince(deps.pool, options.since)) deps.out(JSON.stringify(event));
  return ExitCode.Ok;
}
