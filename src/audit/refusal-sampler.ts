/** Whether to audit a refusal now, and how many from the same source were only counted since. */
export type Sample = { audit: true; suppressed: number } | { audit: false };

/** Sources remembered at once; past it, those whose window has passed are forgotten first. */
const MAX_SOURCES = 10_000;

/**
 * Refusals from callers who proved nothing (a made-up email token) are audited at most once per
 * source per window; the rest are counted and the count rides on that source's next audited
 * refusal. So a stranger cannot grow the audit trail (whose appends are serialised) without bound.
 */
export class RefusalSampler {
  private readonly sources = new Map<string, { until: number; suppressed: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Sources remembered now. */
  get size(): number {
    return this.sources.size;
  }

  take(source: string): Sample {
    const at = this.now();
    const seen = this.sources.get(source);
    if (seen && at < seen.until) {
      seen.suppressed += 1;
      return { audit: false };
    }
    if (!seen && this.sources.size >= MAX_SOURCES) this.forgetPassed(at);
    this.sources.set(source, { until: at + this.windowMs, suppressed: 0 });
    return { audit: true, suppressed: seen?.suppressed ?? 0 };
  }

  private forgetPassed(at: number): void {
    for (const [source, seen] of this.sources) if (seen.until <= at && seen.suppressed === 0) this.sources.delete(source);
    // Still full (every source active): forget the oldest; its count is lost, never an audit.
    const oldest = this.sources.keys().next();
    if (this.sources.size >= MAX_SOURCES && !oldest.done) this.sources.delete(oldest.value);
  }
}
