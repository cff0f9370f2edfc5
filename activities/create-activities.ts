import type { ActivityDeps } from './activity-deps.ts';
import { auditDraftActivity } from './audit-draft.ts';
import { compensateActivity } from './compensate.ts';
import { engageFreezeActivity, haltActionsActivity, liftFreezeActivity } from './kill-switch.ts';
import { notifyActivity } from './notify.ts';
import { publishActivity } from './publish.ts';
import { recordTransitionActivity } from './record-transition.ts';
import { stageDraftActivity } from './stage-draft.ts';
import { verifyPublishActivity } from './verify-publish.ts';

/** Every activity the workflows call, bound to the worker's dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    stageDraft: stageDraftActivity(deps),
    auditDraft: auditDraftActivity(deps),
    publish: publishActivity(deps),
    verifyPublish: verifyPublishActivity(deps),
    compensate: compensateActivity(deps),
    recordStep: recordTransitionActivity(deps),
    notify: notifyActivity(deps),
    engageKillSwitch: engageFreezeActivity(deps),
    haltActions: haltActionsActivity(deps),
    liftKillSwitch: liftFreezeActivity(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
