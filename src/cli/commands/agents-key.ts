import os from 'node:os';
import { createAgentKey, listAgentKeys, revokeAgentKey } from '../../agent-keys/agent-key-store.ts';
import { CountersignError, ErrorCode } from '../../errors/countersign-error.ts';
import { ownEntry } from '../../policy/own-entry.ts';
import { ExitCode, type CliDeps } from '../cli-deps.ts';
import { table } from '../table.ts';

/** Who the trail names for a key change: the operator, else the account that ran the CLI. */
const actor = (deps: CliDeps): string => deps.operator?.trim() || `cli:${os.userInfo().username}`;

/** `agents key create <agentId>`: a new key, printed once; the agent must be in the policy. */
export async function agentsKeyCreate(deps: CliDeps, agentId: string, options: { json?: boolean } = {}): Promise<number> {
  const { policy, version } = await deps.loadPolicy();
  if (ownEntry(policy.agents, agentId) === undefined) {
    throw new CountersignError(ErrorCode.AgentUnknown, `agent "${agentId}" is not in the policy; add it under agents: first (the policy decides what it may ask for)`);
  }
  const made = await createAgentKey(deps.pool, agentId, { by: actor(deps), policyVersion: version, at: new Date() });
  if (options.json) {
    deps.out(JSON.stringify(made));
    return ExitCode.Ok;
  }
  deps.out(made.key);
  deps.err(`key ${made.keyId} for agent ${agentId}: shown this once; give it to the agent as COUNTERSIGN_API_KEY (revoke: countersign agents key revoke ${made.keyId})`);
  return ExitCode.Ok;
}

/** `agents key list [agentId]`: key ids, agents, who made them and when, revoked or live; never a secret. */
export async function agentsKeyList(deps: CliDeps, agentId: string | undefined, options: { json?: boolean } = {}): Promise<number> {
  const keys = await listAgentKeys(deps.pool, agentId);
  if (options.json) {
    deps.out(JSON.stringify({ keys }));
    return ExitCode.Ok;
  }
  if (keys.length === 0) {
    deps.out(agentId === undefined ? 'no agent keys; make one: countersign agents key create <agentId>' : `agent ${agentId} has no keys`);
    return ExitCode.Ok;
  }
  const rows = keys.map((k) => [k.keyId, k.agentId, k.createdAt, k.createdBy, k.revokedAt ? `revoked ${k.revokedAt} by ${k.revokedBy ?? '?'}` : 'live']);
  for (const line of table(['KEY ID', 'AGENT', 'CREATED', 'BY', 'STATE'], rows)) deps.out(line);
  return ExitCode.Ok;
}

/** `agents key revoke <keyId>`: refused by the gateway from the next request on; audited. */
export async function agentsKeyRevoke(deps: CliDeps, keyId: string, options: { json?: boolean } = {}): Promise<number> {
  const { version } = await deps.loadPolicy();
  const key = await revokeAgentKey(deps.pool, keyId, { by: actor(deps), policyVersion: version, at: new Date() });
  if (options.json) deps.out(JSON.stringify(key));
  else deps.out(`key ${key.keyId} of agent ${key.agentId} revoked at ${key.revokedAt ?? '?'}; the gateway refuses it from now on`);
  return ExitCode.Ok;
}
