import { parseAgentKey, secretMatches } from '../agent-keys/agent-key.ts';
import type { findAgentKey } from '../agent-keys/agent-key-store.ts';
import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';

export interface AuthenticatedAgent {
  agentId: string;
  keyId: string;
}

type FindKey = (keyId: string) => ReturnType<typeof findAgentKey>;

/**
 * The agent behind an `Authorization: Bearer <key>` header, or the refusal: no key, a key that
 * is not one (unknown, malformed, wrong secret), or a revoked one. The messages never repeat the
 * key; "revoked" is said only to the holder of the real secret.
 */
export async function authenticateAgent(authorization: string | undefined, findKey: FindKey): Promise<AuthenticatedAgent> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) {
    throw new CountersignError(ErrorCode.ApiKeyMissing, 'send your agent key as the header "Authorization: Bearer csk_…" (an operator makes one: countersign agents key create <agentId>)');
  }
  const parsed = parseAgentKey(match[1]);
  const stored = parsed === undefined ? undefined : await findKey(parsed.keyId);
  if (parsed === undefined || !secretMatches(parsed.secret, stored?.secretHash) || stored === undefined) {
    throw new CountersignError(ErrorCode.ApiKeyInvalid, 'the agent key is not valid; check COUNTERSIGN_API_KEY, or ask an operator for a key: countersign agents key create <agentId>');
  }
  if (stored.revoked) {
    throw new CountersignError(ErrorCode.ApiKeyRevoked, `agent key ${parsed.keyId} was revoked; ask an operator for a new one: countersign agents key create ${stored.agentId}`);
  }
  return { agentId: stored.agentId, keyId: parsed.keyId };
}
