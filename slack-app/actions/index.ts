import type { App } from '@slack/bolt';
import { ActionId } from '../blocks/action-ids.ts';
import type { SlackAppDeps } from '../slack-app-deps.ts';
import { approveButton } from './approve-button.ts';
import { confirmApproveButton, rejectButton, rollbackButton } from './modal-buttons.ts';

/** The approval message's buttons. */
export function register(app: App, deps: SlackAppDeps): void {
  app.action(ActionId.Approve, approveButton(deps));
  app.action(ActionId.ApproveWithConfirmation, confirmApproveButton(deps));
  app.action(ActionId.Reject, rejectButton(deps));
  app.action(ActionId.RollBack, rollbackButton(deps));
}
