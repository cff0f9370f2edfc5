import type { AuditEventRow } from '../audit/audit-event.ts';

type Payload = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const record = (value: unknown): Payload => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Payload) : {});

function findings(p: Payload): string {
  const list = Array.isArray(p.findings) ? p.findings.map(record) : [];
  if (list.length === 0) return 'no findings';
  return list.map((f) => `${str(f.type) ?? '?'} in ${str(f.location) ?? 'draft'} [${str(f.mode) ?? '?'}]`).join(', ');
}

function receipt(p: Payload): string {
  const r = record(p.receipt);
  return [str(r.executor), str(r.reference)].filter(Boolean).join(' ') || '-';
}

// What each kind of event adds to the story, in one line; anything else shows its reason.
const DETAIL: Partial<Record<string, (p: Payload) => string | undefined>> = {
  requested: (p) => {
    const d = record(p.decision);
    return [str(d.reasoning) && `"${str(d.reasoning)}"`, num(d.confidence) !== undefined && `confidence ${num(d.confidence)}`, str(d.risk) && `risk ${str(d.risk)}`]
      .filter(Boolean)
      .join(', ');
  },
  allowed: (p) => `tier ${num(p.tier)} by ${str(p.rule)}`,
  started: (p) => `tier ${num(p.tier)} by ${str(p.rule)}`,
  refused: (p) => `${str(p.code)}: ${str(p.reason)}`,
  staged: (p) => `draft of ${num(p.draftLength)} chars, hash ${str(p.draftHash)?.slice(0, 12)}`,
  audited: (p) => `DLP ${str(p.verdict)}: ${findings(p)}`,
  blocked: (p) => (Array.isArray(p.findings) ? `DLP ${findings(p)}` : str(p.reason)),
  approval_requested: (p) => `${num(p.quorum)} of ${Array.isArray(p.approvers) ? p.approvers.join(', ') : '?'} by ${str(p.deadline)}`,
  approval_accepted: (p) => `via ${str(p.channel)}, ${num(p.approvals)} of ${num(p.quorum)}${str(p.comment) ? `: "${str(p.comment)}"` : ''}`,
  rejected: (p) => `via ${str(p.channel)}: ${str(p.reason)}`,
  approved: (p) => (Array.isArray(p.approvers) ? `by ${p.approvers.join(', ')}` : undefined),
  published: (p) => `${receipt(p)}; rollback window until ${str(p.windowClosesAt)}`,
  verify_passed: (p) => str(p.detail),
  verify_failed: (p) => str(p.detail),
  ci_passed: (p) => str(p.url),
  ci_failed: (p) => str(p.url) ?? str(p.reason),
  rolled_back: (p) => `cause ${str(p.cause)}: ${str(p.reason)} (${receipt(p)})`,
  rollback_failed: (p) => `cause ${str(p.cause)}: ${str(p.reason)}`,
  decision_refused: (p) => `${str(p.decision)} via ${str(p.channel)}: ${str(p.reason)}`,
};

/** One line saying what an audit event means, from its payload. */
export function describeEvent(event: AuditEventRow): string {
  const detail = DETAIL[event.type]?.(event.payload) ?? str(event.payload.reason);
  return detail ?? '';
}
