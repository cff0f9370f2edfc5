import type { App } from '@slack/bolt';
import type { SlackAppDeps } from '../slack-app-deps.ts';

/**
 * The events the manifest subscribes to: losing the workspace is logged loudly, since approval
 * messages then fail and every request escalates until the app is reinstalled.
 */
export function register(app: App, deps: SlackAppDeps): void {
  app.event('app_uninstalled', ({ body }) => {
    deps.log.error({ team: body.team_id }, 'the Slack app was uninstalled; approvals escalate until it is reinstalled and SLACK_BOT_TOKEN is renewed');
    return Promise.resolve();
  });
  app.event('tokens_revoked', ({ body }) => {
    deps.log.error({ team: body.team_id }, 'Slack tokens were revoked; reinstall the app and renew SLACK_BOT_TOKEN');
    return Promise.resolve();
  });
}
