import { matchesGlob } from '../policy/match-glob.ts';
import type { DlpAllowEntry } from './dlp-policy.ts';
import { namesOf } from './finding-mode.ts';

/** What the allowlist looks at in a finding. */
export interface AllowCandidate {
  ruleId: string;
  type: string;
  valueHash: string;
}

function entryMatches(entry: DlpAllowEntry, finding: AllowCandidate, resource: string | undefined): boolean {
  if (entry.rule === undefined && entry.type === undefined && entry.valueSha256 === undefined && entry.resource === undefined) return false;
  if (entry.rule !== undefined && entry.rule !== finding.ruleId) return false;
  if (entry.type !== undefined && !namesOf(finding.type).includes(entry.type)) return false;
  if (entry.valueSha256 !== undefined && entry.valueSha256 !== finding.valueHash) return false;
  // Case-sensitive, unlike the blacklist: an allowlist errs towards reporting.
  return entry.resource === undefined || (resource !== undefined && matchesGlob(entry.resource, resource));
}

/** The index of the first allowlist entry that matches `finding` on `resource`, if any. */
export function allowingEntry(finding: AllowCandidate, resource: string | undefined, allow: readonly DlpAllowEntry[]): number | undefined {
  const index = allow.findIndex((entry) => entryMatches(entry, finding, resource));
  return index < 0 ? undefined : index;
}
