import type { FindingType } from './finding-types.ts';

/**
 * One detection rule. The secret is the first capture group that took part in the match, or the
 * whole match when the pattern has none, so `password=hunter2` reports only `hunter2`.
 * Every quantifier is bounded and every match starts where a run of its characters starts
 * (a lookbehind), so crafted input of 1,000,000 characters scans in linear time.
 */
export interface DlpRule {
  id: string;
  type: FindingType;
  /**
   * Lowercase strings of which one must occur in the text for the rule to run at all (the
   * prefilter); usually a prefix of the match, sometimes context (`discord`). Empty: always runs.
   */
  keywords: readonly string[];
  /**
   * True when every match begins with one of `keywords` (ignoring case): the scan then tries the
   * pattern only where the keyword pass saw one start, not at every position of the text. Unset
   * when a keyword is context rather than the match's start (`discord`, `mailgun`).
   */
  startsAtKeyword?: boolean;
  /** Needs the `g` flag. */
  pattern: RegExp;
  /** 0..1: how sure a match of this rule is a real secret or PII; breaks ties between overlapping findings. */
  confidence: number;
  /** True for values that only look like one: documentation examples, templates, masks, failed checksums. */
  exempt: (value: string) => boolean;
  /**
   * `group-to-match-end`: the secret runs from the first group (read by a lookbehind, so the
   * match can start at a literal the engine finds fast, like the `@` of an address) to the match's end.
   */
  secretSpan?: 'group-to-match-end';
  /** Runs only when the scan asks for it (IP addresses). */
  optIn?: 'ipAddresses';
}
