import { SEVERITY_RANK, type Severity } from './finding-types.ts';

/** A finding before its value is hashed. */
export interface Span {
  type: string;
  ruleId: string;
  severity: Severity;
  /** UTF-16 offsets: `text.slice(start, end)` is exactly the secret. */
  start: number;
  end: number;
  /** 0..1 */
  confidence: number;
}

// Which of two overlapping findings names the merged one: the more severe, then the more
// certain (a specific format over a generic `token=`), then the longer.
function outranks(a: Span, b: Span): boolean {
  const bySeverity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  if (bySeverity !== 0) return bySeverity > 0;
  if (a.confidence !== b.confidence) return a.confidence > b.confidence;
  return a.end - a.start > b.end - b.start;
}

/** Overlapping findings become one covering both, so redaction leaves no part of either visible. Sorted by offset. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last === undefined || span.start >= last.end) {
      merged.push(spanOf(span, span.start, span.end, span.confidence));
      continue;
    }
    const winner = outranks(span, last) ? span : last;
    merged[merged.length - 1] = spanOf(winner, last.start, Math.max(last.end, span.end), Math.max(last.confidence, span.confidence));
  }
  return merged;
}

// Object literals, not spreads: this runs for every finding, and V8's spread copies slowly.
function spanOf({ type, ruleId, severity }: Span, start: number, end: number, confidence: number): Span {
  return { type, ruleId, severity, start, end, confidence };
}
