import type { Policy } from '../../src/policy/policy-schema.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';

// Pure: who a Slack user is in the policy. The Slack user id comes from a request Bolt has
// verified, so it is the person's proven identity; the policy's `people.<id>.slack_id` maps it.

export type People = Policy['people'];

/** The policy's person id for a Slack user, or undefined when no one has that slack_id. */
export function personOfSlackUser(people: People, slackUserId: string): string | undefined {
  return Object.entries(people).find(([, person]) => person.slack_id === slackUserId)?.[0];
}

/** How the messages name a person: a Slack mention when they have a slack_id, else their id. */
export function mentionOf(people: People, personId: string): string {
  const slackId = Object.hasOwn(people, personId) ? people[personId]?.slack_id : undefined;
  // An actor may be free text (a kill typed in the Temporal UI): never let it become a mention.
  return slackId ? `<@${slackId}>` : escapeMrkdwn(personId);
}
