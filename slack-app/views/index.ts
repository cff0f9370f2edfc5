import type { App } from '@slack/bolt';
import { ViewId } from '../blocks/action-ids.ts';
import type { SlackAppDeps } from '../slack-app-deps.ts';
import { confirmApprovalSubmission, rejectSubmission } from './decision-submissions.ts';
import { rollbackSubmission } from './rollback-submission.ts';

/** The modals' submissions. */
export function register(app: App, deps: SlackAppDeps): void {
  app.view(ViewId.RejectReason, rejectSubmission(deps));
  app.view(ViewId.ApproveConfirmation, confirmApprovalSubmission(deps));
  app.view(ViewId.RollbackReason, rollbackSubmission(deps));
}
