import { actionView } from '../../gateway/action-view.ts';
import { actionStory } from '../../read-model/action-queries.ts';
import { workflowUiLink } from '../../temporal/workflow-ui-link.ts';
import { ExitCode, type CliDeps } from '../cli-deps.ts';
import { describeEvent } from '../describe-event.ts';
import { table, when } from '../table.ts';

export interface ActionsShowOptions {
  json?: boolean;
}

/** `actions show <id>`: the request, how it was tiered, and every event since, from PostgreSQL. */
export async function actionsShow(deps: CliDeps, actionId: string, options: ActionsShowOptions = {}): Promise<number> {
  const story = await actionStory(deps.pool, actionId);
  if (!story) {
    deps.err(`no action ${actionId}; list them with: countersign actions list`);
    return ExitCode.Refused;
  }
  const { action: a, request, events } = story;
  if (options.json) {
    // The API's view of the action, then what only operators see: the request (without the
    // draft, which may hold what DLP found; its length and hash are in the events) and the trail.
    const { draft, ...shown } = request;
    const trail = events.map((e) => ({ seq: e.seq, type: e.type, actor: e.actor, occurredAt: e.occurred_at.toISOString(), payload: e.payload, hash: e.hash }));
    deps.out(JSON.stringify({ ...actionView(story, new Date()), request: { ...shown, draftLength: draft.length }, events: trail }));
    return ExitCode.Ok;
  }
  deps.out(`${a.action_id}: ${a.action} on ${a.resource}`);
  deps.out(`  state    ${a.state}${a.reason ? ` (${a.reason})` : ''}`);
  deps.out(`  agent    ${a.agent_id}, task ${a.task_id}`);
  deps.out(`  tier     ${a.tier}, set by ${a.rule} (policy ${a.policy_version})`);
  deps.out(`  agent's reasoning: "${request.decision.reasoning}" (confidence ${request.decision.confidence}, risk ${request.decision.risk})`);
  if (a.action_hash) deps.out(`  hash     ${a.action_hash}`);
  if (a.window_closes_at) deps.out(`  rollback window until ${when(a.window_closes_at)}`);
  if (a.workflow_id) deps.out(`  workflow ${a.workflow_id}: ${workflowUiLink(deps.uiUrl, deps.namespace, a.workflow_id)}`);
  deps.out('');
  for (const line of table(['TIME', 'EVENT', 'BY', 'DETAIL'], events.map((e) => [when(e.occurred_at), e.type, e.actor, describeEvent(e)]))) deps.out(line);
  return ExitCode.Ok;
}
