import type { Logger } from 'pino';
import type { DecisionKind } from '../approvals/decision.ts';
import { inTransaction, type Pool } from '../db/pool.ts';
import type { ApprovalEvent } from '../notifiers/approval-event.ts';
import { NotifierError } from '../notifiers/notifier-error.ts';
import type { Notifier } from '../notifiers/notifier.ts';
import { findAction } from '../read-model/action-store.ts';
import { recordTransition } from '../read-model/record-transition.ts';
import { approvalLink } from './approval-link.ts';
import { closingMail, requestMail, type Mail, type RequestFacts } from './approval-mail.ts';
import { hashEmailToken, newEmailToken } from './email-token.ts';
import type { MailTransport } from './mail-transport.ts';
import { insertEmailTokens, mailedApprovers } from './token-store.ts';

/** People as the policy names them; approvers without an email address get no mail. */
export type PeopleDirectory = Readonly<Record<string, { name: string; email?: string | undefined }>>;

export interface EmailNotifierDeps {
  pool: Pool;
  transport: MailTransport;
  from: string;
  /** Countersign's HTTP server as approvers reach it; the links point there. */
  publicUrl: string;
  people: PeopleDirectory;
  now: () => Date;
  log: Logger;
}

interface Delivery {
  approver: string;
  /** `request`, `reminder-<n>`, `closing`: with the action and approver, the mail's audit key. */
  purpose: string;
  compose: (name: string) => Promise<Mail>;
}

/**
 * Mails approvers: the request (also when escalated to email) and reminders with one-time
 * approve/reject links, and a closing message at expiry. Each mail is audited (`email_sent`,
 * keyed by action, purpose and approver), so a retried activity skips the mails already sent
 * and sends the rest.
 */
export function createEmailNotifier(deps: EmailNotifierDeps): Notifier {
  const withLinks = (facts: RequestFacts, approver: string, purpose: string, escalated: string | undefined) => async (name: string) => {
    const tokens = { approve: newEmailToken(), reject: newEmailToken() };
    const createdAt = deps.now();
    await inTransaction(deps.pool, (client) =>
      insertEmailTokens(
        client,
        (['approve', 'reject'] as DecisionKind[]).map((decision) => ({
          tokenHash: hashEmailToken(tokens[decision]),
          actionId: facts.actionId,
          approver,
          decision,
          actionHash: facts.actionHash,
          purpose,
          expiresAt: new Date(facts.deadline),
          createdAt,
        })),
      ),
    );
    const links = {
      approve: approvalLink(deps.publicUrl, facts.actionId, 'approve', tokens.approve),
      reject: approvalLink(deps.publicUrl, facts.actionId, 'reject', tokens.reject),
    };
    return requestMail({ facts, name, links, ...(escalated === undefined ? {} : { escalated }) });
  };

  async function deliveriesFor(event: ApprovalEvent): Promise<Delivery[]> {
    switch (event.kind) {
      case 'requested':
        return event.approvers
          .filter((a) => a !== event.owner)
          .map((approver) => ({ approver, purpose: 'request', compose: withLinks(event, approver, 'request', event.escalated) }));
      case 'reminder': {
        const purpose = `reminder-${event.sequence}`;
        return event.pending.map((approver) => ({ approver, purpose, compose: withLinks(event, approver, purpose, undefined) }));
      }
      case 'expired': {
        const row = await inTransaction(deps.pool, (c) => findAction(c, event.actionId));
        const mailed = await inTransaction(deps.pool, (c) => mailedApprovers(c, event.actionId));
        const facts = { action: row?.action ?? 'an action', resource: row?.resource ?? 'its resource', actionId: event.actionId, deadline: event.deadline };
        return mailed.map((approver) => ({ approver, purpose: 'closing', compose: (name) => Promise.resolve(closingMail({ ...facts, name })) }));
      }
      default:
        // Decisions, publishes and rollbacks are not mailed: the page told the decider, and the
        // links of the others now answer that nothing is left to decide.
        return [];
    }
  }

  return {
    name: 'email',
    async notify(event) {
      const deliveries = await deliveriesFor(event);
      if (deliveries.length === 0) return;
      const row = await inTransaction(deps.pool, (c) => findAction(c, event.actionId));
      const policyVersion = row?.policy_version ?? 'unknown';
      const reachable = deliveries.filter((d) => deps.people[d.approver]?.email);
      const unreachable = deliveries.filter((d) => !deps.people[d.approver]?.email).map((d) => d.approver);
      if (unreachable.length) deps.log.warn({ actionId: event.actionId, approvers: unreachable }, 'approvers without an email address get no mail');
      if (reachable.length === 0) {
        throw new NotifierError(
          `email notifier: none of ${unreachable.join(', ')} has an email address; add email: to them under people: in the policy`,
          { retryable: false },
        );
      }
      const failures: NotifierError[] = [];
      for (const d of reachable) {
        const person = deps.people[d.approver];
        if (!person?.email) continue;
        const eventKey = `${event.actionId}:email:${d.purpose}:${d.approver}`;
        const { rowCount } = await deps.pool.query('SELECT 1 FROM audit_events WHERE event_key = $1', [eventKey]);
        if (rowCount) continue;
        const mail = await d.compose(person.name);
        let messageId: string;
        try {
          ({ messageId } = await deps.transport.send({
            from: deps.from,
            to: person.email,
            ...mail,
            headers: { 'X-Countersign-Action': event.actionId, 'X-Countersign-Mail': d.purpose, 'Auto-Submitted': 'auto-generated' },
          }));
        } catch (error) {
          if (!(error instanceof NotifierError)) throw error;
          failures.push(error);
          continue;
        }
        await inTransaction(deps.pool, (client) =>
          recordTransition(client, {
            actionId: event.actionId,
            eventKey,
            type: 'email_sent',
            actor: 'countersign',
            policyVersion,
            payload: { purpose: d.purpose, approver: d.approver, to: person.email, subject: mail.subject, messageId },
            occurredAt: deps.now(),
          }),
        );
      }
      // Mails that went out stay sent; the retry sends the rest.
      const [first] = failures;
      if (first) throw new NotifierError(failures.map((f) => f.message).join('; '), { retryable: failures.some((f) => f.retryable), cause: first });
    },
  };
}
