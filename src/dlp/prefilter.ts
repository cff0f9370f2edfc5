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
  /**
   * A private copy, so the exported rule's `lastIndex` is never touched; with `d` (match
   * indices) when the pattern has groups, so capture offsets are exact. Without groups the
   * secret is the whole match, and `d` would only cost an indices array per match. Sticky (`y`)
   * when the rule starts at its keywords, so it can be tried at one position.
   */
  pattern: RegExp;
}

/** A rule that can match in a text; `starts` (ascending) when it is to be tried only there. */
export interface SelectedRule extends CompiledRule {
  starts?: readonly number[];
}

/** How many capture groups `pattern` has: the empty alternative always matches, with every group unset. */
function groupCount(pattern: RegExp): number {
  return (new RegExp(`${pattern.source}|`).exec('')?.length ?? 1) - 1;
}

function compile(rule: DlpRule): CompiledRule {
  const { source, flags } = rule.pattern;
  let compiledFlags = flags;
  if (groupCount(rule.pattern) > 0 && !flags.includes('d')) compiledFlags += 'd';
  if (rule.startsAtKeyword === true && !flags.includes('y')) compiledFlags += 'y';
  return { rule, severity: FINDING_TYPES[rule.type].severity, pattern: new RegExp(source, compiledFlags) };
}

const COMPILED: readonly CompiledRule[] = DLP_RULES.map(compile);

const KEYWORDS = [...new Set(DLP_RULES.flatMap((rule) => rule.keywords))];
const KEYWORD_IDS = new Map(KEYWORDS.map((keyword, id) => [keyword, id]));
const RULE_KEYWORD_IDS = COMPILED.map(({ rule }) => rule.keywords.map((keyword) => KEYWORD_IDS.get(keyword) ?? -1));
// A keyword is located if any rule starts at it; a rule that only needs it to occur ignores where.
const LOCATED = KEYWORDS.map((keyword) => DLP_RULES.some((rule) => rule.startsAtKeyword === true && rule.keywords.includes(keyword)));
const INDEX = new KeywordIndex(KEYWORDS, LOCATED);

/** Where any of `ids` starts in the text, ascending: one keyword's list as it is, several merged. */
function startsOf(ids: readonly number[], starts: ReadonlyArray<readonly number[] | undefined>): readonly number[] {
  let merged: readonly number[] = [];
  let lists = 0;
  for (const id of ids) {
    const list = starts[id];
    if (list === undefined) continue;
    merged = lists === 0 ? list : merged.concat(list);
    lists += 1;
  }
  return lists > 1 ? [...merged].sort((a, b) => a - b) : merged;
}

/**
 * The rules that can match in `text`: one pass finds which keywords occur, and a rule none of
 * whose keywords occurs is never run. Rules without keywords (number-shaped PII) always run.
 * A rule that starts at its keywords comes with where they start.
 */
export function selectRules(text: string, options: ScanOptions = {}): SelectedRule[] {
  const { found, starts } = INDEX.locate(text);
  const selected: SelectedRule[] = [];
  for (let index = 0; index < COMPILED.length; index += 1) {
    const compiled = COMPILED[index];
    const ids = RULE_KEYWORD_IDS[index];
    if (compiled === undefined || ids === undefined) continue;
    if (compiled.rule.optIn === 'ipAddresses' && options.ipAddresses !== true) continue;
    if (ids.length > 0 && !ids.some((id) => found[id] === true)) continue;
    const { rule, severity, pattern } = compiled;
    // A literal, not `{ ...compiled }`: V8's object spread costs several times as much here.
    selected.push(rule.startsAtKeyword === true ? { rule, severity, pattern, starts: startsOf(ids, starts) } : compiled);
  }
  return selected;
}
