/** The part of a finding redaction needs. */
export interface RedactionSpan {
  type: string;
  start: number;
  end: number;
}

/** Replaces exactly each finding's span with `[REDACTED:<type>]`; the text around it is kept. */
export function redact(text: string, findings: readonly RedactionSpan[]): string {
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const finding of sorted) {
    if (!Number.isInteger(finding.start) || !Number.isInteger(finding.end) || finding.start < 0 || finding.end > text.length || finding.start > finding.end) {
      throw new RangeError(
        `finding ${finding.type} [${finding.start}, ${finding.end}) is outside the text (length ${text.length}); redact with the findings scan() returned for this same text`,
      );
    }
    // Overlaps were merged by scan(); a caller's own overlapping spans are covered by the first.
    if (finding.end <= cursor) continue;
    out += `${text.slice(cursor, Math.max(cursor, finding.start))}[REDACTED:${finding.type}]`;
    cursor = finding.end;
  }
  return out + text.slice(cursor);
}
