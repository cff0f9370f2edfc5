import type { DlpMode, DlpPolicy } from './dlp-policy.ts';
import { FINDING_TYPES, isFindingType } from './finding-types.ts';

/** The type itself, then its groups (`aws_key`, `secret`), most specific first. */
export function namesOf(type: string): readonly string[] {
  return isFindingType(type) ? [type, ...FINDING_TYPES[type].groups] : [type];
}

/** What a finding of `type` does under `policy`: the type's entry, a group's, the policy default, the type's own default. */
export function modeFor(type: string, policy: Pick<DlpPolicy, 'default' | 'types'>): DlpMode {
  for (const name of namesOf(type)) {
    if (Object.hasOwn(policy.types, name)) {
      const mode = policy.types[name];
      if (mode !== undefined) return mode;
    }
  }
  return policy.default ?? (isFindingType(type) ? FINDING_TYPES[type].mode : 'block');
}
