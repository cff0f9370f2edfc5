import type { JsonValue } from '../executors/json-value.ts';
import { allowingEntry } from './allowlist.ts';
import type { DlpMode, DlpPolicy } from './dlp-policy.ts';
import { modeFor } from './finding-mode.ts';
import { redact } from './redact.ts';
import { scan, type Finding } from './scan.ts';

export type DlpVerdict = 'pass' | 'redact' | 'block';

/** Where a finding is: the draft, or a string inside params (`params.files[0].content`). */
export type FindingLocation = 'draft' | `params.${string}`;

export interface AuditFinding extends Finding {
  location: FindingLocation;
  mode: DlpMode;
}

/** A finding the policy's allowlist let through: recorded for the audit trail, never acted on. */
export interface AllowedFinding extends Finding {
  location: FindingLocation;
  /** Index into `dlp.allow`. */
  allowedBy: number;
}

/** The AUDIT step's answer for one draft and its parameters. */
export interface DraftAudit {
  verdict: DlpVerdict;
  findings: AuditFinding[];
  allowed: AllowedFinding[];
  /** Redacted when the verdict is `redact`, else the original. */
  draft: string;
  /** Likewise, string values redacted at any depth. */
  params: Record<string, JsonValue>;
  /**
   * What may be kept at rest: the draft and params with every acted-on finding redacted, whatever
   * its mode (allowlisted values stay). The staged copy and the stored request are replaced by it.
   */
  atRest: { draft: string; params: Record<string, JsonValue> };
}

/** One value as it may be published (redact-mode findings redacted) and as it may be kept (all). */
interface Redacted<T> {
  published: T;
  kept: T;
}

interface Context {
  policy: DlpPolicy;
  resource: string | undefined;
  findings: AuditFinding[];
  allowed: AllowedFinding[];
}

/** Scans one string, sorting its findings into acted-on and allowed; returns the acted-on ones. */
function auditText(text: string, location: FindingLocation, ctx: Context): AuditFinding[] {
  const own: AuditFinding[] = [];
  for (const finding of scan(text, { ipAddresses: ctx.policy.ipAddresses })) {
    const allowedBy = allowingEntry(finding, ctx.resource, ctx.policy.allow);
    if (allowedBy !== undefined) ctx.allowed.push({ ...finding, location, allowedBy });
    else own.push({ ...finding, location, mode: modeFor(finding.type, ctx.policy) });
  }
  for (const f of own) ctx.findings.push(f);
  return own;
}

// Nested keys that are not plain names are quoted, so `{"a.b": …}` and `{a: {b: …}}` read apart.
function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Scans one string; returns it with redact-mode findings redacted, and with all of them redacted. */
function auditString(text: string, location: FindingLocation, ctx: Context): Redacted<string> {
  const own = auditText(text, location, ctx);
  const toRedact = own.filter((f) => f.mode === 'redact');
  return { published: toRedact.length > 0 ? redact(text, toRedact) : text, kept: own.length > 0 ? redact(text, own) : text };
}

/** Scans every string in `value`, at any depth. */
function auditValue(value: JsonValue, path: string, ctx: Context): Redacted<JsonValue> {
  if (typeof value === 'string') return auditString(value, `params.${path}`, ctx);
  if (Array.isArray(value)) {
    const items = value.map((item, index) => auditValue(item, `${path}[${index}]`, ctx));
    return { published: items.map((i) => i.published), kept: items.map((i) => i.kept) };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => [key, auditValue(item, childPath(path, key), ctx)] as const);
    // fromEntries defines own properties, so a `__proto__` key stays data, never a prototype.
    return {
      published: Object.fromEntries(entries.map(([key, item]) => [key, item.published])),
      kept: Object.fromEntries(entries.map(([key, item]) => [key, item.kept])),
    };
  }
  return { published: value, kept: value };
}

function verdictOf(findings: readonly AuditFinding[]): DlpVerdict {
  if (findings.some((f) => f.mode === 'block')) return 'block';
  if (findings.some((f) => f.mode === 'redact')) return 'redact';
  return 'pass';
}

/**
 * Scans the draft and every string in params (nested objects and arrays) and decides, per the
 * policy, whether the action is blocked, published redacted, or passes. `warn` findings are
 * reported and change nothing; allowlisted ones (by rule, type, value hash or the action's
 * `resource`) are set apart in `allowed`.
 */
export function auditDraft(draft: string, params: Record<string, JsonValue>, policy: DlpPolicy, resource?: string): DraftAudit {
  const ctx: Context = { policy, resource, findings: [], allowed: [] };
  const text = auditString(draft, 'draft', ctx);
  const values = Object.entries(params).map(([key, value]) => [key, auditValue(value, key, ctx)] as const);
  const verdict = verdictOf(ctx.findings);
  const atRest = { draft: text.kept, params: Object.fromEntries(values.map(([key, v]) => [key, v.kept])) };
  const base = { verdict, findings: ctx.findings, allowed: ctx.allowed, atRest };
  if (verdict !== 'redact') return { ...base, draft, params };
  return { ...base, draft: text.published, params: Object.fromEntries(values.map(([key, v]) => [key, v.published])) };
}
