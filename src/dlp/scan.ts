import { sha256Hex } from '../canonical/sha256.ts';
import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';
import { DLP_RULES, SEVERITY_RANK, type DlpRule, type Severity } from './rules.ts';

/** The most the scanner reads in one call; the action request caps a draft at the same size. */
export const MAX_SCAN_CHARS = 1_000_000;

/** One secret or piece of PII in a text. The value itself is never returned, only its hash. */
export interface Finding {
  type: string;
  ruleId: string;
  severity: Severity;
  /** UTF-16 offsets: `text.slice(start, end)` is exactly the secret. */
  start: number;
  end: number;
  /** 0..1 */
  confidence: number;
  /** sha256 hex of `text.slice(start, end)`, to correlate findings without keeping the secret. */
  valueHash: string;
}

type Span = Omit<Finding, 'valueHash'>;

// Private copies with `d` (match indices) so a capture group's offsets are exact, and so the
// `lastIndex` of the exported rules is never touched.
const COMPILED = DLP_RULES.map((rule) => ({
  rule,
  pattern: new RegExp(rule.pattern.source, rule.pattern.flags.includes('d') ? rule.pattern.flags : `${rule.pattern.flags}d`),
}));

function secretRange(match: RegExpExecArray): [number, number] {
  const indices = match.indices;
  if (indices) {
    for (let group = 1; group < indices.length; group += 1) {
      const range = indices[group];
      if (range) return range;
    }
  }
  return [match.index, match.index + match[0].length];
}

function spansOf(text: string, rule: DlpRule, pattern: RegExp): Span[] {
  const spans: Span[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0].length === 0) pattern.lastIndex += 1;
    const [start, end] = secretRange(match);
    if (end > start && !rule.exempt(text.slice(start, end))) {
      spans.push({ type: rule.type, ruleId: rule.id, severity: rule.severity, start, end, confidence: rule.confidence });
    }
  }
  return spans;
}

// Which of two overlapping findings names the merged one: the more severe, then the longer.
function outranks(a: Span, b: Span): boolean {
  const bySeverity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  if (bySeverity !== 0) return bySeverity > 0;
  return a.end - a.start > b.end - b.start;
}

// Overlapping findings become one covering both, so redaction leaves no part of either visible.
function merge(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last === undefined || span.start >= last.end) {
      merged.push({ ...span });
      continue;
    }
    const winner = outranks(span, last) ? span : last;
    merged[merged.length - 1] = {
      ...winner,
      start: last.start,
      end: Math.max(last.end, span.end),
      confidence: Math.max(last.confidence, span.confidence),
    };
  }
  return merged;
}

/** Finds secrets and PII in `text`, sorted by offset, overlapping matches merged. */
export function scan(text: string): Finding[] {
  if (text.length > MAX_SCAN_CHARS) {
    throw new CountersignError(
      ErrorCode.RequestInvalid,
      `the text to scan is ${text.length} characters; DLP scans at most ${MAX_SCAN_CHARS} characters per value; shorten the draft or split the parameter`,
    );
  }
  const spans = COMPILED.flatMap(({ rule, pattern }) => spansOf(text, rule, pattern));
  return merge(spans).map((span) => ({ ...span, valueHash: sha256Hex(text.slice(span.start, span.end)) }));
}
