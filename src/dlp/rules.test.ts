import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DLP_RULES, isDocumentationEmail, isPlaceholderSecret } from './rules.ts';

describe('DLP_RULES', () => {
  it('gives every rule a unique id, the g flag and a confidence in 0..1', () => {
    assert.equal(new Set(DLP_RULES.map((r) => r.id)).size, DLP_RULES.length);
    for (const rule of DLP_RULES) {
      assert.ok(rule.pattern.flags.includes('g'), `${rule.id} needs the g flag`);
      assert.ok(rule.confidence >= 0 && rule.confidence <= 1, `${rule.id} confidence`);
    }
  });

  it('covers the five types of seed 000', () => {
    const types = new Set(DLP_RULES.map((r) => r.type));
    for (const type of ['api_key', 'private_key', 'email', 'aws_key', 'password']) assert.ok(types.has(type), type);
  });

  it('uses no unbounded quantifiers, so crafted input cannot make it backtrack for long', () => {
    for (const rule of DLP_RULES) {
      // `+` and `*` outside a character class (escaped literals aside) would be unbounded.
      const source = rule.pattern.source.replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
      assert.doesNotMatch(source, /[+*]/, `${rule.id} has an unbounded quantifier`);
    }
  });
});

describe('isPlaceholderSecret', () => {
  it('recognizes documentation and template values', () => {
    for (const value of ['AKIAIOSFODNN7EXAMPLE', 'xxxx', 'xxxxxxxx', '<your-key>', '${DB_PASSWORD}', '$API_TOKEN', '{{secret}}', 'changeme', 'example', 'placeholder', '****', 'YOUR_API_KEY', '[REDACTED:password]', 'process.env.TOKEN', 'z.string()']) {
      assert.equal(isPlaceholderSecret(value), true, value);
    }
  });

  it('keeps real-looking secrets', () => {
    for (const value of ['hunter2real!', 's3cr3tpw', 'AKIAABCDEFGHIJKLMNOP', 'correct horse battery']) {
      assert.equal(isPlaceholderSecret(value), false, value);
    }
  });
});

describe('isDocumentationEmail', () => {
  it('exempts the reserved documentation domains only', () => {
    assert.equal(isDocumentationEmail('alice@example.com'), true);
    assert.equal(isDocumentationEmail('bob@mail.example.org'), true);
    assert.equal(isDocumentationEmail('carol@corp.io'), false);
    assert.equal(isDocumentationEmail('dave@example.com.evil.io'), false);
  });
});
