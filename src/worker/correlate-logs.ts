import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { Pool } from '../db/pool.ts';
import { logContext } from '../logging/log-context.ts';

interface ActionLabels {
  agentId: string;
  taskId: string;
}

const CACHE_LIMIT = 10_000;

function actionIdOf(arg: unknown): string | undefined {
  if (arg === null || typeof arg !== 'object' || !('actionId' in arg)) return undefined;
  return typeof arg.actionId === 'string' ? arg.actionId : undefined;
}

/**
 * Puts actionId, agentId, taskId, workflowId and runId on every log line an activity writes: the
 * SDK's own lines (getLogAttributes) and every pino line written inside it, by notifiers and
 * executors too (logContext). Logs one line per finished step, so a log search for one action
 * finds its whole walk. Agent and task come from the read model, looked up once per action.
 */
export function correlateActivityLogs(pool: Pool): ActivityInterceptorsFactory {
  const labels = new Map<string, ActionLabels>();

  async function labelsOf(actionId: string): Promise<Partial<ActionLabels>> {
    const known = labels.get(actionId);
    if (known) return known;
    try {
      const { rows } = await pool.query<{ agent_id: string; task_id: string }>('SELECT agent_id, task_id FROM actions WHERE action_id = $1', [actionId]);
      const row = rows[0];
      if (!row) return {};
      if (labels.size >= CACHE_LIMIT) labels.delete(labels.keys().next().value ?? '');
      const found = { agentId: row.agent_id, taskId: row.task_id };
      labels.set(actionId, found);
      return found;
    } catch {
      // A log label is never worth failing the step over; the step's own query will report.
      return {};
    }
  }

  return (ctx) => {
    let attributes: Record<string, string> = {};
    return {
      inbound: {
        async execute(input, next) {
          const actionId = actionIdOf(input.args[0]);
          const run = ctx.info.workflowExecution;
          if (actionId !== undefined) {
            attributes = { actionId, ...(await labelsOf(actionId)), ...(run ? { workflowId: run.workflowId, runId: run.runId } : {}) };
          }
          const started = performance.now();
          const result = await logContext.run(attributes, () => next(input));
          ctx.log.info(`${ctx.info.activityType} done`, { durationMs: Math.round(performance.now() - started) });
          return result;
        },
      },
      outbound: {
        getLogAttributes: (input, next) => next({ ...input, ...attributes }),
      },
    };
  };
}
