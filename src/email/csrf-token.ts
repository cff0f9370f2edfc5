import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// The confirmation form's CSRF token: an HMAC over the link's token hash, its decision and the
// time the page was shown, keyed by a key derived from the email channel's private key. It is
// stateless, so showing the page (GET) writes nothing, and every server holding the email key
// accepts it. A POST without a page shown from this link has no valid one.

/** How long a shown page may be submitted. */
export const CSRF_MAX_AGE_MS = 60 * 60_000;
const MAX_SKEW_MS = 60_000;

/** The HMAC key, separated from the signing use of the email channel's key by its label. */
export function csrfKey(emailPrivateKeyHex: string): Buffer {
  return createHash('sha256').update(`countersign email csrf v1\u0000${emailPrivateKeyHex}`, 'utf8').digest();
}

export function signCsrf(key: Buffer, tokenHash: string, decision: string, issuedMs: number): string {
  return createHmac('sha256', key).update(`${tokenHash}\u0000${decision}\u0000${issuedMs}`, 'utf8').digest('hex');
}

/** True when `csrf` was made for this link and decision within CSRF_MAX_AGE_MS of `nowMs`. */
export function verifyCsrf(key: Buffer, tokenHash: string, decision: string, issued: string, csrf: string, nowMs: number): boolean {
  if (!/^\d{1,16}$/.test(issued) || !/^[0-9a-f]{64}$/.test(csrf)) return false;
  const issuedMs = Number(issued);
  if (issuedMs > nowMs + MAX_SKEW_MS || nowMs - issuedMs > CSRF_MAX_AGE_MS) return false;
  return timingSafeEqual(Buffer.from(signCsrf(key, tokenHash, decision, issuedMs), 'hex'), Buffer.from(csrf, 'hex'));
}
