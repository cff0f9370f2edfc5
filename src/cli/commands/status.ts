import { statusSummary } from '../../read-model/action-queries.ts';
import { ExitCode, type CliDeps } from '../cli-deps.ts';
import { clip, table, when } from '../table.ts';

export interface StatusOptions {
  json?: boolean;
}

/** `status`: the freeze, actions per state, and what waits for a decision (soonest deadline first). */
export async function status(deps: CliDeps, options: StatusOptions = {}): Promise<number> {
  const s = await statusSummary(deps.pool);
  if (options.json) {
    deps.out(JSON.stringify(s));
    return ExitCode.Ok;
  }
  deps.out(s.freeze.frozen ? `FROZEN since ${when(s.freeze.since)} by ${s.freeze.by}: ${s.freeze.reason} (lift with: countersign resume)` : 'not frozen: agents may act');
  const counts = Object.entries(s.counts);
  deps.out(counts.length ? `actions: ${counts.map(([state, n]) => `${state} ${n}`).join(', ')}` : 'actions: none yet');
  if (s.pending.length === 0) {
    deps.out('no approvals pending');
    return ExitCode.Ok;
  }
  deps.out(`${s.pending.length} pending approval${s.pending.length === 1 ? '' : 's'}:`);
  const rows = s.pending.map((p) => [p.actionId, p.agentId, p.action, clip(p.resource, 40), p.tier, `${p.approvals} of ${p.quorum}`, when(p.deadline)]);
  for (const line of table(['ACTION ID', 'AGENT', 'ACTION', 'RESOURCE', 'TIER', 'APPROVALS', 'DEADLINE'], rows)) deps.out(line);
  return ExitCode.Ok;
}
