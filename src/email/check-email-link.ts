import { ErrorCode } from '../errors/countersign-error.ts';
import type { ApprovalLinkParams } from './approval-link.ts';
import { EmailTokenSchema, hashEmailToken } from './email-token.ts';
import type { EmailTokenRow } from './token-store.ts';

export type LinkRefusalCode =
  | typeof ErrorCode.EmailLinkUnknown
  | typeof ErrorCode.EmailLinkMismatch
  | typeof ErrorCode.EmailLinkUsed
  | typeof ErrorCode.EmailLinkExpired
  | typeof ErrorCode.EmailFormInvalid;

/** What the person reads on a refused link; it says nothing about the action to a stranger. */
export interface LinkRefusal {
  code: LinkRefusalCode;
  status: number;
  title: string;
  message: string;
}

export type LinkCheck = { ok: true; token: EmailTokenRow } | ({ ok: false } & LinkRefusal);

const refuse = (code: LinkRefusalCode, status: number, title: string, message: string): LinkCheck => ({ ok: false, code, status, title, message });

/** The hash to look the token up by, or undefined for a string that was never a token. */
export function tokenHashOf(token: string): string | undefined {
  return EmailTokenSchema.safeParse(token).success ? hashEmailToken(token) : undefined;
}

/**
 * Whether a link may still decide: a token Countersign issued, for the action and decision the
 * URL names, not used, not expired. Pure; `row` is what the token's hash found.
 */
export function checkEmailLink(params: ApprovalLinkParams, row: EmailTokenRow | undefined, now: Date): LinkCheck {
  if (row === undefined) {
    return refuse(ErrorCode.EmailLinkUnknown, 404, 'This link is not valid', 'Countersign did not issue this link, or it was changed on the way. Open the link from the approval mail again, exactly as it is, or ask for a new request.');
  }
  if (row.action_id !== params.actionId || row.decision !== params.decision) {
    return refuse(ErrorCode.EmailLinkMismatch, 400, 'This link was changed', 'This link belongs to another action or another decision than the address names; it decides nothing. Use the link from the approval mail exactly as it is.');
  }
  if (row.used_at !== null) {
    return refuse(ErrorCode.EmailLinkUsed, 410, 'This link was already used', `A decision was already made with your links for this action (${row.used_at.toISOString()}). Each link works once; nothing more was sent.`);
  }
  if (row.expires_at.getTime() <= now.getTime()) {
    return refuse(ErrorCode.EmailLinkExpired, 410, 'This request has expired', `The approval request expired at ${row.expires_at.toISOString()}. Expiry is a rejection: nothing was published, and the agent must ask again.`);
  }
  return { ok: true, token: row };
}
