import type { SlackSpec } from '../../src/notifiers/notifier-spec.ts';
import type { RequestFacts } from '../blocks/approval-message.ts';
import type { People } from '../identity/slack-people.ts';

// Pure: where an approval request is posted.

export interface MessageTarget {
  /** The channel id, or the approver's Slack user id (chat.postMessage opens the DM). */
  target: string;
  /** The person of a DM. */
  recipient: string | null;
}

export interface Targets {
  targets: MessageTarget[];
  /** Approvers a DM cannot reach: no slack_id in the policy. */
  unreachable: string[];
}

/** The policy's channel, and with `dm: true` each approver but the agent's owner who has a slack_id. */
export function messageTargets(spec: SlackSpec, request: RequestFacts, people: People): Targets {
  const targets: MessageTarget[] = spec.channel ? [{ target: spec.channel, recipient: null }] : [];
  const unreachable: string[] = [];
  if (spec.dm) {
    for (const approver of request.approvers) {
      if (approver === request.owner) continue;
      const slackId = Object.hasOwn(people, approver) ? people[approver]?.slack_id : undefined;
      if (slackId) targets.push({ target: slackId, recipient: approver });
      else unreachable.push(approver);
    }
  }
  return { targets, unreachable };
}
