import type { Channel } from '../approvals/decision.ts';
import type { LoadedPolicy } from '../policy/load-policy.ts';
import type { GovernorInput } from './governor-status.ts';

/** What the governor needs from the policy and the channels' public keys to check a resume. */
export function governorInput(loaded: LoadedPolicy, channelKeys: Partial<Record<Channel, string>>): GovernorInput {
  return {
    operators: loaded.policy.operators,
    channelKeys,
    attestationMaxAgeMs: loaded.policy.approvals.attestation_max_age,
  };
}
