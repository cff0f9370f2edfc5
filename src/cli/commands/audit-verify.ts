import { verifyChain } from '../../audit/verify-chain.ts';
import { ExitCode, type CliDeps } from '../cli-deps.ts';

export interface AuditVerifyOptions {
  json?: boolean;
}

/** `audit verify`: walks the hash chain; exit 2 names the first broken row. */
export async function auditVerify(deps: CliDeps, options: AuditVerifyOptions = {}): Promise<number> {
  const verdict = await verifyChain(deps.pool);
  if (options.json) {
    deps.out(JSON.stringify(verdict));
    return verdict.ok ? ExitCode.Ok : ExitCode.ChainBroken;
  }
  if (verdict.ok) {
    deps.out(`audit chain ok: ${verdict.checked} events`);
    return ExitCode.Ok;
  }
  const { seq, eventKey, problem } = verdict.firstBroken;
  deps.out(`audit chain broken at row ${seq} (${eventKey}): ${problem}`);
  return ExitCode.ChainBroken;
}
