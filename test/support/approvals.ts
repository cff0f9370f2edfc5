import type { GovernedAction, StartActionResult } from '../../src/requests/start-result.ts';
import { statusQuery } from '../../workflows/messages.ts';
import { eventually } from './queries.ts';

/** Waits until the action asks for approval; returns what a channel signs: its id and hash. */
export async function awaitingApproval(action: GovernedAction): Promise<{ actionId: string; actionHash: string }> {
  return eventually(async () => {
    const status = await action.handle.query(statusQuery);
    return status.state === 'awaiting_approval' && status.actionHash ? { actionId: action.actionId, actionHash: status.actionHash } : undefined;
  });
}

/** The governed action a tier-2+ start returns; fails the test for anything else. */
export function governed(result: StartActionResult): GovernedAction {
  if (result.kind !== 'governed') throw new Error(`expected a governed action, got ${result.kind} (tier ${result.tier})`);
  return result;
}
