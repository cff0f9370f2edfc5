import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FINDING_TYPES } from './finding-types.ts';
import { DLP_RULES, RULE_FAMILIES } from './rules.ts';

describe('DLP_RULES', () => {
  it('gives every rule a unique id, the g flag, a known type and a confidence in 0..1', () => {
    assert.equal(new Set(DLP_RULES.map((r) => r.id)).size, DLP_RULES.length);
    for (const rule of DLP_RULES) {
      assert.ok(rule.pattern.flags.includes('g'), `${rule.id} needs the g flag`);
      assert.ok(rule.confidence >= 0 && rule.confidence <= 1, `${rule.id} confidence`);
      assert.ok(Object.hasOwn(FINDING_TYPES, rule.type), `${rule.id} type ${rule.type}`);
    }
  });

  it('has a rule for every finding type, and families for each kind of leak', () => {
    const covered = new Set(DLP_RULES.map((r) => r.type));
    for (const type of Object.keys(FINDING_TYPES)) assert.ok(covered.has(type as keyof typeof FINDING_TYPES), type);
    assert.deepEqual(Object.keys(RULE_FAMILIES), ['cloud', 'forges', 'chat', 'registries', 'saas', 'payment', 'ai', 'crypto-keys', 'generic', 'pii']);
  });

  it('lists lowercase keywords, so the prefilter (which lowercases the text) can find them', () => {
    for (const rule of DLP_RULES) {
      for (const keyword of rule.keywords) assert.equal(keyword, keyword.toLowerCase(), `${rule.id}: ${keyword}`);
    }
  });

  it('uses no unbounded quantifiers, so crafted input cannot make it backtrack for long', () => {
    for (const rule of DLP_RULES) {
      // `+` and `*` outside a character class (escaped literals aside) would be unbounded.
      const source = rule.pattern.source.replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
      assert.doesNotMatch(source, /[+*]/, `${rule.id} has an unbounded quantifier`);
    }
  });
});
