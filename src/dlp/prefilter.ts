import { FINDING_TYPES, type Severity } from './finding-types.ts';
import { KeywordIndex } from './keyword-index.ts';
import type { DlpRule } from './rule.ts';
import { DLP_RULES } from './rules.ts';

/** What the caller may switch on beyond the default rules. */
export interface ScanOptions {
  /** Report IPv4 and IPv6 addresses (policy `dlp.ip_addresses`); off by default. */
  ipAddresses?: boolean;
}

export interface CompiledRule {
  rule: DlpRule;
  severity: Severity;
  /** A private copy with `d` (match indices), so capture offsets are exact and the exported rule's `lastIndex` is never touched. */
  pattern: RegExp;
}

const COMPILED: readonly CompiledRule[] = DLP_RULES.map((rule) => ({
  rule,
  severity: FINDING_TYPES[rule.type].severity,
  pattern: new RegExp(rule.pattern.source, rule.pattern.flags.includes('d') ? rule.pattern.flags : `${rule.pattern.flags}d`),
}));

const KEYWORDS = [...new Set(DLP_RULES.flatMap((rule) => rule.keywords))];
const INDEX = new KeywordIndex(KEYWORDS);
const KEYWORD_IDS = new Map(KEYWORDS.map((keyword, id) => [keyword, id]));
const RULE_KEYWORD_IDS = COMPILED.map(({ rule }) => rule.keywords.map((keyword) => KEYWORD_IDS.get(keyword) ?? -1));

/**
 * The rules that can match in `text`: one pass finds which keywords occur, and a rule none of
 * whose keywords occurs is never run. Rules without keywords (number-shaped PII) always run.
 */
export function selectRules(text: string, options: ScanOptions = {}): CompiledRule[] {
  const found = INDEX.find(text);
  return COMPILED.filter(({ rule }, index) => {
    if (rule.optIn === 'ipAddresses' && options.ipAddresses !== true) return false;
    const ids = RULE_KEYWORD_IDS[index] ?? [];
    return ids.length === 0 || ids.some((id) => found[id] === true);
  });
}
