import { actionSummary } from '../../gateway/action-view.ts';
import { listActions, type ActionFilter } from '../../read-model/action-queries.ts';
import { ExitCode, type CliDeps } from '../cli-deps.ts';
import { clip, table, when } from '../table.ts';

export interface ActionsListOptions extends Partial<Omit<ActionFilter, 'limit' | 'page'>> {
  limit: number;
  page: number;
  json?: boolean;
}

/** `actions list`: newest first from the read model, filtered and paged. */
export async function actionsList(deps: CliDeps, options: ActionsListOptions): Promise<number> {
  const { json, ...filter } = options;
  const { rows, total } = await listActions(deps.pool, filter);
  if (json) {
    deps.out(JSON.stringify({ total, page: filter.page, limit: filter.limit, actions: rows.map(actionSummary) }));
    return ExitCode.Ok;
  }
  if (rows.length === 0) {
    deps.out(total === 0 ? 'no actions match' : `page ${filter.page} is past the end: ${total} actions match`);
    return ExitCode.Ok;
  }
  const lines = table(
    ['ACTION ID', 'CREATED', 'AGENT', 'ACTION', 'RESOURCE', 'TIER', 'STATE'],
    rows.map((r) => [r.action_id, when(r.created_at), r.agent_id, r.action, clip(r.resource, 48), r.tier, r.state]),
  );
  for (const line of lines) deps.out(line);
  const first = (filter.page - 1) * filter.limit + 1;
  const last = first + rows.length - 1;
  const more = last < total ? `; next page: --page ${filter.page + 1}` : '';
  deps.out(`${first}–${last} of ${total}${more}`);
  return ExitCode.Ok;
}
