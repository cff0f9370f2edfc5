import type { App } from '@slack/bolt';
import type { SlackAppDeps } from '../slack-app-deps.ts';
import { countersignCommand, SLASH_COMMAND } from './countersign-command.ts';

/** The slash command. */
export function register(app: App, deps: SlackAppDeps): void {
  app.command(SLASH_COMMAND, countersignCommand(deps));
}
