import type { z } from 'zod';
import { checkApprovalTimers } from './approval-timers.ts';

// The default wait for a decision (policy-schema.ts imports this file, so it is not imported from there).
const DEFAULT_APPROVAL_TIMEOUT_MS = 4 * 3_600_000;

type Path = Array<string | number>;
type Reporter = (path: Path, message: string) => void;

/** Distinct approvers an action needs when the file does not say: two for destructive (tier 4). */
export function defaultQuorum(tier: number): number {
  return tier >= 4 ? 2 : 1;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entriesOf(value: unknown): Array<[string, unknown]> {
  return isMap(value) ? Object.entries(value) : [];
}

function stringsOf(value: unknown): Array<[number, string]> {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown, index): Array<[number, string]> =>
    typeof item === 'string' ? [[index, item]] : [],
  );
}

/**
 * The cross-reference checks of the governance file. It reads the value defensively (fields may
 * be malformed, their own errors already reported) so that a single load lists every error.
 */
export function checkPolicyReferences(value: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  if (!isMap(value)) return;
  const report: Reporter = (path, message) => ctx.addIssue({ code: 'custom', path, message });

  checkPeople(value, report);
  const groups = isMap(value.approver_groups)
    ? new Map(entriesOf(value.approver_groups).map(([name, members]) => [name, stringsOf(members).map(([, m]) => m)]))
    : undefined;
  const agents = isMap(value.agents) ? new Set(Object.keys(value.agents)) : undefined;
  const rateLimits = isMap(value.rate_limits) ? value.rate_limits : {};
  if (agents) {
    for (const [agent] of entriesOf(rateLimits.agents)) {
      if (!agents.has(agent)) {
        report(['rate_limits', 'agents', agent], `"${agent}" is not under agents; limit an agent declared there or fix the id`);
      }
    }
  }
  for (const [name, action] of entriesOf(value.actions)) {
    if (isMap(action)) checkAction(name, action, groups, report);
  }
  const webhook = isMap(value.notifiers) && value.notifiers.webhook !== undefined;
  for (const [name, action] of entriesOf(value.actions)) {
    if (!isMap(action)) continue;
    const escalateTo = isMap(action.escalate) ? stringsOf(action.escalate.to) : [];
    for (const [path, notifiers] of [[['notify'], stringsOf(action.notify)], [['escalate', 'to'], escalateTo]] as const) {
      for (const [index, notifier] of notifiers) {
        if (notifier === 'webhook' && !webhook) {
          report(['actions', name, ...path, index], 'the webhook notifier is not configured; add notifiers.webhook with its url, or remove it here');
        }
      }
    }
    checkApprovalTimers(name, action, DEFAULT_APPROVAL_TIMEOUT_MS, report);
  }
}

function checkPeople(value: Record<string, unknown>, report: Reporter): void {
  if (!isMap(value.people)) return;
  const people = new Set(Object.keys(value.people));
  const checkPerson = (path: Path, id: string) => {
    if (!people.has(id)) report(path, `"${id}" is not under people; add them under people: or fix the id`);
  };
  for (const [group, members] of entriesOf(value.approver_groups)) {
    for (const [index, id] of stringsOf(members)) checkPerson(['approver_groups', group, index], id);
  }
  for (const [index, id] of stringsOf(value.operators)) checkPerson(['operators', index], id);
  for (const [agent, entry] of entriesOf(value.agents)) {
    if (isMap(entry) && typeof entry.owner === 'string') checkPerson(['agents', agent, 'owner'], entry.owner);
  }
}

function checkAction(
  name: string,
  action: Record<string, unknown>,
  groups: Map<string, string[]> | undefined,
  report: Reporter,
): void {
  const tier = typeof action.tier === 'number' ? action.tier : undefined;
  if (tier !== undefined && tier >= 2 && action.executor === undefined) {
    report(
      ['actions', name, 'executor'],
      `a tier-${tier} action needs an executor (type: ledger or http): the worker publishes it, never the agent`,
    );
  }
  if (tier !== undefined && tier >= 3 && action.approvers === undefined) {
    report(
      ['actions', name, 'approvers'],
      `a tier-${tier} action needs approvers: a list of approver_groups whose members may approve it`,
    );
  }
  if (groups === undefined) return;
  const approvers = stringsOf(action.approvers);
  let allKnown = approvers.length > 0;
  for (const [index, group] of approvers) {
    if (!groups.has(group)) {
      allKnown = false;
      report(['actions', name, 'approvers', index], `"${group}" is not under approver_groups; add the group there or fix the name`);
    }
  }
  const quorum = typeof action.quorum === 'number' ? action.quorum : undefined;
  const needed = quorum ?? (action.quorum === undefined && tier !== undefined ? defaultQuorum(tier) : undefined);
  // An unknown group is reported above; counting without it would only add a second, confusing error.
  if (!allKnown || needed === undefined) return;
  const names = approvers.map(([, group]) => group);
  const people = new Set(names.flatMap((group) => groups.get(group) ?? []));
  if (needed <= people.size) return;
  const available = `${names.join(', ')} ${names.length === 1 ? 'has' : 'have'} only ${people.size} (${[...people].join(', ')})`;
  report(
    ['actions', name, 'quorum'],
    quorum === undefined
      ? `a tier-${tier ?? 4} action needs ${needed} distinct approvers by default, but ${available}; add people to those groups or set quorum`
      : `quorum ${needed} needs ${needed} distinct approvers, but ${available}; add people to those groups or lower quorum`,
  );
}
