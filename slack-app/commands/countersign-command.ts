import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { actionStory, statusSummary } from '../../src/read-model/action-queries.ts';
import { pendingReply, statusReply } from '../blocks/command-replies.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import type { SlackAppDeps } from '../slack-app-deps.ts';
import { killAll, resume } from './operator-commands.ts';
import { parseCommand, USAGE } from './parse-command.ts';

/** The slash command's name, as slack-app/manifest.yaml declares it. */
export const SLASH_COMMAND = '/countersign';

async function answer(deps: SlackAppDeps, text: string, slackUserId: string): Promise<string> {
  const command = parseCommand(text);
  switch (command.kind) {
    case 'kill':
      return killAll(deps, slackUserId, command.reason, command.rollback);
    case 'resume':
      return resume(deps, slackUserId);
    case 'status': {
      const story = await actionStory(deps.pool, command.actionId);
      return story ? statusReply(story) : `No action \`${escapeMrkdwn(command.actionId)}\`; \`/countersign pending\` lists those waiting.`;
    }
    case 'pending':
      return pendingReply(await statusSummary(deps.pool));
    case 'help':
      return `${command.problem ? `${command.problem}\n` : ''}${USAGE}`;
  }
}

/** Acknowledged at once (Slack's 3 seconds); the answer follows through the response URL, to the caller only. */
export function countersignCommand(deps: SlackAppDeps) {
  return async ({ ack, command, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    let text: string;
    try {
      text = await answer(deps, command.text, command.user_id);
    } catch (error) {
      deps.log.error({ err: error, slackUser: command.user_id }, 'slack command failed');
      text = ':warning: Countersign could not finish that just now (Temporal or the database did not answer). Check with `/countersign pending` and try again.';
    }
    await respond({ response_type: 'ephemeral', text });
  };
}
