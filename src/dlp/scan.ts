import { hash } from 'node:crypto';
import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';
import { mergeSpans, type Span } from './merge-spans.ts';
import { selectRules, type CompiledRule, type ScanOptions, type SelectedRule } from './prefilter.ts';

export type { ScanOptions } from './prefilter.ts';

/** The most the scanner reads in one call; the action request caps a draft at the same size. */
export const MAX_SCAN_CHARS = 1_000_000;

/** One secret or piece of PII in a text. The value itself is never returned, only its hash. */
export interface Finding extends Span {
  /** sha256 hex of `text.slice(start, end)`, to correlate findings without keeping the secret. */
  valueHash: string;
}

function secretRange(match: RegExpExecArray, toMatchEnd: boolean): [number, number] {
  const end = match.index + match[0].length;
  const indices = match.indices;
  if (indices) {
    for (let group = 1; group < indices.length; group += 1) {
      const range = indices[group];
      if (range) return toMatchEnd ? [range[0], end] : range;
    }
  }
  return [match.index, end];
}

function addSpan(text: string, { rule, severity }: CompiledRule, match: RegExpExecArray, spans: Span[]): void {
  const [start, end] = secretRange(match, rule.secretSpan === 'group-to-match-end');
  if (end > start && !rule.exempt(text.slice(start, end))) {
    spans.push({ type: rule.type, ruleId: rule.id, severity, start, end, confidence: rule.confidence });
  }
}

function addSpans(text: string, selected: SelectedRule, spans: Span[]): void {
  const { pattern, starts } = selected;
  if (starts === undefined) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      if (match[0].length === 0) pattern.lastIndex += 1;
      addSpan(text, selected, match, spans);
    }
    return;
  }
  // Every match starts at a keyword, so trying the sticky pattern at each start (after the last
  // match) finds exactly the matches a scan of every position would.
  let next = 0;
  for (const start of starts) {
    if (start < next) continue;
    pattern.lastIndex = start;
    const match = pattern.exec(text);
    if (match === null) continue;
    next = match[0].length === 0 ? start + 1 : pattern.lastIndex;
    addSpan(text, selected, match, spans);
  }
}

/**
 * Finds secrets and PII in `text`, sorted by offset, overlapping matches merged. One pass over
 * the text picks the rules whose keywords occur; only those run.
 */
export function scan(text: string, options: ScanOptions = {}): Finding[] {
  if (text.length > MAX_SCAN_CHARS) {
    throw new CountersignError(
      ErrorCode.RequestInvalid,
      `the text to scan is ${text.length} characters; DLP scans at most ${MAX_SCAN_CHARS} characters per value; shorten the draft or split the parameter`,
    );
  }
  const spans: Span[] = [];
  for (const compiled of selectRules(text, options)) addSpans(text, compiled, spans);
  // The same digest as `sha256Hex` (UTF-8, hex), one-shot: no Hash object per finding.
  return mergeSpans(spans).map(({ type, ruleId, severity, start, end, confidence }) => ({
    type,
    ruleId,
    severity,
    start,
    end,
    confidence,
    valueHash: hash('sha256', text.slice(start, end)),
  }));
}
