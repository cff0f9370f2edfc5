import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectRules } from './prefilter.ts';

const ids = (text: string, options = {}) => selectRules(text, options).map(({ rule }) => rule.id);

describe('selectRules (the keyword prefilter)', () => {
  it('runs only the rules without keywords on text that holds none', () => {
    assert.deepEqual(ids('Fixes the off-by-one in the pager'), ['phone-north-american', 'phone-national', 'payment-card', 'iban', 'us-ssn']);
  });

  it('adds a rule when one of its keywords occurs, in any case', () => {
    assert.ok(ids('GHP_ appears here').includes('github-classic-token'));
    assert.ok(!ids('GHP_ appears here').includes('github-oauth-token'));
    assert.ok(ids('the Discord bot').includes('discord-bot-token'));
  });

  it('runs the IP address rules only when asked', () => {
    assert.ok(!ids('host 34.120.7.19').includes('ipv4-address'));
    assert.ok(ids('host 34.120.7.19', { ipAddresses: true }).includes('ipv4-address'));
  });
});
