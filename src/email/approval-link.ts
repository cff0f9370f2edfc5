import { z } from 'zod';
import { DecisionKindSchema, type DecisionKind } from '../approvals/decision.ts';

/** The route of the confirmation page (GET, HEAD) and of its form (POST). */
export const APPROVAL_ROUTE = '/approvals/:actionId/:decision/:token';

/** The route's parameters as fastify hands them over; the token itself is checked later. */
export const ApprovalLinkParamsSchema = z.object({
  actionId: z.string().min(1).max(200),
  decision: DecisionKindSchema,
  token: z.string().min(1).max(200),
});
export type ApprovalLinkParams = z.infer<typeof ApprovalLinkParamsSchema>;

/** The link in a mail: `<public URL>/approvals/<actionId>/<approve|reject>/<token>`. */
export function approvalLink(publicUrl: string, actionId: string, decision: DecisionKind, token: string): string {
  return `${publicUrl}/approvals/${encodeURIComponent(actionId)}/${decision}/${token}`;
}
