import type { WebClient } from '@slack/web-api';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Decision, DecisionKind } from '../../src/approvals/decision.ts';
import { signAttestation } from '../../src/approvals/sign-attestation.ts';
import { DecisionRefusedError } from '../../src/approvals/submit-decision.ts';
import { inTransaction } from '../../src/db/pool.ts';
import { ErrorCode } from '../../src/errors/countersign-error.ts';
import { actionWorkflowId, statusQuery } from '../../workflows/messages.ts';
import { closedApprovalReason, decisionAcceptedText, decisionRefusedText, UNDELIVERED_TEXT, unlinkedUserText } from '../blocks/outcome-text.ts';
import { personOfSlackUser } from '../identity/slack-people.ts';
import type { SlackAppDeps } from '../slack-app-deps.ts';
import { messagesOf } from '../notifier/message-store.ts';
import { auditSlackRefusal } from './audit-slack-refusal.ts';
import { refreshAfterDecision } from './refresh-after-decision.ts';

export interface DecisionClick {
  kind: DecisionKind;
  actionId: string;
  slackUserId: string;
  /** The conversation of the approval message, where the clicker is told the outcome. */
  channel: string;
  reason?: string;
  comment?: string;
  /** Tier 4: ticked in the confirmation dialog. */
  confirm?: boolean;
}

/**
 * A verified click as a decision: the Slack user mapped to a person through the policy, the
 * decision signed with the Slack channel's key over the action's current hash, delivered as the
 * `approve`/`reject` update, and the outcome shown to the clicker only (an ephemeral message).
 * Called after the request was acknowledged, so Slack's 3 seconds never wait on Temporal.
 */
export async function deliverDecision(deps: SlackAppDeps, client: WebClient, click: DecisionClick): Promise<void> {
  const tell = async (text: string) => {
    await client.chat.postEphemeral({ channel: click.channel, user: click.slackUserId, text });
  };
  const log = deps.log.child({ actionId: click.actionId, slackUser: click.slackUserId });
  const person = personOfSlackUser(deps.people, click.slackUserId);
  if (person === undefined) {
    const text = unlinkedUserText(click.slackUserId);
    await auditSlackRefusal(deps.pool, click.actionId, { type: 'decision_refused', actor: `slack:${click.slackUserId}`, code: ErrorCode.NotAnApprover, reason: text, asked: click.kind }, deps.policyVersion, deps.now());
    log.info({ decision: click.kind }, 'slack decision refused: user not in the policy');
    await tell(text);
    return;
  }
  let phase: string | undefined;
  let closedWhy: string | undefined;
  try {
    const status = await deps.temporal.workflow.getHandle(actionWorkflowId(click.actionId)).query(statusQuery);
    phase = status.approval?.phase;
    closedWhy = closedApprovalReason(status.approval);
    if (!status.actionHash) {
      await tell(decisionRefusedText(ErrorCode.DecisionClosed, `action ${click.actionId} is not waiting for a decision (it is ${status.state})`, phase));
      return;
    }
    // Sign the hash the person was shown (the message's request), not whatever the workflow says
    // now: if the two ever differ, the workflow refuses the decision instead of accepting it.
    const shown = (await inTransaction(deps.pool, (c) => messagesOf(c, click.actionId)))[0]?.request.actionHash;
    if (shown === undefined) {
      await tell(decisionRefusedText(ErrorCode.DecisionInvalid, `Countersign has no message of action ${click.actionId}; decide from the approval message it posted`, phase));
      return;
    }
    const decision: Decision = {
      approver: person,
      channel: 'slack',
      attestation: signAttestation(
        deps.privateKey,
        { actionId: click.actionId, actionHash: shown, approver: person, decision: click.kind, channel: 'slack', ...(click.confirm ? { confirm: true as const } : {}) },
        deps.now(),
      ),
      ...(click.reason === undefined ? {} : { reason: click.reason }),
      ...(click.comment === undefined ? {} : { comment: click.comment }),
      ...(click.confirm ? { confirm: true } : {}),
    };
    const result = await deps.submit(click.actionId, click.kind, decision);
    log.info({ decision: click.kind, approver: person, approvals: result.approvals, quorum: result.quorum }, 'slack decision accepted');
    await tell(decisionAcceptedText(result));
    await refreshAfterDecision(deps, client, click.actionId);
  } catch (error) {
    if (error instanceof DecisionRefusedError) {
      log.info({ decision: click.kind, approver: person, code: error.code }, 'slack decision refused');
      await tell(decisionRefusedText(error.code, error.code === ErrorCode.DecisionClosed && closedWhy ? closedWhy : error.message, phase));
    } else if (error instanceof WorkflowNotFoundError) {
      await tell(decisionRefusedText(ErrorCode.DecisionClosed, `action ${click.actionId} has ended, or does not exist`));
    } else {
      // Temporal or the database is unreachable: the person hears so, the log keeps the cause.
      log.error({ err: error, decision: click.kind }, 'slack decision could not be delivered');
      await tell(UNDELIVERED_TEXT);
    }
  }
}
