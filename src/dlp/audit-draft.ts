import type { JsonValue } from '../executors/json-value.ts';
import type { DlpMode, DlpPolicy } from './dlp-policy.ts';
import { redact } from './redact.ts';
import { scan, type Finding } from './scan.ts';

export type DlpVerdict = 'pass' | 'redact' | 'block';

/** Where a finding is: the draft, or a string inside params (`params.files[0].content`). */
export type FindingLocation = 'draft' | `params.${string}`;

export interface AuditFinding extends Finding {
  location: FindingLocation;
  mode: DlpMode;
}

/** The AUDIT step's answer for one draft and its parameters. */
export interface DraftAudit {
  verdict: DlpVerdict;
  findings: AuditFinding[];
  /** Redacted when the verdict is `redact`, else the original. */
  draft: string;
  /** Likewise, string values redacted at any depth. */
  params: Record<string, JsonValue>;
}

function located(findings: Finding[], location: FindingLocation, policy: DlpPolicy): AuditFinding[] {
  return findings.map((f) => ({ ...f, location, mode: policy.types[f.type] ?? policy.default }));
}

// Nested keys that are not plain names are quoted, so `{"a.b": …}` and `{a: {b: …}}` read apart.
function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Scans every string in `value`, adding its findings to `out`; returns `value` with redact-mode findings redacted. */
function auditValue(value: JsonValue, path: string, policy: DlpPolicy, out: AuditFinding[]): JsonValue {
  if (typeof value === 'string') {
    const findings = located(scan(value), `params.${path}`, policy);
    for (const f of findings) out.push(f);
    const toRedact = findings.filter((f) => f.mode === 'redact');
    return toRedact.length > 0 ? redact(value, toRedact) : value;
  }
  if (Array.isArray(value)) return value.map((item, index) => auditValue(item, `${path}[${index}]`, policy, out));
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties, so a `__proto__` key stays data, never a prototype.
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, auditValue(item, childPath(path, key), policy, out)]),
    );
  }
  return value;
}

function verdictOf(findings: readonly AuditFinding[]): DlpVerdict {
  if (findings.some((f) => f.mode === 'block')) return 'block';
  if (findings.some((f) => f.mode === 'redact')) return 'redact';
  return 'pass';
}

/**
 * Scans the draft and every string in params (nested objects and arrays) and decides, per the
 * policy, whether the action is blocked, published redacted, or passes. `warn` findings are
 * reported and change nothing.
 */
export function auditDraft(draft: string, params: Record<string, JsonValue>, policy: DlpPolicy): DraftAudit {
  const findings = located(scan(draft), 'draft', policy);
  const redactedParams = Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, auditValue(value, key, policy, findings)]),
  );
  const verdict = verdictOf(findings);
  if (verdict !== 'redact') return { verdict, findings, draft, params };
  const draftRedactions = findings.filter((f) => f.location === 'draft' && f.mode === 'redact');
  return { verdict, findings, draft: redact(draft, draftRedactions), params: redactedParams };
}
