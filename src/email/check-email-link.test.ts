import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkEmailLink, tokenHashOf } from './check-email-link.ts';
import { hashEmailToken, newEmailToken } from './email-token.ts';
import type { EmailTokenRow } from './token-store.ts';

const token = newEmailToken();
const row: EmailTokenRow = {
  token_hash: hashEmailToken(token),
  action_id: 'act-1',
  approver: 'bob',
  decision: 'approve',
  action_hash: 'a'.repeat(64),
  purpose: 'request',
  expires_at: new Date('2026-01-01T12:00:00Z'),
  created_at: new Date('2026-01-01T10:00:00Z'),
  used_at: null,
};
const params = { actionId: 'act-1', decision: 'approve' as const, token };
const now = new Date('2026-01-01T11:00:00Z');
const codeOf = (check: ReturnType<typeof checkEmailLink>) => (check.ok ? 'ok' : check.code);

describe('checkEmailLink', () => {
  it('accepts an issued, unused, unexpired token for the action and decision the URL names', () => {
    assert.equal(codeOf(checkEmailLink(params, row, now)), 'ok');
  });

  it('refuses an unknown, a moved, a used and an expired token, in that order', () => {
    assert.equal(codeOf(checkEmailLink(params, undefined, now)), 'email_link_unknown');
    assert.equal(codeOf(checkEmailLink({ ...params, actionId: 'act-2' }, row, now)), 'email_link_mismatch');
    assert.equal(codeOf(checkEmailLink({ ...params, decision: 'reject' }, row, now)), 'email_link_mismatch');
    assert.equal(codeOf(checkEmailLink(params, { ...row, used_at: now }, now)), 'email_link_used');
    assert.equal(codeOf(checkEmailLink(params, row, new Date('2026-01-01T12:00:00Z'))), 'email_link_expired');
  });

  it('looks up only well-formed tokens, by their SHA-256', () => {
    assert.equal(tokenHashOf(token), row.token_hash);
    assert.equal(tokenHashOf('short'), undefined);
    assert.equal(tokenHashOf(`${token.slice(0, 42)}!`), undefined);
    assert.equal(token.length, 43, '256 random bits, base64url');
  });
});
