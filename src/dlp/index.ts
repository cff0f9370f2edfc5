// The DLP scanner's public surface: named re-exports only (no `export *`), so each name still
// has one home file.
export { scan, MAX_SCAN_CHARS, type Finding, type ScanOptions } from './scan.ts';
export { redact, type RedactionSpan } from './redact.ts';
export { auditDraft, type DraftAudit, type AuditFinding, type AllowedFinding, type DlpVerdict } from './audit-draft.ts';
export { DlpPolicySchema, DlpModeSchema, type DlpPolicy, type DlpMode, type DlpAllowEntry } from './dlp-policy.ts';
export { FINDING_TYPES, type FindingType, type Severity } from './finding-types.ts';
export { DLP_RULES, RULE_FAMILIES } from './rules.ts';
