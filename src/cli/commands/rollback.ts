import { createRequestRollback } from '../../requests/request-rollback.ts';
import { ExitCode, type CliDeps } from '../cli-deps.ts';
import { requireOperator } from '../signer.ts';

export interface RollbackOptions {
  reason: string;
  json?: boolean;
}

/** `rollback <id> --reason`: inside the window, the `rollback` signal; after it, refused and audited. */
export async function rollback(deps: CliDeps, actionId: string, options: RollbackOptions): Promise<number> {
  const by = requireOperator(deps);
  if (by === undefined) return ExitCode.Refused;
  await createRequestRollback({ pool: deps.pool, temporal: deps.temporal })(actionId, { by, reason: options.reason });
  if (options.json) deps.out(JSON.stringify({ sent: true, actionId, by, reason: options.reason.trim() }));
  else deps.out(`rollback of ${actionId} sent by ${by}; follow it with: countersign actions show ${actionId}`);
  return ExitCode.Ok;
}
